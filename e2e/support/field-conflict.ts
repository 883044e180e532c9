// A field record in conflict, made for real: a sync server with the heritage form, two web kiosks
// enrolled with it (or three), a record with a photo made on A and pulled by the others, then
// edited on each from the same base with no sync between, and synced. What they then hold.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Answers } from '../../shared/forms/form-definition';
import { demoFormSheets } from '../../shared/forms/node/demo-forms';
import { createEnrolCode } from '../../sync-server/devices/devices-store';
import { addForm, createEvent, readFormSheets } from '../../sync-server/events/events-store';
import type { SyncServer } from '../../sync-server/server';
import { ffmpeg } from '../photo/jpeg-fixtures';
import { kioskDeviceId } from './door-setup';
import { startE2eServer } from './e2e-server';
import { callKiosk, makeKioskData, STAFF_PIN, startKiosk, type RunningKiosk } from './kiosk-process';

const HERITAGE_FORM = { formId: 'patrimonio_inmaterial', formVersion: '2026110101', language: 'es' } as const;

export type ConflictServer = {
  server: SyncServer;
  /** A new event offering the heritage form: each conflict's kiosks see only their own records. */
  newEvent(): Promise<string>;
  close(): Promise<void>;
};

/** A sync server on SQLite. */
export async function startConflictServer(): Promise<ConflictServer> {
  const { server, close } = await startE2eServer('merge-server');
  let events = 0;
  return {
    server,
    newEvent: async () => {
      const eventId = `registro_patrimonio_${++events}`;
      await createEvent(server.db, { id: eventId, name: 'Registro de patrimonio' });
      await addForm(server.db, eventId, readFormSheets(demoFormSheets('patrimonio-inmaterial')));
      return eventId;
    },
    close,
  };
}

