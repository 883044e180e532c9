// The store's visitor and staff flows, against the demo forms and a scripted kiosk core.
import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../../shared/forms/form-definition';
import { readXlsFormCsv } from '../../../shared/forms/xlsform-csv';
import type { Channel, ChannelInput, ChannelOutput, SyncStatus } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import type { KioskSettings } from '../../../shared/kiosk/kiosk-settings';
import surveyChoices from '../../../demo/forms/encuesta-impacto-economico.choices.csv?raw';
import surveySettings from '../../../demo/forms/encuesta-impacto-economico.settings.csv?raw';
import surveySurvey from '../../../demo/forms/encuesta-impacto-economico.survey.csv?raw';
import registrationChoices from '../../../demo/forms/registro-visitantes.choices.csv?raw';
import registrationSettings from '../../../demo/forms/registro-visitantes.settings.csv?raw';
import registrationSurvey from '../../../demo/forms/registro-visitantes.survey.csv?raw';
import type { Api } from '../api/transport';
import { formView } from './form-view';
import { createKioskStore, type KioskStore } from './kiosk-store';
import { sessionForm } from './session-slice';

const registration = readXlsFormCsv({
  survey: registrationSurvey,
  choices: registrationChoices,
  settings: registrationSettings,
});
const survey = readXlsFormCsv({ survey: surveySurvey, choices: surveyChoices, settings: surveySettings });

const SETTINGS: KioskSettings = {
  deviceName: 'Quiosco entrada 1',
  eventId: 'feria_libro_2026',
  offeredForms: [
    { formId: 'registro_visitantes', onIdle: 'discard' },
    { formId: 'encuesta_impacto_economico', onIdle: 'keep' },
  ],
  languages: ['es', 'en'],
  defaultLanguage: 'es',
  idleTimeoutSeconds: 60,
  idleWarningSeconds: 15,
  privacyNotice: { version: '2026-01', url: 'https://cultura.hidalgo.gob.mx/aviso' },
};
const TOKEN = 'staff-token-0123456789abcdef';
const NOW = new Date('2026-11-14T16:30:00.000Z');

type Handlers = {
  [C in Channel]?: (input: ChannelInput<C>) => Result<ChannelOutput<C>> | Promise<Result<ChannelOutput<C>>>;
};
type Call = { channel: Channel; input: unknown };

/** A stand-in for the kiosk core that answers from a script and records every call. */
function scriptedKiosk(handlers: Handlers, forms: FormDefinition[] = [registration, survey]) {
  const calls: Call[] = [];
  const all: Handlers = {
    'kiosk:bootstrap': () => ({ ok: true, value: { deviceId: 'device-1', settings: SETTINGS, forms } }),
    ...handlers,
  };
  const api = (async (channel: Channel, input: unknown) => {
    calls.push({ channel, input });
    const handler = all[channel] as ((input: unknown) => unknown) | undefined;
    if (!handler)
      return { ok: false, error: { code: 'unknown_channel', message: `not scripted: ${channel}` } };
    return handler(input);
  }) as Api;
  return { api, calls };
}

async function readyStore(handlers: Handlers = {}, forms?: FormDefinition[]) {
  const kiosk = scriptedKiosk(handlers, forms);
  const store = createKioskStore({ api: kiosk.api, now: () => NOW });
  await store.getState().loadBootstrap();
  return { store, calls: kiosk.calls };
}

function currentPage(store: KioskStore): string | undefined {
  const state = store.getState();
  const form = sessionForm(state);
  if (!form || !state.session) return undefined;
  return formView(form.compiled, state.session.answers, state.session.pageIndex).page?.path;
}

/** Answers the current page (if given) and presses Siguiente. */
async function answerAndNext(store: KioskStore, value?: string | number | string[]) {
  const page = currentPage(store);
  if (page && value !== undefined) store.getState().setAnswer(page, value);
  await store.getState().goNext();
}

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
    store.getState().setAnswer('acepta', 'no');
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

const NOT_ENROLLED: SyncStatus = {
  enrolled: false,
  serverUrl: null,
  revoked: false,
  lastAttemptAt: null,
  lastSuccessAt: null,
  lastError: null,
  deadLetters: 0,
  clockOffsetMs: null,
};
const ENROLLED: SyncStatus = {
  ...NOT_ENROLLED,
  enrolled: true,
  serverUrl: 'http://10.0.0.5:8080',
  lastAttemptAt: NOW.toISOString(),
  lastSuccessAt: NOW.toISOString(),
  clockOffsetMs: 250,
};

