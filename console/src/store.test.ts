import { afterEach, describe, expect, it, vi } from 'vitest';

// The store picks its first language when it loads: each case loads it afresh.
async function freshStore() {
  vi.resetModules();
  const { useConsole } = await import('./store');
  return useConsole.getState();
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the console store’s first language', () => {
  it('is es-MX where there is no navigator (Node), instead of failing to load', async () => {
    vi.stubGlobal('navigator', undefined);
    const state = await freshStore();
    expect(state.locale).toBe('es-MX');
    expect(state.t.appName).toBe('Quiosco · Consola');
  });

  it('is English for a browser in any English', async () => {
    for (const language of ['en', 'en-US', 'en-GB']) {
      vi.stubGlobal('navigator', { language });
      const state = await freshStore();
      expect(state.locale).toBe('en');
      expect(state.t.appName).toBe('Quiosco · Console');
    }
  });

  it('is es-MX for a browser in Spanish or any other language', async () => {
    for (const language of ['es-MX', 'es', 'fr-FR', '']) {
      vi.stubGlobal('navigator', { language });
      const state = await freshStore();
      expect(state.locale).toBe('es-MX');
      expect(state.t.appName).toBe('Quiosco · Consola');
    }
  });
});
