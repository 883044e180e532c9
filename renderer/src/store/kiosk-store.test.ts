// The store's visitor flows (bootstrap, filling in a form, idle reset), against the demo forms and
// a scripted kiosk core.
import { describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { NOW, SETTINGS, answerAndNext, currentPage, readyStore, survey } from './testing/scripted-kiosk';
describe('bootstrap', () => {
  it('compiles the offered forms in order with their idle behaviour', async () => {
    const { store } = await readyStore();
    const { boot } = store.getState();
    expect(boot.status).toBe('ready');
    if (boot.status !== 'ready') return;
    expect(boot.forms.map((form) => [form.definition.formId, form.onIdle])).toEqual([
      ['registro_visitantes', 'discard'],
      ['encuesta_impacto_economico', 'keep'],
    ]);
  });

  it('keeps the refusal when the core cannot answer', async () => {
    const { store } = await readyStore({
      'kiosk:bootstrap': () => ({ ok: false, error: { code: 'internal', message: 'database is locked' } }),
    });
    expect(store.getState().boot).toEqual({
      status: 'failed',
      error: { code: 'internal', message: 'database is locked' },
    });
  });
});

describe('a visitor filling in a form', () => {
  it('chooses the language before the first question', async () => {
    const { store } = await readyStore();
    store.getState().startForm('encuesta_impacto_economico');
    expect(store.getState().screen).toBe('language');
    expect(store.getState().session).toMatchObject({
      languages: ['es', 'en'],
      language: 'es',
      startedAt: NOW.toISOString(),
    });
    store.getState().chooseLanguage('en');
    expect(store.getState().screen).toBe('form');
    expect(store.getState().session?.language).toBe('en');
    expect(currentPage(store)).toBe('intro');
  });

  it('goes straight to the form when only one language is offered', async () => {
    const { store } = await readyStore({
      'kiosk:bootstrap': () => ({
        ok: true,
        value: { deviceId: 'device-1', settings: { ...SETTINGS, languages: ['es'] }, forms: [survey] },
      }),
    });
    store.getState().startForm('encuesta_impacto_economico');
    expect(store.getState().screen).toBe('form');
  });

  it('will not leave a page with an issue, and shows it', async () => {
    const { store } = await readyStore();
    store.getState().startForm('registro_visitantes');
    store.getState().chooseLanguage('es');
    await answerAndNext(store); // the privacy notice
    expect(currentPage(store)).toBe('acepta_aviso');
    await answerAndNext(store);
    expect(currentPage(store)).toBe('acepta_aviso');
    expect(store.getState().session?.showIssue).toBe(true);
    await answerAndNext(store, 'no');
    expect(currentPage(store)).toBe('acepta_aviso');
    await answerAndNext(store, 'si');
    expect(currentPage(store)).toBe('tipo_visitante');
    expect(store.getState().session?.showIssue).toBe(false);
  });

  it('saves a registration with only the relevant answers and shows the pass', async () => {
    const { store, calls } = await readyStore({
      'submission:save': () => ({
        ok: true,
        value: {
          id: '0199a3b2-7c4e-7d21-9f00-1234567890ab',
          passId: '0199a3b2-7c4e-7d21-9f00-1234567890ab',
          savedAt: NOW.toISOString(),
        },
      }),
    });
    store.getState().startForm('registro_visitantes');
    store.getState().chooseLanguage('es');
    await answerAndNext(store);
    await answerAndNext(store, 'si');
    await answerAndNext(store, 'escuela');
    // Changed their mind: a family, so the school questions are skipped and their answers dropped.
    store.getState().setAnswer('escuela', 'Primaria Benito Juárez');
    store.getState().goBack();
    expect(currentPage(store)).toBe('tipo_visitante');
    await answerAndNext(store, 'familia');
    expect(currentPage(store)).toBe('nombre');
    await answerAndNext(store, 'Ana López');
    await answerAndNext(store, 2);
    await answerAndNext(store, 1);
    expect(currentPage(store)).toBe('correo');
    await answerAndNext(store);
    await answerAndNext(store, 'hgo');
    await answerAndNext(store, 'pachuca_de_soto');
    expect(currentPage(store)).toBe('intereses');
    await answerAndNext(store, ['talleres', 'cuentacuentos']);
    // The last page leads to the review; only its Enviar saves.
    expect(store.getState().session?.reviewing).toBe(true);
    expect(calls.some((call) => call.channel === 'submission:save')).toBe(false);
    await store.getState().goNext();

    const save = calls.find((call) => call.channel === 'submission:save');
    expect(save?.input).toEqual({
      formId: 'registro_visitantes',
      formVersion: '2026110101',
      language: 'es',
      answers: {
        acepta_aviso: 'si',
        tipo_visitante: 'familia',
        nombre: 'Ana López',
        ninos: 2,
        adultos: 1,
        estado: 'hgo',
        municipio: 'pachuca_de_soto',
        intereses: ['talleres', 'cuentacuentos'],
      },
      complete: true,
      startedAt: NOW.toISOString(),
    });
    expect(store.getState()).toMatchObject({
      screen: 'thanks',
      session: null,
      thanks: { kind: 'registration', language: 'es', passId: '0199a3b2-7c4e-7d21-9f00-1234567890ab' },
    });
    store.getState().finishThanks();
    expect(store.getState()).toMatchObject({ screen: 'attract', thanks: null });
  });

  it('keeps the answers after a failed save so the visitor can retry', async () => {
    let attempts = 0;
    const { store } = await readyStore({
      'submission:save': () => {
        attempts++;
        return attempts === 1
          ? { ok: false, error: { code: 'internal', message: 'disk I/O error' } }
          : { ok: true, value: { id: 'x', passId: null, savedAt: NOW.toISOString() } };
      },
    });
    store.getState().startForm('encuesta_impacto_economico');
    store.getState().chooseLanguage('es');
    await answerAndNext(store);
    await answerAndNext(store, 'no'); // declines: the survey ends here
    await store.getState().goNext(); // Enviar on the review
    expect(store.getState().screen).toBe('form');
    expect(store.getState().session).toMatchObject({
      answers: { acepta: 'no' },
      saving: false,
      saveError: { code: 'internal', message: 'disk I/O error' },
    });
    await store.getState().goNext();
    expect(store.getState()).toMatchObject({ screen: 'thanks', thanks: { kind: 'survey', passId: null } });
  });

  it('ignores a save that answers after an idle reset cleared the visitor away', async () => {
    let answer: (result: Result<ChannelOutput<'submission:save'>>) => void = () => {};
    const { store, calls } = await readyStore({
      'submission:save': () => new Promise((resolve) => (answer = resolve)),
    });
    store.getState().startForm('encuesta_impacto_economico');
    store.getState().chooseLanguage('es');
    await answerAndNext(store);
    await answerAndNext(store, 'no');
    const submitting = store.getState().goNext();
    expect(store.getState().session?.saving).toBe(true);
    await store.getState().resetKiosk();
    answer({ ok: true, value: { id: 'x', passId: null, savedAt: NOW.toISOString() } });
    await submitting;
    expect(store.getState()).toMatchObject({ screen: 'attract', session: null, thanks: null });
    // The complete save was already sent: no incomplete copy of the same visitor.
    expect(calls.filter((call) => call.channel === 'submission:save')).toHaveLength(1);
  });
});

describe('idle reset', () => {
  it('saves a half-filled form as incomplete when its onIdle is keep, after clearing the screen', async () => {
    const { store, calls } = await readyStore({
      'submission:save': () => ({ ok: true, value: { id: 'x', passId: null, savedAt: NOW.toISOString() } }),
    });
    store.getState().startForm('encuesta_impacto_economico');
    store.getState().chooseLanguage('en');
    await answerAndNext(store);
    await answerAndNext(store, 'si');
    await answerAndNext(store, 'us');
    store.getState().setAnswer('edad', '30_44');
    const resetting = store.getState().resetKiosk();
    expect(store.getState()).toMatchObject({ screen: 'attract', session: null, thanks: null });
    await resetting;
    expect(calls.filter((call) => call.channel === 'submission:save').map((call) => call.input)).toEqual([
      {
        formId: 'encuesta_impacto_economico',
        formVersion: '2026110101',
        language: 'en',
        answers: { acepta: 'si', pais: 'us', edad: '30_44', gasto_total: 0 },
        complete: false,
        startedAt: NOW.toISOString(),
      },
    ]);
  });

  it('drops a half-filled form whose onIdle is discard', async () => {
    const { store, calls } = await readyStore();
    store.getState().startForm('registro_visitantes');
    store.getState().chooseLanguage('es');
    await answerAndNext(store);
    await answerAndNext(store, 'si');
    await store.getState().resetKiosk();
    expect(store.getState()).toMatchObject({ screen: 'attract', session: null });
    expect(calls.map((call) => call.channel)).toEqual(['kiosk:bootstrap']);
  });

  it('saves nothing when the visitor answered nothing', async () => {
    const { store, calls } = await readyStore();
    store.getState().startForm('encuesta_impacto_economico');
    await store.getState().resetKiosk();
    expect(calls.map((call) => call.channel)).toEqual(['kiosk:bootstrap']);
  });
});
