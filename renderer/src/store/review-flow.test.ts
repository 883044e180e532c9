// The review of answers before Enviar: "Cambiar" opens a page and Siguiente comes back, by way
// of any page the change made necessary; Atrás from the review is the last page.
import { describe, expect, it } from 'vitest';
import type { KioskStore } from './kiosk-store';
import { answerAndNext, currentPage, readyStore } from './testing/scripted-kiosk';

/** Declines the survey's lodging questions and reaches the review with every spend answered. */
async function reviewedSurvey(store: KioskStore): Promise<void> {
  store.getState().startForm('encuesta_impacto_economico');
  store.getState().chooseLanguage('es');
  const answers: (string | number | string[] | undefined)[] = [
    undefined,
    'si',
    'us',
    '30_44',
    undefined,
    undefined,
    'si',
    ['redes'],
    'trabajo',
    2,
    'auto',
    'no',
    100,
    0,
    50,
    0,
    '5',
    9,
    undefined,
  ];
  for (const value of answers) await answerAndNext(store, value);
  expect(store.getState().session?.reviewing).toBe(true);
}

describe('the review of answers', () => {
  it('Cambiar opens the page and Siguiente returns to the review, answer changed', async () => {
    const { store, calls } = await readyStore();
    await reviewedSurvey(store);
    store.getState().reviewPage('tamano_grupo');
    expect(currentPage(store)).toBe('tamano_grupo');
    expect(store.getState().session).toMatchObject({ reviewing: false, fromReview: true });
    await answerAndNext(store, 5);
    expect(store.getState().session).toMatchObject({ reviewing: true, fromReview: false });
    expect(store.getState().session?.answers.tamano_grupo).toBe(5);
    expect(calls.some((call) => call.channel === 'submission:save')).toBe(false);
  });

  it('goes through the pages a change brings in before coming back', async () => {
    const { store } = await readyStore();
    await reviewedSurvey(store);
    store.getState().reviewPage('pernocta');
    await answerAndNext(store, 'si');
    // Nights and lodging are now asked, and lodging spend, each required.
    expect(currentPage(store)).toBe('noches');
    expect(store.getState().session?.showIssue).toBe(true);
    await answerAndNext(store, 2);
    expect(currentPage(store)).toBe('hospedaje');
    await answerAndNext(store, 'hotel');
    expect(currentPage(store)).toBe('gasto_hospedaje');
    await answerAndNext(store, 800);
    expect(store.getState().session?.reviewing).toBe(true);
  });

  it('Atrás from the review is the last page; a page with no Cambiar is not opened', async () => {
    const { store } = await readyStore();
    await reviewedSurvey(store);
    store.getState().reviewPage('noches'); // not asked on this path
    expect(store.getState().session?.reviewing).toBe(true);
    store.getState().goBack();
    expect(store.getState().session?.reviewing).toBe(false);
    expect(currentPage(store)).toBe('comentarios');
  });
});
