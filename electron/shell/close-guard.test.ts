// The close guard with fake window and app objects: no Electron in this test.
import { describe, expect, it } from 'vitest';
import { guardKioskClose, type GuardedApp, type GuardedWindow, type PreventableEvent } from './close-guard';

function fakes() {
  const windows: { close: ((event: PreventableEvent) => void)[] }[] = [];
  let allClosed: (() => void) | undefined;
  const app: GuardedApp & { quits: number } = {
    quits: 0,
    on(_event, listener) {
      allClosed = listener;
    },
    quit() {
      app.quits++;
    },
  };
  const openWindow = (): GuardedWindow => {
    const win = { close: [] as ((event: PreventableEvent) => void)[] };
    windows.push(win);
    return {
      on(_event, listener) {
        win.close.push(listener);
      },
    };
  };
  /** What the window manager's close (Alt+F4) does: answers whether the window really closes. */
  const tryClose = (index: number): boolean => {
    let prevented = false;
    for (const listener of windows[index]?.close ?? [])
      listener({ preventDefault: () => (prevented = true) });
    return !prevented;
  };
  const allWindowsClosed = () => allClosed?.();
  return { app, windows, openWindow, tryClose, allWindowsClosed };
}

describe('kiosk close guard', () => {
  it('refuses to close the kiosk window until staff leave kiosk mode, then closes and quits', () => {
    const f = fakes();
    const guard = guardKioskClose(f.app, f.openWindow, { kiosk: true });
    expect(f.windows).toHaveLength(1);
    expect(f.tryClose(0)).toBe(false);
    expect(f.tryClose(0)).toBe(false);
    expect(f.app.quits).toBe(0);

    guard.allowExit();
    expect(f.tryClose(0)).toBe(true);
    f.allWindowsClosed();
    expect(f.app.quits).toBe(1);
    expect(f.windows).toHaveLength(1);
  });

  it('opens the window again if it is gone while still in kiosk mode', () => {
    const f = fakes();
    guardKioskClose(f.app, f.openWindow, { kiosk: true });
    f.allWindowsClosed();
    expect(f.app.quits).toBe(0);
    expect(f.windows).toHaveLength(2);
    expect(f.tryClose(1)).toBe(false);
  });

  it('lets the window close and the app quit outside kiosk mode (--no-kiosk)', () => {
    const f = fakes();
    guardKioskClose(f.app, f.openWindow, { kiosk: false });
    expect(f.tryClose(0)).toBe(true);
    f.allWindowsClosed();
    expect(f.app.quits).toBe(1);
  });
});
