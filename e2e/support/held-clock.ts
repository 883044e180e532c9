// A page clock held still while axe checks the page: axe goes from rule to rule on timers, so it
// runs on the browser's own, kept before the clock took them over. The held clock then does not move
// at all, however long axe takes on a busy machine, and nothing on the page times out meanwhile.
import type { Page } from '@playwright/test';
import { expectAccessible } from './fixtures';

interface Timers {
  setTimeout: typeof setTimeout;
  clearTimeout: typeof clearTimeout;
}

/** Installs the page's clock, keeping the browser's own timers for `expectAccessibleOnHeldClock`. */
export async function installClockKeepingTimers(page: Page): Promise<void> {
  // A page's init scripts run in the order they were added: this one still sees the browser's timers.
  await page.addInitScript(() => {
    const browserTimers: Timers = {
      setTimeout: globalThis.setTimeout,
      clearTimeout: globalThis.clearTimeout,
    };
    Object.assign(globalThis, { browserTimers });
  });
  await page.clock.install();
}

/** Gives the page the browser's own timers, or gives the clock's back. */
async function useBrowserTimers(page: Page, on: boolean): Promise<void> {
  await page.evaluate((on) => {
    const held = globalThis as unknown as Timers & { browserTimers: Timers; clockTimers?: Timers };
    if (!on) return void Object.assign(globalThis, held.clockTimers);
    if (!String(held.browserTimers.setTimeout).includes('[native code]')) {
      throw new Error('the page clock took the timers before they were kept');
    }
    held.clockTimers = { setTimeout: held.setTimeout, clearTimeout: held.clearTimeout };
    Object.assign(globalThis, held.browserTimers);
  }, on);
}

/** No serious or critical axe violation, the page's clock held meanwhile (installClockKeepingTimers). */
export async function expectAccessibleOnHeldClock(page: Page, screen: string): Promise<void> {
  await useBrowserTimers(page, true);
  try {
    await expectAccessible(page, screen);
  } finally {
    await useBrowserTimers(page, false);
  }
}
