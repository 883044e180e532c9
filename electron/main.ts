// Electron entry: the thin shell around the kiosk core. Everything it wires is plain Node and
// tested elsewhere; this file only connects it to Electron.
import { app, ipcMain, powerSaveBlocker, type BrowserWindow } from 'electron';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { usePrivateUmask } from './core/db/private-files';
import { openKioskCore } from './core/kiosk-core';
import { fail } from '../shared/ipc/result';
import { isAppUrl } from './app-url';
import { IPC_CALL } from './ipc-channel';
import { electronNativeBinding } from './native-binding';
import { registerAppScheme, serveRenderer } from './shell/app-protocol';
import { guardKioskClose } from './shell/close-guard';
import { createKioskWindow, restrictPermissions } from './shell/kiosk-window';

// Before Electron or the core write anything: the kiosk's database, photos and Chromium profile
// are readable by this user only.
usePrivateUmask();

const { values: args } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  options: { data: { type: 'string' }, 'no-kiosk': { type: 'boolean', default: false } },
  strict: false,
});

const distDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dataDir = typeof args.data === 'string' ? args.data : path.join(app.getPath('userData'), 'kiosk');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  void app.whenReady().then(start);
}

function start(): void {
  const core = openKioskCore({
    dataDir,
    nativeBinding: electronNativeBinding({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      distDir,
    }),
    onExit: () => {
      guard.allowExit();
      app.quit();
    },
  });
  app.on('will-quit', () => core.close());

  ipcMain.handle(IPC_CALL, (event, channel: unknown, input: unknown) => {
    if (!event.senderFrame || !isAppUrl(event.senderFrame.url)) {
      return fail('forbidden', 'IPC is only answered for the kiosk renderer');
    }
    return typeof channel === 'string'
      ? core.dispatch(channel, input)
      : fail('unknown_channel', 'channel must be a string');
  });

  restrictPermissions();
  serveRenderer(path.join(distDir, 'renderer'), dataDir);
  powerSaveBlocker.start('prevent-display-sleep');
  const kiosk = args['no-kiosk'] !== true;
  let win: BrowserWindow | undefined;
  // Only staff:exit (PIN) ends the kiosk: closing the window is refused until then.
  const guard = guardKioskClose(
    app,
    () => (win = createKioskWindow(path.join(distDir, 'electron', 'preload.cjs'), { kiosk })),
    { kiosk },
  );
  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
}