/** Two different photos (ffmpeg's test scene and a plain colour), as JPEG files' base64. */
export async function twoPhotos(): Promise<[string, string]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quiosco-e2e-merge-photos-'));
  try {
    const files = ['scene.jpg', 'colour.jpg'].map((name) => path.join(dir, name));
    const [scene = '', colour = ''] = files;
    await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=640x480', '-frames:v', '1', scene]);
    await ffmpeg(['-f', 'lavfi', '-i', 'color=c=0xc05020:s=640x480', '-frames:v', '1', colour]);
    return [readFileSync(scene).toString('base64'), readFileSync(colour).toString('base64')];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const staffToken = async (kiosk: RunningKiosk): Promise<string> =>
  (await callKiosk(kiosk, 'staff:unlock', { pin: STAFF_PIN })).token;

/** A new web kiosk enrolled with the event. */
async function enrolledKiosk(server: SyncServer, eventId: string): Promise<RunningKiosk> {
  const kiosk = await startKiosk(makeKioskData());
  const token = await staffToken(kiosk);
  const { code } = await createEnrolCode(server.db, { eventId });
  const enrolled = await callKiosk(kiosk, 'staff:enrol', { token, code, serverUrl: server.url });
  if (!enrolled.enrolled) throw new Error(`enrolment failed: ${enrolled.lastError?.message}`);
  return kiosk;
}

/** Pushes and pulls now; throws with the kiosk's own error if the round failed. */
export async function syncNow(kiosk: RunningKiosk): Promise<void> {
  const status = await callKiosk(kiosk, 'staff:sync-now', { token: await staffToken(kiosk) });
  if (status.lastError !== null)
    throw new Error(`sync failed: ${status.lastError.code} ${status.lastError.message}`);
}

async function finishDraft(kiosk: RunningKiosk, answers: Answers, editedBy: string, from?: string) {
  const token = await staffToken(kiosk);
  const draft = from ? await callKiosk(kiosk, 'record:edit', { token, recordId: from }) : undefined;
  const { draftId } = await callKiosk(kiosk, 'draft:save', {
    token,
    ...HERITAGE_FORM,
    ...(draft && { draftId: draft.draftId, recordId: draft.recordId, baseRevisions: draft.baseRevisions }),
    answers,
    position: { path: 'registrado_por' },
    startedAt: draft?.startedAt ?? new Date().toISOString(),
  });
  return callKiosk(kiosk, 'draft:finish', { token, draftId, editedBy });
}

type Edit = (answers: Answers, photos: [string, string]) => Answers;

export type Conflict = {
  a: RunningKiosk;
  b: RunningKiosk;
  /** The third kiosk, when it edited too. */
  c: RunningKiosk | undefined;
  recordId: string;
  /** Device ids, as the merge screen names the sides. */
  deviceA: string;
  deviceB: string;
  /** The current revisions' ids and answers. */
  revisionA: string;
  revisionB: string;
  revisionC: string | undefined;
  answersA: Answers;
  answersB: Answers;
  /** The first photo taken on A, the second on B. */
  photos: [string, string];
  stop(): Promise<void>;
};

const EDITORS = ['Ana Pérez Ñíguez', 'Brenda Ruiz 🌵', 'Carmen Ortiz'];

/**
 * `base(photo)` saved on A and synced to B (and C); each saves its edit of it with no sync
 * between, B with a photo taken there; then all sync, and A and B again, so each holds every
 * current revision.
 */
export async function makeConflict(
  server: ConflictServer,
  photoBytes: [string, string],
  base: (photo: string) => Answers,
  edits: [Edit, Edit] | [Edit, Edit, Edit],
): Promise<Conflict> {
  const eventId = await server.newEvent();
  const kiosks = await Promise.all(edits.map(() => enrolledKiosk(server.server, eventId)));
  const [a, b, c] = kiosks;
  if (!a || !b) throw new Error('two kiosks at least');
  const save = async (kiosk: RunningKiosk, base64: string) =>
    (
      await callKiosk(kiosk, 'attachment:save', {
        token: await staffToken(kiosk),
        mime: 'image/jpeg',
        base64,
      })
    ).name;
  const photos: [string, string] = [await save(a, photoBytes[0]), await save(b, photoBytes[1])];
  const first = base(photos[0]);
  const { recordId } = await finishDraft(a, first, 'Luis Ángel Ramírez');
  for (const kiosk of kiosks) await syncNow(kiosk);
  const answers = edits.map((edit) => edit(first, photos));
  const revisions: string[] = [];
  for (const [i, kiosk] of kiosks.entries())
    revisions.push((await finishDraft(kiosk, answers[i] ?? {}, EDITORS[i] ?? '', recordId)).revisionId);
  for (const kiosk of [...kiosks, a, b]) await syncNow(kiosk);
  return {
    a,
    b,
    c,
    recordId,
    deviceA: kioskDeviceId(a),
    deviceB: kioskDeviceId(b),
    revisionA: revisions[0] ?? '',
    revisionB: revisions[1] ?? '',
    revisionC: revisions[2],
    answersA: answers[0] ?? {},
    answersB: answers[1] ?? {},
    photos,
    stop: async () => {
      await Promise.all(kiosks.map((kiosk) => kiosk.stop()));
    },
  };
}

export type StoredRevision = {
  id: string;
  revision: number;
  parents: string[];
  current: boolean;
  answers: Answers;
};

/** A record's revisions as the kiosk stored them, read from its SQLite file, by revision then id. */
export function kioskRevisions(kiosk: RunningKiosk, recordId: string): StoredRevision[] {
  const db = new Database(path.join(kiosk.dataDir, 'kiosk.db'), { readonly: true });
  try {
    const rows = db
      .prepare<[string], { id: string; revision: number; parents: string; current: number; answers: string }>(
        'SELECT id, revision, parents, current, answers FROM submissions WHERE record_id = ? ORDER BY revision, id',
      )
      .all(recordId);
    return rows.map((row) => ({
      id: row.id,
      revision: row.revision,
      parents: JSON.parse(row.parents) as string[],
      current: row.current === 1,
      answers: JSON.parse(row.answers) as Answers,
    }));
  } finally {
    db.close();
  }
}

/** The same, as the server stored them. */
export async function serverRevisions(server: SyncServer, recordId: string): Promise<StoredRevision[]> {
  const rows = await server.db.db
    .selectFrom('submissions')
    .select(['id', 'revision', 'parents', 'current', 'payload'])
    .where('record_id', '=', recordId)
    .orderBy('revision')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    revision: Number(row.revision),
    parents: JSON.parse(row.parents) as string[],
    current: Number(row.current) === 1,
    answers: (JSON.parse(row.payload) as { answers: Answers }).answers,
  }));
}
