// Keeps the kiosk window up until staff leave kiosk mode with the PIN: Alt+F4, the window
// manager's close button and Cmd+Q all end in the window's 'close' event, which is refused until
// then. Plain module over injected window/app interfaces, so it is tested in Node without Electron.

/** The part of an Electron event the guard uses. */
export type PreventableEvent = { preventDefault(): void };

/** The part of BrowserWindow the guard uses. */
export type GuardedWindow = {
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
};

/** The part of Electron's app the guard uses. */
export type GuardedApp = {
  on(event: 'window-all-closed', listener: () => void): unknown;
  quit(): void;
};

export type CloseGuard = {
  /** Staff left kiosk mode (staff:exit): from now on closing the window is allowed, and quits. */
  allowExit(): void;
};

/**
 * `openWindow` makes the kiosk window; the guard calls it once now, and again if the window is
 * ever gone while exit is not allowed (destroyed by a crash of its own), so the kiosk stays up.
 */
export function guardKioskClose(
  app: GuardedApp,
  openWindow: () => GuardedWindow,
  { kiosk }: { kiosk: boolean },
): CloseGuard {
  // Outside kiosk mode (--no-kiosk, for development) the window closes like any other.
  let exitAllowed = !kiosk;
  const open = () => {
    openWindow().on('close', (event) => {
      if (!exitAllowed) event.preventDefault();
    });
  };
  app.on('window-all-closed', () => {
    if (exitAllowed) app.quit();
    else open();
  });
  open();
  return {
    allowExit() {
      exitAllowed = true;
    },
  };
}
