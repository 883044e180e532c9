// A session kept across a page reload comes back as it was, and only onto the form it was for.
import { describe, expect, it } from 'vitest';
import { readyStore, answerAndNext, currentPage } from './testing/scripted-kiosk';
import type { SavedSession } from './session-restore';

const SAVED: SavedSession = {
  formId: 'encuesta_impacto_economico',
  formVersion: '2026110101',
  screen: 'form',
  languages: ['es', 'en'],
  language: 'en',
  answers: { acepta: 'si', pais: 'mx', estado: 'hgo' },
  pageIndex: 4,
  startedAt: '2026-11-14T16:00:00.000Z',
  reviewing: false,
  fromReview: false,
  progressFloors: [1 / 27, 2 / 27, 3 / 27, 4 / 27],
};

describe('resuming a kept session', () => {
  it('lands on the same page with the answers, language and progress', async () => {
    const { store } = await readyStore();
    store.getState().resumeSession(SAVED);
    expect(store.getState().screen).toBe('form');
    expect(currentPage(store)).toBe('municipio');
    expect(store.getState().session).toMatchObject({
      language: 'en',
      answers: SAVED.answers,
      startedAt: SAVED.startedAt,
      progressFloors: SAVED.progressFloors,
      touched: true,
      saving: false,
    });
    await answerAndNext(store, 'actopan');
    expect(currentPage(store)).toBe('edad');
  });

  it('starts afresh when the form is gone or has a new version', async () => {
    const { store } = await readyStore();
    store.getState().resumeSession({ ...SAVED, formVersion: '2026120101' });
    store.getState().resumeSession({ ...SAVED, formId: 'otra_encuesta' });
    expect(store.getState()).toMatchObject({ screen: 'attract', session: null });
  });
});
