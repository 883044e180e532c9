// The one kiosk window: fullscreen, no menu, locked to our renderer, reloaded if it crashes.
import { BrowserWindow, Menu, session } from 'electron';
import { APP_START_URL, isAppUrl } from '../app-url';

export function createKioskWindow(preloadPath: string, opts: { kiosk: boolean }): BrowserWindow {
  Menu.setApplicationMenu(null);
  const win = new BrowserWindow({
    show: false,
    kiosk: opts.kiosk,
    fullscreen: opts.kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#0b3d2e',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());

  const { webContents } = win;
  webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  webContents.on('render-process-gone', (_event, details) => {
    console.error(`renderer gone (${details.reason}); reloading`);
    if (!win.isDestroyed()) void win.loadURL(APP_START_URL);
  });
  void win.loadURL(APP_START_URL);
  return win;
}

/** Camera only (the door scanner), only for our own renderer; everything else is refused. */
export function restrictPermissions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const isVideoOnly =
      permission === 'media' &&
      'mediaTypes' in details &&
      (details.mediaTypes ?? []).every((t) => t === 'video');
    callback(isVideoOnly && isAppUrl(webContents.getURL()));
  });
  ses.setPermissionCheckHandler(
    (_webContents, permission, requestingOrigin) => permission === 'media' && isAppUrl(requestingOrigin),
  );
}
