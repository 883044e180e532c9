// Real kiosks for the sync tests: a kiosk core on a temporary data directory, its staff session,
// enrolment with a code the server's own functions issue, saves through dispatch, a fast bulk fill
// for big backlogs, and a reading of what the kiosk holds, to compare with the server.
import { v7 as uuidv7 } from 'uuid';
import { expect } from 'vitest';
import { contract, type ChannelInput, type ChannelOutput } from '../../shared/ipc/contract';
import type { fieldContract } from '../../shared/ipc/field-contract';
import { SubmissionPayloadSchema, type SubmissionPayload } from '../../shared/sync/protocol';
import { openKioskDatabase } from '../../electron/core/db/kiosk-database';
import { createFormStore } from '../../electron/core/forms/form-store';
import { openKioskCore, type KioskCore, type KioskCoreOptions } from '../../electron/core/kiosk-core';
import { readKioskSettings } from '../../electron/core/settings/kiosk-settings-store';
import { enqueue } from '../../electron/core/outbox/outbox';
import {
  insertSubmission,
  saveSubmission,
  type SubmissionRecord,
} from '../../electron/core/submissions/submission-store';
import {
  initTestKiosk,
  makeTempDir,
  SURVEY_ANSWERS,
  surveySave,
  TEST_PIN,
} from '../../electron/core/testing/kiosk-fixtures';
import { createEnrolCode } from '../../sync-server/devices/devices-store';
import type { ServerDb } from '../../sync-server/db/server-database';

export type SyncKiosk = {
  dataDir: string;
  core: KioskCore;
  /** Dispatches a call that must succeed and answers its value. */
  call<C extends keyof ChannelOutputs>(
    channel: C,
    input: Omit<ChannelInput<C>, 'token'>,
  ): Promise<ChannelOutputs[C]>;
  /** Enrols with a fresh code for the event, issued by the server's own function. */
  enrol(server: { db: ServerDb; url: string }, eventId: string): Promise<ChannelOutput<'staff:enrol'>>;
  status(): Promise<ChannelOutput<'staff:status'>>;
  /** Saves `count` survey responses through dispatch; answers their ids. */
  save(count: number): Promise<string[]>;
  /** Closes the core (the data directory stays until remove). */
  close(): void;
  /** Opens the core on the same data directory again, as after a restart. */
  reopen(options?: KioskCoreOptions): Promise<void>;
  remove(): void;
};

type ChannelOutputs = { [C in StaffChannel | 'kiosk:bootstrap' | 'submission:save']: ChannelOutput<C> };
type StaffChannel =
  | 'staff:status'
  | 'staff:enrol'
  | 'staff:sync-now'
  | 'staff:dead-letters'
  | 'staff:resend-dead-letters'
  | 'staff:config'
  | 'staff:configure'
  | 'door:scan'
  | 'door:status'
  | FieldChannel;
/** Field records: every channel of the field contract needs a staff session. */
type FieldChannel = keyof typeof fieldContract;

/** Automatic rounds are off unless a test asks for them: tests drive sync with syncNow(). */
export async function openSyncKiosk(options: KioskCoreOptions = {}): Promise<SyncKiosk> {
  const dir = makeTempDir('quiosco-sync-kiosk-');
  await initTestKiosk(dir.path);
  const open = (o: KioskCoreOptions) =>
    openKioskCore({ dataDir: dir.path, ...o, sync: { auto: false, ...o.sync } });
  let core = open(options);
  let staffToken = await unlock(core);
  let saved = 0;

  const kiosk: SyncKiosk = {
    dataDir: dir.path,
    get core() {
      return core;
    },
    async call(channel, input) {
      const staff = /^(staff|door|field|draft|record|attachment):/.test(channel) ? { token: staffToken } : {};
      const result = await core.dispatch(channel, { ...input, ...staff });
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
    async enrol(server, eventId) {
      const { code } = await createEnrolCode(server.db, { eventId });
      return kiosk.call('staff:enrol', { code, serverUrl: server.url });
    },
    status: () => kiosk.call('staff:status', {}),
    async save(count) {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const { id } = await kiosk.call(
          'submission:save',
          surveySave({ ...SURVEY_ANSWERS, comentarios: `visita ${++saved}` }),
        );
        ids.push(id);
      }
      return ids;
    },
    close: () => core.close(),
    async reopen(o = options) {
      core = open(o);
      // Staff sessions live in memory: a restarted kiosk needs the PIN again.
      staffToken = await unlock(core);
    },
    remove: () => dir.remove(),
  };
  return kiosk;
}

async function unlock(core: KioskCore): Promise<string> {
  const result = await core.dispatch('staff:unlock', {
    pin: TEST_PIN,
  } satisfies ChannelInput<'staff:unlock'>);
  if (!result.ok) throw new Error(`staff:unlock: ${result.error.message}`);
  return (result.value as ChannelOutput<'staff:unlock'>).token;
}