function staffStatus(pendingSync: number, sync: SyncStatus): ChannelOutput<'staff:status'> {
  return {
    deviceId: 'device-1',
    deviceName: SETTINGS.deviceName,
    eventId: SETTINGS.eventId,
    savedToday: 12,
    savedTotal: 40,
    pendingSync,
    sync,
  };
}

describe('staff', () => {
  const staffHandlers: Handlers = {
    'staff:unlock': ({ pin }) =>
      pin === '2468'
        ? { ok: true, value: { token: TOKEN, expiresAt: NOW.toISOString() } }
        : { ok: false, error: { code: 'pin_wrong', message: 'Wrong PIN', details: { attemptsLeft: 4 } } },
    'staff:status': () => ({ ok: true, value: staffStatus(7, NOT_ENROLLED) }),
    'staff:config': () => ({ ok: true, value: { settings: SETTINGS, availableForms: [] } }),
    'staff:lock': () => ({ ok: true, value: { locked: true } }),
    'staff:exit': () => ({ ok: true, value: { exited: true } }),
  };

  it('refuses a wrong PIN with the core error and stays on the PIN pad', async () => {
    const { store } = await readyStore(staffHandlers);
    store.getState().openStaffPin();
    expect(await store.getState().unlockStaff('1111')).toEqual({
      code: 'pin_wrong',
      message: 'Wrong PIN',
      details: { attemptsLeft: 4 },
    });
    expect(store.getState()).toMatchObject({ screen: 'staff-pin', staff: { token: null } });
  });

  it('unlocks, loads counts and configuration, and locks again', async () => {
    const { store, calls } = await readyStore(staffHandlers);
    store.getState().openStaffPin();
    expect(await store.getState().unlockStaff('2468')).toBeNull();
    expect(store.getState()).toMatchObject({
      screen: 'staff',
      staff: { token: TOKEN, status: { savedToday: 12, pendingSync: 7 }, config: { settings: SETTINGS } },
    });
    expect(calls.filter((call) => call.channel === 'staff:status').map((call) => call.input)).toEqual([
      { token: TOKEN },
    ]);
    await store.getState().lockStaff();
    expect(store.getState()).toMatchObject({
      screen: 'attract',
      staff: { token: null, status: null, config: null },
    });
    expect(calls.at(-1)).toEqual({ channel: 'staff:lock', input: { token: TOKEN } });
  });

  it('sends staff back to the PIN pad when the session has expired', async () => {
    const { store } = await readyStore({
      ...staffHandlers,
      'staff:status': () => ({ ok: false, error: { code: 'staff_only', message: 'expired' } }),
    });
    store.getState().openStaffPin();
    expect(await store.getState().unlockStaff('2468')).toEqual({ code: 'staff_only', message: 'expired' });
    expect(store.getState()).toMatchObject({ screen: 'staff-pin', staff: { token: null } });
  });

  it('saves settings and reloads what the attract screen offers', async () => {
    let settings = SETTINGS;
    const { store, calls } = await readyStore({
      ...staffHandlers,
      'kiosk:bootstrap': () => ({ ok: true, value: { deviceId: 'device-1', settings, forms: [survey] } }),
      'staff:configure': (input) => {
        settings = input.settings;
        return { ok: true, value: { settings, availableForms: [] } };
      },
    });
    store.getState().openStaffPin();
    await store.getState().unlockStaff('2468');
    const changed: KioskSettings = {
      ...SETTINGS,
      offeredForms: [{ formId: 'encuesta_impacto_economico', onIdle: 'discard' }],
    };
    expect(await store.getState().configureKiosk(changed)).toBeNull();
    expect(calls.find((call) => call.channel === 'staff:configure')?.input).toEqual({
      token: TOKEN,
      settings: changed,
    });
    const { boot } = store.getState();
    expect(
      boot.status === 'ready' && boot.forms.map((form) => [form.definition.formId, form.onIdle]),
    ).toEqual([['encuesta_impacto_economico', 'discard']]);
  });

  it('ends kiosk mode', async () => {
    const { store } = await readyStore(staffHandlers);
    store.getState().openStaffPin();
    await store.getState().unlockStaff('2468');
    expect(await store.getState().exitKioskMode()).toBeNull();
    expect(store.getState()).toMatchObject({ screen: 'ended', staff: { token: null } });
  });

  it('locks a staff session on idle reset', async () => {
    const { store, calls } = await readyStore(staffHandlers);
    store.getState().openStaffPin();
    await store.getState().unlockStaff('2468');
    await store.getState().resetKiosk();
    expect(store.getState()).toMatchObject({ screen: 'attract', staff: { token: null } });
    expect(calls.at(-1)).toEqual({ channel: 'staff:lock', input: { token: TOKEN } });
  });

  it('syncs now, then shows the new sync status and fresh counts', async () => {
    let sync: SyncStatus = {
      ...ENROLLED,
      lastSuccessAt: null,
      lastError: { code: 'server_unreachable', message: 'ECONNREFUSED' },
    };
    let pending = 7;
    const { store, calls } = await readyStore({
      ...staffHandlers,
      'staff:status': () => ({ ok: true, value: staffStatus(pending, sync) }),
      'staff:sync-now': () => {
        sync = { ...ENROLLED, deadLetters: 1 };
        pending = 0;
        return { ok: true, value: sync };
      },
    });
    store.getState().openStaffPin();
    await store.getState().unlockStaff('2468');
    expect(store.getState().staff.status?.sync.lastError?.code).toBe('server_unreachable');
    const before = calls.length;
    expect(await store.getState().syncNow()).toEqual({ ok: true, value: { ...ENROLLED, deadLetters: 1 } });
    expect(store.getState().staff.status).toMatchObject({
      pendingSync: 0,
      sync: { lastSuccessAt: NOW.toISOString(), lastError: null, deadLetters: 1 },
    });
    expect(
      calls
        .slice(before)
        .map((call) => call.channel)
        .sort(),
    ).toEqual(['kiosk:bootstrap', 'staff:config', 'staff:status', 'staff:sync-now']);
    expect(calls[before]).toEqual({ channel: 'staff:sync-now', input: { token: TOKEN } });
  });

  it('enrols with what staff typed, then reloads the settings and forms the server sent', async () => {
    let sync = NOT_ENROLLED;
    let settings = SETTINGS;
    const { store, calls } = await readyStore({
      ...staffHandlers,
      'kiosk:bootstrap': () => ({ ok: true, value: { deviceId: 'device-1', settings, forms: [survey] } }),
      'staff:status': () => ({ ok: true, value: staffStatus(7, sync) }),
      'staff:enrol': () => {
        sync = ENROLLED;
        settings = {
          ...SETTINGS,
          deviceName: 'Entrada norte',
          offeredForms: [{ formId: 'encuesta_impacto_economico', onIdle: 'keep' }],
        };
        return { ok: true, value: sync };
      },
    });
    store.getState().openStaffPin();
    await store.getState().unlockStaff('2468');
    const request = { serverUrl: 'http://10.0.0.5:8080', code: 'ABCD-EFGH-JKMN' };
    expect(await store.getState().enrolKiosk(request)).toEqual({ ok: true, value: ENROLLED });
    expect(calls.find((call) => call.channel === 'staff:enrol')?.input).toEqual({ token: TOKEN, ...request });
    expect(store.getState().staff.status?.sync).toEqual(ENROLLED);
    const { boot } = store.getState();
    expect(
      boot.status === 'ready' && [boot.settings.deviceName, boot.forms.map((form) => form.onIdle)],
    ).toEqual(['Entrada norte', ['keep']]);
  });

  it('hands back an enrolment refusal as it came and reloads nothing', async () => {
    const refusal = {
      code: 'invalid_input' as const,
      message: 'staff:enrol: ✖ Invalid URL → at serverUrl',
      details: { issues: [{ path: 'serverUrl', message: 'Invalid URL' }] },
    };
    const { store, calls } = await readyStore({
      ...staffHandlers,
      'staff:enrol': () => ({ ok: false, error: refusal }),
    });
    store.getState().openStaffPin();
    await store.getState().unlockStaff('2468');
    const before = store.getState().staff;
    expect(await store.getState().enrolKiosk({ serverUrl: 'http://', code: 'ABCD' })).toEqual({
      ok: false,
      error: refusal,
    });
    expect(calls.at(-1)?.channel).toBe('staff:enrol');
    expect(store.getState().staff).toBe(before);
  });

  it('sends staff back to the PIN pad when the session expired before a sync', async () => {
    const { store } = await readyStore({
      ...staffHandlers,
      'staff:sync-now': () => ({ ok: false, error: { code: 'staff_only', message: 'expired' } }),
    });
    store.getState().openStaffPin();
    await store.getState().unlockStaff('2468');
    expect(await store.getState().syncNow()).toEqual({
      ok: false,
      error: { code: 'staff_only', message: 'expired' },
    });
    expect(store.getState()).toMatchObject({ screen: 'staff-pin', staff: { token: null } });
  });
});
