// A kiosk store driven by a scripted stand-in for the kiosk core, for store tests that run
// without a browser or a database (the real core is covered by the e2e suite).
import type { FormDefinition } from '../../../../shared/forms/form-definition';
import { readXlsFormCsv } from '../../../../shared/forms/xlsform-csv';
import type { Channel, ChannelInput, ChannelOutput, SyncStatus } from '../../../../shared/ipc/contract';
import type { Result } from '../../../../shared/ipc/result';
import { NEVER_SYNCED } from '../../../../shared/ipc/testing/sync-status';
import { KEEP_ACKNOWLEDGED_DAYS, type KioskSettings } from '../../../../shared/kiosk/kiosk-settings';
import surveyChoices from '../../../../demo/forms/encuesta-impacto-economico.choices.csv?raw';
import surveySettings from '../../../../demo/forms/encuesta-impacto-economico.settings.csv?raw';
import surveySurvey from '../../../../demo/forms/encuesta-impacto-economico.survey.csv?raw';
import registrationChoices from '../../../../demo/forms/registro-visitantes.choices.csv?raw';
import registrationSettings from '../../../../demo/forms/registro-visitantes.settings.csv?raw';
import registrationSurvey from '../../../../demo/forms/registro-visitantes.survey.csv?raw';
import type { Api } from '../../api/transport';
import { formView } from '../form-view';
import { createKioskStore, type KioskStore } from '../kiosk-store';
import { sessionForm } from '../session-slice';

export const registration = readXlsFormCsv({
  survey: registrationSurvey,
  choices: registrationChoices,
  settings: registrationSettings,
});
export const survey = readXlsFormCsv({
  survey: surveySurvey,
  choices: surveyChoices,
  settings: surveySettings,
});

export const SETTINGS: KioskSettings = {
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
  mode: 'visitor',
  gate: 'Puerta 1',
  keepAcknowledgedDays: KEEP_ACKNOWLEDGED_DAYS,
};
export const TOKEN = 'staff-token-0123456789abcdef';
export const NOW = new Date('2026-11-14T16:30:00.000Z');

export const ENROLLED: SyncStatus = {
  ...NEVER_SYNCED,
  enrolled: true,
  serverUrl: 'http://10.0.0.5:8080',
  lastAttemptAt: NOW.toISOString(),
  lastSuccessAt: NOW.toISOString(),
  clockOffsetMs: 250,
};

export type Handlers = {
  [C in Channel]?: (input: ChannelInput<C>) => Result<ChannelOutput<C>> | Promise<Result<ChannelOutput<C>>>;
};
type Call = { channel: Channel; input: unknown };

/** A core whose staff PIN is 2468. */
export const STAFF_SESSION: Handlers = {
  'staff:unlock': ({ pin }) =>
    pin === '2468'
      ? { ok: true, value: { token: TOKEN, expiresAt: NOW.toISOString() } }
      : { ok: false, error: { code: 'pin_wrong', message: 'Wrong PIN', details: { attemptsLeft: 4 } } },
  'staff:lock': () => ({ ok: true, value: { locked: true } }),
};

/** A stand-in for the kiosk core that answers from a script and records every call. */
export function scriptedKiosk(handlers: Handlers, forms: FormDefinition[] = [registration, survey]) {
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

export async function readyStore(handlers: Handlers = {}, forms?: FormDefinition[]) {
  const kiosk = scriptedKiosk(handlers, forms);
  const store = createKioskStore({ api: kiosk.api, now: () => NOW });
  await store.getState().loadBootstrap();
  return { store, calls: kiosk.calls };
}

export function currentPage(store: KioskStore): string | undefined {
  const state = store.getState();
  const form = sessionForm(state);
  if (!form || !state.session) return undefined;
  return formView(form.compiled, state.session.answers, state.session.pageIndex).page?.path;
}

/** Answers the current page (if given) and presses Siguiente. */
export async function answerAndNext(store: KioskStore, value?: string | number | string[]) {
  const page = currentPage(store);
  if (page && value !== undefined) store.getState().setAnswer(page, value);
  await store.getState().goNext();
}
