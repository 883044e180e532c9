// Loading a server → kiosk USB bundle (shared/sync/kiosk-bundle.ts) at the kiosk: every file is
// checked whole first (complete, undamaged, for this kiosk, signed with its token), then its forms'
// images are installed, its receipt acknowledges the outbox as a push answer would, its pull pages
// are applied with the functions a pull uses, and the branding's images are stored. Loading the same bundle again changes nothing. docs/sync-protocol.md#usb-bundles.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KioskSettings } from '../../../shared/kiosk/kiosk-settings';
import { CallFailure } from '../../../shared/ipc/result';
import { BundleError } from '../../../shared/sync/bundle';
import {
  KIOSK_BUNDLE_EXTENSION,
  KioskBundleHeaderSchema,
  KioskBundleImageSchema,
  KioskBundlePageSchema,
  type KioskBundleHeader,
  type KioskBundlePage,
  type Receipt,
} from '../../../shared/sync/kiosk-bundle';
import { bundleKey, readSignedFile, signatureMatches } from '../../../shared/sync/node/bundle-sign';
import { applyBrandingPage, brandImagesToFetch, storeBrandImage } from '../branding/branding-store';
import type { KioskDb } from '../db/migrate';
import { adoptUnsentRows, currentDeviceId, readSeqBase } from '../device/device-identity';
import { applyDoorPage } from '../door/apply-door-pull';
import type { DoorStore } from '../door/door-store';
import { fetchFormMedia } from '../forms/form-media-sync';
import type { FormStore } from '../forms/form-store';
import { firstPendingSeq, lastOutboxSeq, markAcked, pendingCount } from '../outbox/outbox';
import { applyPulledPage } from '../sync/apply-pull';
import { markUploaded } from '../sync/attachment-queue';
import { SyncFailure } from '../sync/sync-failure';
import { readEnrolment, readPullCursor } from '../sync/sync-state';

export type LoadContext = {
  db: KioskDb;
  forms: FormStore;
  doorStore: DoorStore;
  now: () => Date;
  onSettings(settings: KioskSettings): void;
};

export type LoadedBundle = {
  files: number;
  /** Outbox rows this load acknowledged, and how many of them the server had refused. */
  acknowledged: number;
  deadLettered: number;
  photosConfirmed: number;
  /** Pulled changes applied (those this kiosk already had from a later pull are skipped). */
  changes: number;
  /** Forms installed here with another definition: the installed one stays, as in a pull. */
  conflicts: string[];
  pending: number;
};

type Checked = { header: KioskBundleHeader; pages: KioskBundlePage[]; images: Map<string, Buffer> };

/** Answers a refused bundle as the call's error: the code in `details.bundleError`, nothing applied. */
export async function loadBundle(ctx: LoadContext, path: string): Promise<LoadedBundle> {
  try {
    return await load(ctx, path);
  } catch (e) {
    // An image whose bytes are not the ones its form lists: refused as a fetched one would be.
    if (e instanceof SyncFailure) {
      throw new CallFailure('invalid_input', e.message, { bundleError: 'bundle_malformed' });
    }
    if (!(e instanceof BundleError)) throw e;
    const code = e.code === 'bundle_not_enrolled' ? 'forbidden' : 'invalid_input';
    throw new CallFailure(code, e.message, { bundleError: e.code });
  }
}

