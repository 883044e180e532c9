// What `quiosco admin demo-data` puts on the server, decided before anything is written and the
// same for the same seed, event and count: demo kiosks with fixed ids, and for each kiosk its
// records in the order it saved them and the moments it pushed them (at once while the venue
// LAN is up, in a batch when it comes back; the field tablet once a day, back at the office).
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { DEFAULT_PRIVACY_NOTICE } from '../../electron/core/kiosk-setup';
import { compileForm, validateSubmission } from '../../shared/forms/engine';
import type { Answers, FormDefinition } from '../../shared/forms/form-definition';
import {
  randomHeritageAnswers,
  randomRegistrationAnswers,
  randomSurveyAnswers,
  type AnswerGenerator,
  type Random,
} from '../../shared/forms/node/sample-answers';
import type { OfferedForm } from '../../shared/kiosk/kiosk-settings';
import { seededRandom } from '../../shared/random/seeded-random';
import { MAX_PUSH_CHANGES, type SubmissionPayload } from '../../shared/sync/protocol';
import { CliFailure } from '../cli-io';
import { withDemoPhotos } from './demo-photos';

const SURVEY = 'encuesta_impacto_economico';
const REGISTRATION = 'registro_visitantes';
const HERITAGE = 'patrimonio_inmaterial';

type DemoForm = {
  generate: AnswerGenerator;
  /** How many records of this form --count N makes. */
  records(count: number): number;
  /** Share of records kept incomplete at the idle timeout. */
  incomplete: number;
  /** How long filling it in takes, in minutes. */
  minutes: [number, number];
  language: 'visitor' | 'es';
};

/** The demo forms by form id: the survey --count times, a third as many registrations, a few heritage records. */
export const DEMO_FORMS: Readonly<Record<string, DemoForm>> = {
  [SURVEY]: {
    generate: randomSurveyAnswers,
    records: (n) => n,
    incomplete: 0.04,
    minutes: [2, 7],
    language: 'visitor',
  },
  [REGISTRATION]: {
    generate: randomRegistrationAnswers,
    records: (n) => Math.ceil(n / 3),
    incomplete: 0,
    minutes: [1, 3],
    language: 'visitor',
  },
  [HERITAGE]: {
    generate: randomHeritageAnswers,
    records: (n) => Math.ceil(n / 30),
    incomplete: 0,
    minutes: [20, 60],
    language: 'es',
  },
};

type DemoKioskSpec = {
  name: string;
  /** The forms it offers, with the share of that form's records it takes. */
  forms: Record<string, { share: number; onIdle: OfferedForm['onIdle'] }>;
  /** Pushes once a day after closing instead of within seconds. */
  endOfDay: boolean;
};

const KIOSKS: DemoKioskSpec[] = [
  {
    name: 'Quiosco Entrada (demo)',
    forms: {
      [REGISTRATION]: { share: 0.75, onIdle: 'discard' },
      [SURVEY]: { share: 0.55, onIdle: 'keep' },
    },
    endOfDay: false,
  },
  {
    name: 'Quiosco Comedor (demo)',
    forms: {
      [REGISTRATION]: { share: 0.25, onIdle: 'discard' },
      [SURVEY]: { share: 0.45, onIdle: 'keep' },
    },
    endOfDay: false,
  },
  {
    name: 'Tableta de campo (demo)',
    forms: { [HERITAGE]: { share: 1, onIdle: 'keep' } },
    endOfDay: true,
  },
];

/** Thursday to Sunday, 9:00 to 19:00 in Hidalgo (UTC−6), busier at the weekend. */
export const DEMO_FESTIVAL = {
  firstDay: '2026-11-19',
  dayWeights: [0.15, 0.2, 0.35, 0.3],
  opens: 9,
  closes: 19,
};
const UTC_OFFSET_HOURS = -6;
const MINUTE = 60_000;
const DAY = 86_400_000;

export const MAX_DEMO_COUNT = 100_000;

