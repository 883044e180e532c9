// Writing a USB bundle: every outbox row from the first unacknowledged one on (numbered as a push
// numbers them) and the photos still waiting, into one file on a removable drive. The file is
// written whole or not at all (shared/sync/node/bundle-file.ts). Nothing is marked sent: the rows
// stay pending until a sync or the server's receipt (load-bundle.ts) acknowledges them. docs/sync-protocol.md#usb-bundles.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CallFailure } from '../../../shared/ipc/result';
import {
  BUNDLE_EXTENSION,
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type BundleHeader,
} from '../../../shared/sync/bundle';
import { writeSignedFile } from '../../../shared/sync/node/bundle-file';
import { bundleKey } from '../../../shared/sync/node/bundle-sign';
import { MAX_ATTACHMENT_CHUNK_BYTES } from '../../../shared/sync/protocol';
import type { KioskDb } from '../db/migrate';
import { adoptUnsentRows, currentDeviceId, readSeqBase } from '../device/device-identity';
import { attachmentNamesIn } from '../field/attachment-names';
import { mediaDir } from '../field/attachment-store';
import { firstPendingSeq, type OutboxEntityKind } from '../outbox/outbox';
import { photosToUpload } from '../sync/attachment-queue';
import { readEnrolment } from '../sync/sync-state';
import { readServerBundleKey } from './server-key-store';

export type WrittenBundle = {
  file: string;
  /** Encrypted to the server's key (docs/sync-protocol.md#sealed-bundles). */
  sealed: boolean;
  records: number;
  photos: number;
  /**
   * Waiting photos left out because this kiosk's copy is gone or no longer hashes to its name:
   * the server would refuse the whole bundle for one, and no copy of the same files mends it.
   */
  damagedPhotos: string[];
  /** The seqs as the server numbers them; 0 and 0 when only photos travel. */
  fromSeq: number;
  throughSeq: number;
};

export const SEAL_KEY_MISSING =
  "This kiosk must encrypt its bundles and has not heard the server's key yet: sync with the server once (or enrol it again)";

type Row = { seq: number; entity_kind: OutboxEntityKind; entity_id: string; payload: string };

/** `requireSealed`: the kiosk setting that refuses a bundle in clear (no server key heard yet). */
export function writeBundle(db: KioskDb, directory: string, now: Date, requireSealed = false): WrittenBundle {
  // Read here, not passed in: a kiosk that took a new identity since its core started writes as it.
  const deviceId = currentDeviceId(db);
  const enrolment = readEnrolment(db);
  // The signature needs the token; a kiosk never enrolled has no server to carry records to.
  if (enrolment === undefined) {
    throw new CallFailure('forbidden', 'Enrol this kiosk with the sync server before writing a bundle');
  }
  if (enrolment.revoked) throw new CallFailure('forbidden', 'The server revoked this kiosk: enrol it again');
  // Sealed whenever the server told its key; a kiosk of an older server writes a plain bundle.
  const sealTo = readServerBundleKey(db);
  if (sealTo === undefined && requireSealed) {
    throw new CallFailure('forbidden', SEAL_KEY_MISSING);
  }
  if (!isDirectory(directory)) {
    throw new CallFailure('not_found', `${directory} is not a directory (is the drive mounted?)`);
  }
  const {
    rows,
    base,
    photos: waiting,
  } = db
    .transaction(() => {
      adoptUnsentRows(db, deviceId);
      const from = firstPendingSeq(db);
      const pending =
        from === undefined
          ? []
          : db
              .prepare<[number], Row>(
                'SELECT seq, entity_kind, entity_id, payload FROM outbox WHERE seq >= ? ORDER BY seq',
              )
              .all(from);
      return { rows: pending, base: readSeqBase(db), photos: waitingPhotos(db, deviceId, pending) };
    })
    .immediate();
  const damagedPhotos = waiting.filter((photo) => !intact(db, photo));
  const photos = waiting.filter((photo) => !damagedPhotos.includes(photo));
  if (rows.length === 0 && photos.length === 0) {
    throw new CallFailure('not_found', 'Nothing waits to be sent: every record and photo reached the server');
  }
  const fromSeq = rows.length === 0 ? 0 : (rows[0] as Row).seq - base;
  const throughSeq = rows.length === 0 ? 0 : (rows.at(-1) as Row).seq - base;
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const header: BundleHeader = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    deviceId,
    createdAt: now.toISOString(),
    fromSeq,
    throughSeq,
    records: rows.length,
    photos: photos.length,
  };
  const name = `quiosco-${deviceId}-${fromSeq}-${throughSeq}-${stamp}${BUNDLE_EXTENSION}`;
  const file = writeSignedFile(
    directory,
    name,
    bundleKey(enrolment.token),
    ({ line }) => {
      line(`${JSON.stringify(header)}\n`);
      // The payload goes in as the text the outbox stored, as a push sends it.
      for (const r of rows) {
        line(
          `{"change":{"seq":${r.seq - base},"kind":${JSON.stringify(r.entity_kind)},"id":${JSON.stringify(r.entity_id)},"payload":${r.payload}}}\n`,
        );
      }
      let chunks = 0;
      for (const photo of photos) {
        const bytes = readFileSync(join(mediaDir(db), photo));
        for (let offset = 0; offset < bytes.length; offset += MAX_ATTACHMENT_CHUNK_BYTES) {
          const data = bytes.subarray(offset, offset + MAX_ATTACHMENT_CHUNK_BYTES).toString('base64');
          line(`${JSON.stringify({ photo, size: bytes.length, offset, data })}\n`);
          chunks++;
        }
      }
      return { changes: rows.length, chunks };
    },
    sealTo,
  );
  return {
    file,
    sealed: sealTo !== undefined,
    records: rows.length,
    photos: photos.length,
    damagedPhotos,
    fromSeq,
    throughSeq,
  };
}

/** The photo's file is here and its bytes still hash to its name (read once more to write it). */
function intact(db: KioskDb, photo: string): boolean {
  try {
    return photo.startsWith(
      createHash('sha256')
        .update(readFileSync(join(mediaDir(db), photo)))
        .digest('hex'),
    );
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'ENOENT') return false;
    throw e;
  }
}

/** Photos not confirmed by the server that a bundled row names, or that wait for upload anyway. */
function waitingPhotos(db: KioskDb, deviceId: string, rows: Row[]): string[] {
  const named = new Set<string>();
  for (const r of rows) {
    if (r.entity_kind === 'submission') {
      attachmentNamesIn((JSON.parse(r.payload) as { answers?: unknown }).answers, named);
    }
  }
  for (const photo of photosToUpload(db, deviceId)) named.add(photo.name);
  const waiting = db.prepare<[string], { name: string }>(
    'SELECT name FROM attachments WHERE name = ? AND uploaded_at IS NULL',
  );
  return [...named].filter((name) => waiting.get(name) !== undefined).sort();
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