async function load(ctx: LoadContext, path: string): Promise<LoadedBundle> {
  const { db } = ctx;
  const enrolment = readEnrolment(db);
  if (enrolment === undefined) throw new BundleError('bundle_not_enrolled');
  const deviceId = currentDeviceId(db);
  const key = bundleKey(enrolment.token);
  // All checked before any is applied: one bad file among several applies none.
  const budget = { left: MAX_KIOSK_BUNDLE_BYTES };
  const checked = filesAt(path, deviceId)
    .map((file) => checkBundle(readText(file, budget), deviceId, key))
    .sort((a, b) => a.header.createdAt.localeCompare(b.header.createdAt));
  const result: LoadedBundle = {
    files: checked.length,
    acknowledged: 0,
    deadLettered: 0,
    photosConfirmed: 0,
    changes: 0,
    conflicts: [],
    pending: 0,
  };
  const images = new Map(checked.flatMap((c) => [...c.images]));
  // Forms' images first, each checked as a fetched one and written durably: a form is never
  // installed without them, as in a pull. A form naming one the files lack refuses the load.
  const bundled = {
    getFormMedia: async (sha256: string) => {
      const bytes = images.get(sha256);
      if (bytes === undefined) {
        throw new BundleError(
          'bundle_malformed',
          `a form names image ${sha256}, which the bundle does not carry`,
        );
      }
      return bytes;
    },
  };
  for (const { pages } of checked) {
    for (const page of pages.filter((p) => p.stream === 'kiosk')) {
      const cursor = readPullCursor(db, page.stream);
      await fetchFormMedia(
        bundled,
        dirname(db.name),
        page.changes.filter((c) => c.seq > cursor),
      );
    }
  }
  for (const { header, pages } of checked) {
    if (header.receipt !== undefined) {
      const applied = applyReceipt(db, deviceId, header.receipt, ctx.now());
      result.acknowledged += applied.acknowledged;
      result.deadLettered += applied.deadLettered;
      result.photosConfirmed += applied.photosConfirmed;
    }
    for (const page of pages) {
      const applied = applyPage(ctx, { deviceId, token: enrolment.token }, page);
      result.changes += applied.changes;
      result.conflicts.push(...applied.conflicts);
    }
  }
  storeBrandImages(ctx, checked, images);
  result.pending = pendingCount(db);
  return result;
}

/** The images of the branding just applied that the kiosk lacks, from the files, checked as fetched ones. */
function storeBrandImages(ctx: LoadContext, checked: Checked[], images: Map<string, Buffer>): void {
  const events = new Set(
    checked.flatMap((c) =>
      c.pages.flatMap((p) =>
        p.changes.flatMap((change) => (change.kind === 'branding' ? [change.payload.eventId] : [])),
      ),
    ),
  );
  for (const eventId of events) {
    for (const image of brandImagesToFetch(ctx.db, eventId)) {
      const bytes = images.get(image.sha256);
      // Left out by the server (replaced since): the next sync brings it, as a fetch would.
      if (bytes === undefined) continue;
      const refused = storeBrandImage(ctx.db, image, bytes, ctx.now());
      if (refused !== null) throw new BundleError('bundle_malformed', refused);
    }
  }
}

/** The envelope, the device and the signature; then every page line. Throws BundleError. */
export function checkBundle(text: string, deviceId: string, key: string): Checked {
  const bundle = readSignedFile(text, KioskBundleHeaderSchema);
  if (bundle.header.deviceId !== deviceId) {
    throw new BundleError(
      'bundle_other_device',
      `written for ${bundle.header.deviceId}, this kiosk is ${deviceId}`,
    );
  }
  if (!signatureMatches(bundle, key)) throw new BundleError('bundle_signature_invalid');
  const imageCount = bundle.header.images ?? 0;
  if (bundle.trailer.chunks !== imageCount || bundle.body.length !== imageCount + bundle.header.pages) {
    throw new BundleError('bundle_malformed', 'the counts in the header and trailer do not match its lines');
  }
  const images = new Map<string, Buffer>();
  bundle.body.slice(0, imageCount).forEach((line, index) => {
    const parsed = KioskBundleImageSchema.safeParse(safeJson(line));
    if (!parsed.success) throw new BundleError('bundle_malformed', `line ${index + 2} is not an image`);
    const bytes = Buffer.from(parsed.data.image.data, 'base64');
    if (createHash('sha256').update(bytes).digest('hex') !== parsed.data.image.sha256) {
      throw new BundleError(
        'bundle_malformed',
        `line ${index + 2}: the image's bytes do not have its SHA-256`,
      );
    }
    images.set(parsed.data.image.sha256, bytes);
  });
  const pages = bundle.body.slice(imageCount).map((line, index) => {
    const page = KioskBundlePageSchema.safeParse(safeJson(line));
    if (!page.success) {
      throw new BundleError('bundle_malformed', `line ${index + imageCount + 2} is not a pulled page`);
    }
    return page.data;
  });
  if (pages.length !== bundle.trailer.changes) {
    throw new BundleError('bundle_malformed', 'the counts in the header and trailer do not match its lines');
  }
  return { header: bundle.header, pages, images };
}

/**
 * What a push answer does, from a file: the rows through the server's mark are acknowledged and
 * those it refused dead-lettered, in one transaction; the photos it holds are marked uploaded.
 */
