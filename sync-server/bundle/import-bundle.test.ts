// USB bundles end to end (SQLite and PostgreSQL): a real kiosk with survey responses and a field
// record with a photo writes a bundle through its IPC channel; the server imports it with the
// push's semantics. Cut copies, forged signatures and another device's records are refused whole.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, TEST_PIN } from '../../electron/core/testing/kiosk-fixtures';
import type { ChannelOutput } from '../../shared/ipc/contract';
import { BUNDLE_ERRORS, BundleError } from '../../shared/sync/bundle';
import { seededRandom } from '../../shared/random/seeded-random';
import { SyncError } from '../sync-error';
import { DB_KINDS, openServerForTest, surveyChanges, type TestServer } from '../testing/test-server';
import {
  fakeJpeg,
  heritageAnswers,
  kioskPhotos,
  makeRecord,
  savePhoto,
} from '../../sync-tests/support/field-records';
import { expectSameRecords, openSyncKiosk, type SyncKiosk } from '../../sync-tests/support/sync-kiosk';
import { handBundle } from './testing/hand-bundle';
import { importFile } from './testing/import-file';

const NOW = new Date('2026-11-20T18:00:00.000Z');

describe.each(DB_KINDS)('USB bundles on %s', (kind) => {
  let server: TestServer | undefined;
  let kiosk: SyncKiosk | undefined;
  let drive = makeTempDir('quiosco-usb-');
  afterEach(async () => {
    kiosk?.close();
    kiosk?.remove();
    drive.remove();
    drive = makeTempDir('quiosco-usb-');
    await server?.close();
  });

  async function setUp() {
    server = await openServerForTest(kind);
    const eventId = await server.createEvent(['encuesta-impacto-economico', 'patrimonio-inmaterial']);
    kiosk = await openSyncKiosk();
    expect((await kiosk.enrol({ db: server.server.db, url: server.url }, eventId)).enrolled).toBe(true);
    return { s: server, k: kiosk, eventId };
  }

  async function writeBundle(k: SyncKiosk): Promise<ChannelOutput<'staff:write-bundle'>> {
    const unlocked = await k.core.call('staff:unlock', { pin: TEST_PIN });
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    const written = await k.core.call('staff:write-bundle', {
      token: unlocked.value.token,
      directory: drive.path,
    });
    if (!written.ok) throw new Error(written.error.message);
    return written.value;
  }

  /** The text as a bundle file on the drive, imported as `quiosco import` does. */
  const importText = (s: TestServer, text: string | Buffer) => {
    const file = join(drive.path, `hand-${randomUUID()}.qbundle`);
    writeFileSync(file, text);
    return importFile(s.server.db, file, [], NOW);
  };

  const refusal = async (s: TestServer, text: string | Buffer): Promise<unknown> =>
    importText(s, text).then(
      () => 'imported',
      (e: unknown) => e,
    );

  it('imports every record and photo once; a cut copy never applies; a later sync settles the kiosk', async () => {
    const { s, k } = await setUp();
    await k.save(3);
    const photo = fakeJpeg(1_500_000, seededRandom(7));
    const name = await savePhoto(k, photo);
    await makeRecord(k, heritageAnswers([name]));

    const written = await writeBundle(k);
    expect(written).toMatchObject({ records: 4, photos: 1, fromSeq: 1, throughSeq: 4 });
    // Only the finished file is on the drive: no temporary file is left beside it.
    expect(readdirSync(drive.path)).toEqual([written.file.slice(drive.path.length + 1)]);
    const text = readFileSync(written.file, 'utf8');

    // Cut anywhere (mid-header, mid-record, mid-photo, between lines, before the last newline).
    const cuts = new Set([0, 1, text.length - 1, text.length - 2]);
    for (let at = 17; at < text.length; at += Math.floor(text.length / 37)) cuts.add(at);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) cuts.add(i + 1);
    cuts.delete(text.length);
    for (const at of cuts) {
      const error = await refusal(s, text.slice(0, at));
      expect(error, `cut at ${at}`).toBeInstanceOf(BundleError);
      expect((error as BundleError).code, `cut at ${at}`).toBe('bundle_truncated');
    }
    expect(await s.count('submissions', { deviceId: k.core.deviceId })).toBe(0);
    expect(await s.count('devices')).toBe(1);

    const first = await importText(s, text);
    expect(first).toMatchObject({ ackedThroughSeq: 4, newChanges: 4, rejected: [], photosStored: 1 });
    await expectSameRecords(s.server.db, k, 4);
    const stored = await s.server.db.db
      .selectFrom('attachments')
      .select(['size', 'complete_at'])
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    expect(stored.size).toBe(photo.length);
    expect(stored.complete_at).not.toBeNull();

    const again = await importText(s, text);
    expect(again).toMatchObject({ ackedThroughSeq: 4, newChanges: 0, rejected: [], photosAlreadyThere: 1 });
    expect(await s.count('submissions', { deviceId: k.core.deviceId })).toBe(4);
    expect(await s.count('changes')).toBeGreaterThan(0);

    // The kiosk kept its records; its next sync is all replays and settles them.
    expect((await k.status()).pendingSync).toBe(4);
    await k.core.syncNow();
    expect((await k.status()).pendingSync).toBe(0);
    expect(kioskPhotos(k.dataDir).get(name)).not.toBeNull();
    await expectSameRecords(s.server.db, k, 4);
  });

  it('refuses a forged or damaged bundle with nothing written, and another device’s records as push does', async () => {
    const { s, eventId } = await setUp();
    const device = await s.enrol(eventId, 'Kiosk B');
    const other = await s.enrol(eventId, 'Kiosk C');
    const lines = surveyChanges(device, 1, 3).map((change) => JSON.stringify({ change }));

    const forged = await refusal(s, handBundle(device, lines, { token: other.token }));
    expect(forged).toBeInstanceOf(BundleError);
    expect((forged as BundleError).message).toBe(BUNDLE_ERRORS.bundle_signature_invalid);
    const damaged = handBundle(device, lines).toString().replace('"seq":2', '"seq":9');
    expect(await refusal(s, damaged)).toMatchObject({ code: 'bundle_damaged' });
    expect(await s.count('submissions', { deviceId: device.deviceId })).toBe(0);
    expect(await s.count('push_rejections')).toBe(0);

    // B's records in a bundle signed by C: forbidden for the batch, as a push by C would be.
    const theirs = await refusal(s, handBundle(other, lines));
    expect(theirs).toBeInstanceOf(SyncError);
    expect((theirs as SyncError).code).toBe('forbidden');
    // A range that does not follow the device's mark: sequence_gap, nothing written.
    const later = surveyChanges(device, 5, 2).map((change) => JSON.stringify({ change }));
    const gap = await refusal(s, handBundle(device, later));
    expect(gap).toMatchObject({ code: 'sequence_gap', extra: { expectedSeq: 1 } });
    expect(await s.count('submissions')).toBe(0);

    expect(await importText(s, handBundle(device, lines))).toMatchObject({
      ackedThroughSeq: 3,
      newChanges: 3,
    });
    expect(await s.count('submissions', { deviceId: device.deviceId })).toBe(3);
  });
});
