// A scripted kiosk core that keeps field drafts in memory, with timers the test advances itself.
import type { Answers } from '../../../../shared/forms/form-definition';
import { readXlsFormCsv } from '../../../../shared/forms/xlsform-csv';
import type { Draft } from '../../../../shared/ipc/field-contract';
import heritageChoices from '../../../../demo/forms/patrimonio-inmaterial.choices.csv?raw';
import heritageSettings from '../../../../demo/forms/patrimonio-inmaterial.settings.csv?raw';
import heritageSurvey from '../../../../demo/forms/patrimonio-inmaterial.survey.csv?raw';
import { createKioskStore } from '../kiosk-store';
import type { Timers } from '../timers';
import { NOW, STAFF_SESSION, scriptedKiosk, type Handlers } from './scripted-kiosk';

export const heritage = readXlsFormCsv({
  survey: heritageSurvey,
  choices: heritageChoices,
  settings: heritageSettings,
});

/** Timers that fire only when the test moves time on. */
export function manualTimers() {
  let clock = 0;
  let nextHandle = 1;
  const pending = new Map<number, { run: () => void; at: number }>();
  const timers: Timers = {
    set(run, ms) {
      const handle = nextHandle++;
      pending.set(handle, { run, at: clock + ms });
      return handle;
    },
    clear(handle) {
      pending.delete(handle as number);
    },
  };
  const advance = (ms: number) => {
    clock += ms;
    for (const [handle, timer] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > clock) continue;
      pending.delete(handle);
      timer.run();
    }
  };
  return { timers, advance, pending: () => pending.size };
}

export const DRAFT_ID = '0199a3b2-7c4e-7d21-9f00-00000000d001';
export const RECORD_ID = '0199a3b2-7c4e-7d21-9f00-00000000a001';

/** An unlocked kiosk on the staff screen whose core stores one draft in memory. */
export async function fieldStore(handlers: Handlers = {}) {
  const drafts = new Map<string, Draft>();
  const kiosk = scriptedKiosk({
    ...STAFF_SESSION,
    'field:forms': () => ({ ok: true, value: { forms: [heritage] } }),
    'field:list': () => ({ ok: true, value: { entries: [], total: 0 } }),
    'draft:save': ({ token: _token, draftId = DRAFT_ID, ...rest }) => {
      drafts.set(draftId, {
        draftId,
        ...rest,
        // The core has checked them against AnswersSchema; zod types its input as unknown.
        answers: rest.answers as Answers,
        recordId: rest.recordId ?? null,
        baseRevisions: rest.baseRevisions ?? [],
        updatedAt: NOW.toISOString(),
      });
      return { ok: true, value: { draftId, savedAt: NOW.toISOString() } };
    },
    'draft:get': ({ draftId }) => {
      const draft = drafts.get(draftId);
      return draft
        ? { ok: true, value: draft }
        : { ok: false, error: { code: 'not_found', message: 'no draft' } };
    },
    ...handlers,
  });
  const clock = manualTimers();
  const store = createKioskStore({ api: kiosk.api, now: () => NOW, timers: clock.timers });
  await store.getState().loadBootstrap();
  store.getState().openStaffPin();
  await store.getState().unlockStaff('2468');
  await store.getState().openFieldRecords();
  const saves = () => kiosk.calls.filter((call) => call.channel === 'draft:save');
  const lastSaved = (): Answers | undefined =>
    (saves().at(-1)?.input as { answers: Answers } | undefined)?.answers;
  return { store, calls: kiosk.calls, drafts, clock, saves, lastSaved };
}