function applyReceipt(
  db: KioskDb,
  deviceId: string,
  receipt: Receipt,
  now: Date,
): { acknowledged: number; deadLettered: number; photosConfirmed: number } {
  const at = now.toISOString();
  const waiting = db.prepare<[string], { name: string }>(
    'SELECT name FROM attachments WHERE name = ? AND uploaded_at IS NULL',
  );
  const deadLetter = db.prepare(
    `INSERT OR IGNORE INTO dead_letters (seq, entity_kind, entity_id, code, message, payload, rejected_at)
     SELECT seq, entity_kind, entity_id, ?, ?, payload, ? FROM outbox WHERE seq = ? AND acked_at IS NULL`,
  );
  return db
    .transaction(() => {
      adoptUnsentRows(db, deviceId);
      const base = readSeqBase(db);
      const through = receipt.ackedThroughSeq + base;
      const numbered = lastOutboxSeq(db);
      if (through > numbered) {
        throw new BundleError(
          'receipt_ahead_of_outbox',
          `the server holds this kiosk's records through seq ${receipt.ackedThroughSeq}, this kiosk numbered only ${numbered - base}`,
        );
      }
      const before = pendingCount(db);
      const from = firstPendingSeq(db);
      let deadLettered = 0;
      if (from !== undefined && from <= through) {
        for (const r of receipt.rejected) {
          const seq = r.seq + base;
          if (seq >= from && seq <= through)
            deadLettered += deadLetter.run(r.code, r.message, at, seq).changes;
        }
        markAcked(db, from, through, at);
      }
      const photos = receipt.photos.filter((name) => waiting.get(name) !== undefined);
      markUploaded(db, photos, now);
      return { acknowledged: before - pendingCount(db), deadLettered, photosConfirmed: photos.length };
    })
    .immediate();
}

/** One page through the pull's own apply functions, without the changes a later pull brought. */
function applyPage(
  ctx: LoadContext,
  who: { deviceId: string; token: string },
  page: KioskBundlePage,
): { changes: number; conflicts: string[] } {
  const { db } = ctx;
  const cursor = readPullCursor(db, page.stream);
  if (page.cursor <= cursor) return { changes: 0, conflicts: [] };
  const pulled = { changes: page.changes.filter((c) => c.seq > cursor), cursor: page.cursor };
  const now = ctx.now();
  const changes = pulled.changes.length;
  switch (page.stream) {
    case 'kiosk': {
      const applied = applyPulledPage({ db, forms: ctx.forms, ...who, now }, pulled);
      if (applied.settings !== undefined) ctx.onSettings(applied.settings);
      return { changes, conflicts: applied.conflicts };
    }
    case 'door':
      applyDoorPage({ db, store: ctx.doorStore, token: who.token }, pulled);
      return { changes, conflicts: [] };
    case 'branding':
      applyBrandingPage({ db, token: who.token, now }, pulled);
      return { changes, conflicts: [] };
  }
}

/** A bundle file, or this kiosk's bundles in a directory (a drive may carry several kiosks'). */
function filesAt(path: string, deviceId: string): string[] {
  let directory: boolean;
  try {
    directory = statSync(path).isDirectory();
  } catch {
    throw new CallFailure('not_found', `${path} does not exist (is the drive mounted?)`);
  }
  if (!directory) return [path];
  const files = readdirSync(path)
    .filter((name) => name.endsWith(KIOSK_BUNDLE_EXTENSION) && name.includes(deviceId))
    .map((name) => join(path, name));
  if (files.length === 0) {
    throw new CallFailure(
      'not_found',
      `${path} holds no bundle for this kiosk (${deviceId}${KIOSK_BUNDLE_EXTENSION})`,
    );
  }
  return files;
}

/**
 * What a load reads at most, all files together: each is held whole to be checked (its bytes, its
 * text, its parsed pages), so a larger one (or a link to /dev/zero) would exhaust the kiosk's memory.
 */
export const MAX_KIOSK_BUNDLE_BYTES = 256 * 1024 * 1024;

/** A bundle file's text, once it is known to be a file within what is left of `budget`. */
function readText(file: string, budget: { left: number }): string {
  let fd: number;
  try {
    // Not blocking: a FIFO on the drive would otherwise wait for a writer for ever.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new CallFailure('not_found', `cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new BundleError('bundle_malformed', `${file} is not a regular file`);
    if (stat.size > budget.left) {
      throw new BundleError(
        'bundle_malformed',
        `${file} brings the files loaded at once past ${MAX_KIOSK_BUNDLE_BYTES / 1024 / 1024} MiB`,
      );
    }
    budget.left -= stat.size;
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

const safeJson = (line: string): unknown => {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
};
