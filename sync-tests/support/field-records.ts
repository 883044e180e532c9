// Field records for the sync tests: heritage answers the form accepts, photos that are whole
// JPEGs by their framing (random bytes inside, so no two are alike and none compresses), records
// made and edited through the kiosk's own IPC channels, and what the kiosk and the server hold.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { Answers } from '../../shared/forms/form-definition';
import type { ServerDb } from '../../sync-server/db/server-database';
import { storedPhotoBytes } from '../../sync-server/testing/stored-photo';
import { openKioskDatabase } from '../../electron/core/db/kiosk-database';
import { HEADERS, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { parseHead, type Fault } from './fault-proxy';
import type { SyncKiosk } from './sync-kiosk';

export const HERITAGE_FORM = { formId: 'patrimonio_inmaterial', formVersion: '2026110101' } as const;
const STARTED_AT = '2026-11-20T16:00:00.000Z';

/**
 * A JPEG of about `size` bytes: SOI, a frame header (so the kiosk reads its dimensions), a scan
 * header, `random` bytes as the scan, EOI. Nothing decodes the pixels; every check reads the framing.
 */
export function fakeJpeg(size: number, random: () => number): Buffer {
  const head = Buffer.from([
    ...[0xff, 0xd8],
    ...[0xff, 0xc0, 0x00, 0x0b, 0x08, 0x06, 0x00, 0x08, 0x00, 0x01, 0x01, 0x11, 0x00], // 2048 × 1536
    ...[0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00],
  ]);
  const body = Buffer.alloc(Math.max(0, size - head.length - 2));
  for (let i = 0; i < body.length; i += 4)
    body.writeUInt32LE((random() * 0x1_0000_0000) >>> 0, Math.min(i, body.length - 4));
  // 0xFF inside the scan would read as a marker to a decoder; keep it plain data.
  for (let i = 0; i < body.length; i++) if (body[i] === 0xff) body[i] = 0xfe;
  return Buffer.concat([head, body, Buffer.from([0xff, 0xd9])]);
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A complete heritage record of barbacoa, with these photos (none: photo consent "no"). */
export function heritageAnswers(photos: readonly string[], overrides: Answers = {}): Answers {
  return {
    consiente_registro: 'si',
    consiente_fotos: photos.length > 0 ? 'si' : 'no',
    consiente_publicacion: 'no',
    nombre_portador: 'Doña Tere Hernández',
    rol_portador: 'cocinera',
    comunidad: 'El Arenal',
    municipio: 'actopan',
    lenguas: ['espanol', 'hnahnu'],
    ambito: 'cocina',
    nombre_practica: 'Barbacoa de hoyo',
    descripcion: 'Carne de borrego envuelta en pencas de maguey, cocida toda la noche en un horno de tierra.',
    ingredientes: [{ ingrediente: 'Borrego', ingrediente_origen: 'crianza' }],
    ...(photos.length > 0 && { fotos: photos.map((foto) => ({ foto })) }),
    riesgo: 'vigente',
    registrado_por: 'Luis Ángel Ramírez',
    ...overrides,
  };
}

/** Saves a photo through attachment:save; answers its name. */
export async function savePhoto(k: SyncKiosk, bytes: Buffer): Promise<string> {
  const saved = await k.call('attachment:save', { mime: 'image/jpeg', base64: bytes.toString('base64') });
  return saved.name;
}

/** A new record through draft:save and draft:finish. */
export async function makeRecord(
  k: SyncKiosk,
  answers: Answers,
): Promise<{ recordId: string; revisionId: string }> {
  const { draftId } = await k.call('draft:save', {
    ...HERITAGE_FORM,
    language: 'es',
    answers,
    position: { path: 'registrado_por' },
    startedAt: STARTED_AT,
  });
  return k.call('draft:finish', { draftId, editedBy: 'Luis' });
}

/** Edits a record from its current revision (record:edit), changing some answers, and finishes it. */
export async function editRecord(
  k: SyncKiosk,
  recordId: string,
  change: Answers,
  editedBy: string,
): Promise<{ revisionId: string; revision: number }> {
  const draft = await k.call('record:edit', { recordId });
  await k.call('draft:save', {
    draftId: draft.draftId,
    formId: draft.formId,
    formVersion: draft.formVersion,
    language: draft.language,
    answers: { ...draft.answers, ...change },
    position: draft.position,
    recordId: draft.recordId,
    baseRevisions: draft.baseRevisions,
    startedAt: draft.startedAt,
  });
  return k.call('draft:finish', { draftId: draft.draftId, editedBy });
}

/** The kiosk's photos by name, and when the server confirmed each (null: waiting). */
export function kioskPhotos(dataDir: string): Map<string, string | null> {
  const db = openKioskDatabase(dataDir);
  try {
    const rows = db
      .prepare<[], { name: string; uploaded_at: string | null }>('SELECT name, uploaded_at FROM attachments')
      .all();
    return new Map(rows.map((r) => [r.name, r.uploaded_at]));
  } finally {
    db.close();
  }
}

/** A photo as the server gives it to someone allowed personal data; undefined when it has none. */
export async function serverPhoto(url: string, apiToken: string, name: string): Promise<Buffer | undefined> {
  const response = await fetch(new URL(`v1/attachments/${name}`, url), {
    headers: {
      [HEADERS.protocol]: String(PROTOCOL_VERSION),
      [HEADERS.app]: 'quiosco-test/1',
      authorization: `Bearer ${apiToken}`,
    },
  });
  if (response.status === 404) return undefined;
  if (response.status !== 200)
    throw new Error(`GET photo ${name}: ${response.status} ${await response.text()}`);
  return Buffer.from(await response.arrayBuffer());
}

/**
 * Runs sync rounds until `done` holds after one, at most `rounds` of them: photos beyond a
 * round's budget go in the rounds after it. Answers the rounds it took; throws if `done` never held.
 */
export async function syncUntil(
  k: SyncKiosk,
  done: () => boolean | Promise<boolean>,
  rounds = 50,
): Promise<number> {
  for (let round = 1; round <= rounds; round++) {
    await k.core.syncNow();
    if (await done()) return round;
  }
  throw new Error(`still not done after ${rounds} sync rounds: ${JSON.stringify((await k.status()).sync)}`);
}

/**
 * Asserts the server holds each photo once and whole: complete, its stored bytes exactly the
 * kiosk's (a chunk stored twice would not be), and served byte for byte as the kiosk took it.
 */
export async function expectPhotosOnServer(
  s: ServerDb,
  url: string,
  apiToken: string,
  photos: ReadonlyMap<string, Buffer>,
): Promise<void> {
  for (const [name, bytes] of photos) {
    const row = await s.db
      .selectFrom('attachments')
      .select(['size', 'received', 'complete_at'])
      .where('name', '=', name)
      .executeTakeFirst();
    expect(
      row && { size: Number(row.size), received: Number(row.received), complete: row.complete_at !== null },
    ).toEqual({ size: bytes.length, received: bytes.length, complete: true });
    expect(sha256(await storedPhotoBytes(s, name))).toBe(sha256(bytes));
    const served = await serverPhoto(url, apiToken, name);
    expect(served && sha256(served)).toBe(sha256(bytes));
  }
}

/** One photo chunk as the proxy saw it go by, and what befell it. */
export type ChunkSeen = { name: string; offset: number; bytes: number; fault: Fault };

/**
 * A fault picker that records every photo chunk (PUT …/chunks) it lets through or spoils; `fate`
 * decides each request's fault, knowing whether it is a chunk.
 */
export function chunkRecorder(fate: (chunk: ChunkSeen | undefined) => Fault): {
  pick: (head: string) => Fault;
  chunks: ChunkSeen[];
} {
  const chunks: ChunkSeen[] = [];
  return {
    chunks,
    pick(head) {
      const { method, path, contentLength } = parseHead(head);
      const match = /^\/v1\/attachments\/([^/]+)\/chunks\?(.*)$/.exec(path);
      if (method !== 'PUT' || match === null) return fate(undefined);
      const offset = Number(new URLSearchParams(match[2]).get('offset'));
      const chunk: ChunkSeen = { name: match[1] ?? '', offset, bytes: contentLength, fault: 'pass' };
      chunk.fault = fate(chunk);
      chunks.push(chunk);
      return chunk.fault;
    },
  };
}