export type DemoPush = { at: Date; records: DemoRecord[] };
export type DemoRecord = { seq: number; payload: SubmissionPayload };
export type DemoKiosk = {
  id: string;
  name: string;
  offeredForms: OfferedForm[];
  enrolledAt: Date;
  records: DemoRecord[];
  pushes: DemoPush[];
};
/**
 * The kiosks, how many records of each form they hold between them, and the photos the records
 * name (each name's seed: demoPhoto(seed) draws it).
 */
export type DemoPlan = { kiosks: DemoKiosk[]; counts: Map<string, number>; photos: Map<string, number> };

/** The plan for these forms (the newest attached version of each demo form). */
export function planDemoData(options: {
  eventId: string;
  seed: number;
  count: number;
  definitions: FormDefinition[];
}): DemoPlan {
  const { eventId, seed, count } = options;
  const stream = (...parts: (string | number)[]) => seededRandom(seedOf(seed, eventId, ...parts));
  const forms = options.definitions.filter((d) => DEMO_FORMS[d.formId] !== undefined);
  const attached = new Set(forms.map((d) => d.formId));
  const kiosks = KIOSKS.map((spec, index) => ({ spec, index })).filter(({ spec }) =>
    Object.keys(spec.forms).some((formId) => attached.has(formId)),
  );
  const setUp = localTime(-1, 17 * 60);
  const records = new Map<DemoKioskSpec, SubmissionPayload[]>();
  const deviceIds = new Map<DemoKioskSpec, string>();
  for (const { spec, index } of kiosks) {
    deviceIds.set(
      spec,
      uuidv7({ msecs: setUp.getTime() + index * MINUTE, random: bytes(stream('kiosk', index)) }),
    );
    records.set(spec, []);
  }
  const counts = new Map<string, number>();
  const photos = new Map<string, number>();
  for (const definition of forms) {
    const form = DEMO_FORMS[definition.formId] as DemoForm;
    const takers = kiosks
      .map(({ spec }) => spec)
      .filter((spec) => spec.forms[definition.formId] !== undefined);
    const n = form.records(count);
    counts.set(definition.formId, n);
    const rand = stream('form', definition.formId);
    const pictures = stream('photos', definition.formId);
    const compiled = compileForm(definition);
    for (let i = 0; i < n; i++) {
      const kiosk = weighted(rand, takers, (spec) => spec.forms[definition.formId]?.share ?? 0);
      const created = visitTime(rand);
      const language = form.language === 'visitor' && rand() < 0.1 ? 'en' : 'es';
      const startedAt = new Date(created.getTime() - between(rand, ...form.minutes) * MINUTE);
      let answers = withDemoPhotos(definition.children, form.generate(rand, definition), pictures, photos);
      const complete = !(rand() < form.incomplete);
      if (!complete) answers = leftHalfway(rand, answers);
      const id = uuidv7({ msecs: created.getTime(), random: bytes(rand) });
      const check = validateSubmission(compiled, answers, {
        complete,
        today: created.toISOString().slice(0, 10),
      });
      if (!check.ok) {
        const where = check.issues.map((issue) => `${issue.path} (${issue.code})`).join(', ');
        throw new CliFailure(
          `form ${definition.formId} version ${definition.version} is not the demo form its answers are made for: ${where}`,
        );
      }
      const isRegistration = definition.kind === 'registration';
      records.get(kiosk)?.push({
        id,
        formId: definition.formId,
        formVersion: definition.version,
        deviceId: deviceIds.get(kiosk) as string,
        eventId,
        language,
        complete,
        answers: check.answers,
        // As the kiosk saves them: a complete registration is its visitor's pass.
        passId: isRegistration && complete ? id : null,
        privacyNoticeVersion: isRegistration ? DEFAULT_PRIVACY_NOTICE.version : null,
        startedAt: startedAt.toISOString(),
        createdAt: created.toISOString(),
      });
    }
  }
  return {
    counts,
    photos,
    kiosks: kiosks.map(({ spec, index }) => {
      const saved = (records.get(spec) ?? []).sort(
        (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
      );
      const kioskRecords = saved.map((payload, i) => ({ seq: i + 1, payload }));
      return {
        id: deviceIds.get(spec) as string,
        name: spec.name,
        offeredForms: Object.entries(spec.forms)
          .filter(([formId]) => attached.has(formId))
          .map(([formId, { onIdle }]) => ({ formId, onIdle })),
        enrolledAt: new Date(setUp.getTime() + index * MINUTE),
        records: kioskRecords,
        pushes: pushesOf(stream('sync', index), kioskRecords, spec.endOfDay),
      };
    }),
  };
}

/** A UTC instant from a festival day (0 = the first) and minutes after local midnight. */
function localTime(day: number, minutes: number): Date {
  return new Date(
    Date.parse(`${DEMO_FESTIVAL.firstDay}T00:00:00Z`) +
      day * DAY +
      (minutes - UTC_OFFSET_HOURS * 60) * MINUTE,
  );
}

/** A moment in opening hours, more of them around midday (the mean of two uniform draws). */
function visitTime(rand: Random): Date {
  const day = weighted(
    rand,
    DEMO_FESTIVAL.dayWeights.map((_, i) => i),
    (i) => DEMO_FESTIVAL.dayWeights[i] ?? 0,
  );
  const open = (DEMO_FESTIVAL.closes - DEMO_FESTIVAL.opens) * 60;
  const minutes = DEMO_FESTIVAL.opens * 60 + ((rand() + rand()) / 2) * open;
  return new Date(Math.floor(localTime(day, minutes).getTime() / 1000) * 1000);
}

/**
 * When each record reached the server. A kiosk pushes 1.5 s after a save; on some days the LAN
 * is down for a while and what was saved meanwhile goes in one batch when it is back. Batches
 * follow the kiosk's outbox order, so a record never arrives before one saved earlier.
 */
function pushesOf(rand: Random, records: DemoRecord[], endOfDay: boolean): DemoPush[] {
  const outages = DEMO_FESTIVAL.dayWeights.map((_, day) => {
    if (endOfDay)
      return {
        from: localTime(day, 0).getTime(),
        to: localTime(day, DEMO_FESTIVAL.closes * 60 + 40).getTime(),
      };
    if (rand() >= 0.4) return undefined;
    const from = localTime(day, DEMO_FESTIVAL.opens * 60 + rand() * 480).getTime();
    return { from, to: from + between(rand, 20, 120) * MINUTE };
  });
  const pushes: DemoPush[] = [];
  for (const record of records) {
    const created = Date.parse(record.payload.createdAt);
    const down = outages.find((o) => o !== undefined && o.from <= created && created < o.to);
    const at = down === undefined ? created + 1500 + rand() * 2500 : down.to + rand() * 30_000;
    const last = pushes.at(-1);
    // Saved before the last push went out: it was in the outbox, so it went with it.
    if (last !== undefined && created < last.at.getTime() && last.records.length < MAX_PUSH_CHANGES) {
      last.records.push(record);
    } else {
      pushes.push({
        at: new Date(Math.max(Math.round(at), (last?.at.getTime() ?? 0) + 1)),
        records: [record],
      });
    }
  }
  return pushes;
}

/** A response abandoned partway: its first answers, in form order, then the idle timeout. */
function leftHalfway(rand: Random, answers: Answers): Answers {
  const given = Object.entries(answers).filter(([name]) => name !== 'gasto_total');
  return Object.fromEntries(given.slice(0, 1 + Math.floor(rand() * Math.max(1, given.length - 2))));
}

function weighted<T>(rand: Random, items: readonly T[], weight: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let at = rand() * total;
  for (const item of items) {
    at -= weight(item);
    if (at < 0) return item;
  }
  return items.at(-1) as T;
}

function between(rand: Random, min: number, max: number): number {
  return min + rand() * (max - min);
}

/** 16 random bytes for a UUID, from the seeded stream: the same ids on every run. */
function bytes(rand: Random): Uint8Array {
  return Uint8Array.from({ length: 16 }, () => Math.floor(rand() * 256));
}

function seedOf(...parts: (string | number)[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32LE(0);
}
