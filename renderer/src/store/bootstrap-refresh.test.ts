// What sync brings reaches the attract screen on the refresh's clock, and never a visitor mid-form.
import { describe, expect, it } from 'vitest';
import type { ChannelOutput, KioskBranding } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { ATTRACT_REFRESH_MS, refreshOnAttract } from './bootstrap-refresh';
import type { KioskStore } from './kiosk-store';
import { manualTimers } from './testing/field-kiosk';
import { SETTINGS, readyStore, registration, survey } from './testing/scripted-kiosk';

type Bootstrap = Result<ChannelOutput<'kiosk:bootstrap'>>;

const brand = (eventName: string): KioskBranding => ({ eventName, colours: null, logo: null, attract: [] });

/** A kiosk core whose event branding the test changes, as a background sync round would. */
async function kioskOnAttract() {
  const core = { branding: brand('Feria del Libro'), answer: null as Promise<Bootstrap> | null };
  const bootstrap = (): Bootstrap => ({
    ok: true,
    value: {
      deviceId: 'device-1',
      settings: SETTINGS,
      forms: [registration, survey],
      branding: core.branding,
    },
  });
  const { store, calls } = await readyStore({ 'kiosk:bootstrap': () => core.answer ?? bootstrap() });
  const clock = manualTimers();
  const stop = refreshOnAttract(store, clock.timers);
  const bootstraps = () => calls.filter((call) => call.channel === 'kiosk:bootstrap').length;
  return { core, bootstrap, store, clock, stop, bootstraps };
}

function eventName(store: KioskStore): string | undefined {
  const { boot } = store.getState();
  return boot.status === 'ready' ? boot.branding?.eventName : undefined;
}

/**
 * Lets the store's pending calls answer: the scripted kiosk answers at once, so a few turns of the
 * microtask queue carry an answer into the store — no timer, nothing that depends on speed.
 */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 20; turn++) await Promise.resolve();
}

describe('refreshing the bootstrap on the attract screen', () => {
  it('shows new branding one period after the attract screen has been idle', async () => {
    const { core, store, clock, bootstraps } = await kioskOnAttract();
    core.branding = brand('Feria de la Música');
    clock.advance(ATTRACT_REFRESH_MS - 1);
    await settle();
    expect(eventName(store)).toBe('Feria del Libro');
    expect(bootstraps()).toBe(1);
    clock.advance(1);
    await settle();
    expect(eventName(store)).toBe('Feria de la Música');
    // It keeps going while the screen stays.
    core.branding = brand('Feria del Maíz');
    clock.advance(ATTRACT_REFRESH_MS);
    await settle();
    expect(eventName(store)).toBe('Feria del Maíz');
  });

  it('leaves an unchanged bootstrap as it is, so nothing on screen restarts', async () => {
    const { store, clock, bootstraps } = await kioskOnAttract();
    const before = store.getState().boot;
    clock.advance(ATTRACT_REFRESH_MS);
    await settle();
    expect(bootstraps()).toBe(2);
    expect(store.getState().boot).toBe(before);
  });

  it('never changes what a visitor mid-form sees, and catches up when they leave', async () => {
    const { core, store, clock, bootstraps } = await kioskOnAttract();
    store.getState().startForm('registro_visitantes');
    store.getState().chooseLanguage('es');
    core.branding = brand('Feria de la Música');
    clock.advance(ATTRACT_REFRESH_MS * 5);
    await settle();
    expect(bootstraps()).toBe(1);
    expect(clock.pending()).toBe(0);
    expect(eventName(store)).toBe('Feria del Libro');

    await store.getState().resetKiosk();
    await settle();
    expect(eventName(store)).toBe('Feria de la Música');
    expect(clock.pending()).toBe(1);
  });

  it('drops an answer that arrives after a visitor has started', async () => {
    const { core, bootstrap, store, clock } = await kioskOnAttract();
    let answer: (value: Bootstrap) => void = () => undefined;
    core.answer = new Promise((resolve) => (answer = resolve));
    clock.advance(ATTRACT_REFRESH_MS);
    store.getState().startForm('registro_visitantes');
    core.branding = brand('Feria de la Música');
    answer(bootstrap());
    await settle();
    expect(eventName(store)).toBe('Feria del Libro');
  });

  it('keeps what shows when the core cannot answer', async () => {
    const { core, store, clock } = await kioskOnAttract();
    const before = store.getState().boot;
    core.answer = Promise.resolve({ ok: false, error: { code: 'internal', message: 'database is locked' } });
    clock.advance(ATTRACT_REFRESH_MS);
    await settle();
    expect(store.getState().boot).toBe(before);
  });

  it('stops when asked', async () => {
    const { stop, clock, bootstraps, store } = await kioskOnAttract();
    stop();
    expect(clock.pending()).toBe(0);
    store.getState().openStaffPin();
    await store.getState().resetKiosk();
    clock.advance(ATTRACT_REFRESH_MS);
    await settle();
    expect(bootstraps()).toBe(1);
  });
});