/**
 * Saves `count` survey responses straight into a kiosk's database, many per transaction: a backlog
 * of days in a second. The first goes through saveSubmission (the engine checks it); the rest are
 * copies of it under new ids, written by the same insert and outbox functions.
 */
export function bulkSave(dataDir: string, count: number, now = new Date()): void {
  const db = openKioskDatabase(dataDir);
  try {
    const settings = readKioskSettings(db);
    if (settings === null) throw new Error('kiosk not set up');
    const deviceId =
      db.prepare<[], { device_id: string }>('SELECT device_id FROM device').get()?.device_id ?? '';
    const input = contract['submission:save'].input.parse(surveySave());
    const { id } = saveSubmission(db, createFormStore(db), { deviceId, settings, now }, input);
    const stored = db
      .prepare<[string], { payload: string }>('SELECT payload FROM outbox WHERE entity_id = ?')
      .get(id);
    const template = JSON.parse(stored?.payload ?? 'null') as SubmissionRecord;
    const CHUNK = 10_000;
    for (let done = 1; done < count; done += CHUNK) {
      db.transaction(() => {
        for (let i = done; i < Math.min(count, done + CHUNK); i++) {
          const record = {
            ...template,
            id: uuidv7(),
            answers: { ...template.answers, comentarios: `lote ${i}` },
          };
          insertSubmission(db, record);
          enqueue(db, {
            entityKind: 'submission',
            entityId: record.id,
            payload: record,
            createdAt: record.createdAt,
          });
        }
      })();
    }
  } finally {
    db.close();
  }
}

/**
 * Every record the kiosk holds, by id, as its outbox carries it to the server. A dead letter sent
 * again is the same record in a second row; an id in two rows with other content throws.
 */
export function kioskRecords(dataDir: string): Map<string, SubmissionPayload> {
  const db = openKioskDatabase(dataDir);
  try {
    const rows = db
      .prepare<[], { entity_id: string; payload: string }>(
        'SELECT entity_id, payload FROM outbox ORDER BY seq',
      )
      .all();
    const records = new Map<string, SubmissionPayload>();
    const texts = new Map<string, string>();
    for (const row of rows) {
      const seen = texts.get(row.entity_id);
      if (seen === row.payload) continue;
      if (seen !== undefined)
        throw new Error(`kiosk outbox holds ${row.entity_id} twice, with other content`);
      texts.set(row.entity_id, row.payload);
      records.set(row.entity_id, SubmissionPayloadSchema.parse(JSON.parse(row.payload)));
    }
    return records;
  } finally {
    db.close();
  }
}

/** Every record the server holds from these devices, by id; a second copy of an id would throw. */
export async function serverRecords(
  s: ServerDb,
  deviceIds: string[],
): Promise<Map<string, SubmissionPayload>> {
  const records = new Map<string, SubmissionPayload>();
  const rows = await s.db
    .selectFrom('submissions')
    .select(['id', 'payload'])
    .where('device_id', 'in', deviceIds)
    .orderBy('id')
    .execute();
  for (const row of rows) {
    if (records.has(row.id)) throw new Error(`server holds ${row.id} twice`);
    records.set(row.id, SubmissionPayloadSchema.parse(JSON.parse(row.payload)));
  }
  return records;
}

/**
 * Asserts the server holds exactly the kiosk's records, compared by content (and `count` of them,
 * when given); answers both sets for further checks.
 */
export async function expectSameRecords(
  s: ServerDb,
  k: SyncKiosk,
  count?: number,
): Promise<{ mine: Map<string, SubmissionPayload>; theirs: Map<string, SubmissionPayload> }> {
  const mine = kioskRecords(k.dataDir);
  const theirs = await serverRecords(s, [k.core.deviceId]);
  expect(compareRecords(mine, theirs)).toEqual({ missing: [], extra: [], different: [] });
  if (count !== undefined) expect(theirs.size).toBe(count);
  return { mine, theirs };
}

/** Differences between two record sets: ids only one side has, and ids whose content differs. */
export function compareRecords(
  kiosk: Map<string, SubmissionPayload>,
  server: Map<string, SubmissionPayload>,
): { missing: string[]; extra: string[]; different: string[] } {
  const canonical = (p: SubmissionPayload) => JSON.stringify(sortKeys(p));
  return {
    missing: [...kiosk.keys()].filter((id) => !server.has(id)),
    extra: [...server.keys()].filter((id) => !kiosk.has(id)),
    different: [...kiosk].flatMap(([id, p]) => {
      const other = server.get(id);
      return other !== undefined && canonical(other) !== canonical(p) ? [id] : [];
    }),
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
