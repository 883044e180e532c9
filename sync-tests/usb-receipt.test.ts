// USB bundles back to the kiosk (SQLite and PostgreSQL): `quiosco import --receipt-out` and
// `quiosco export-kiosk-bundle` write signed .qkiosk files; loading one at the kiosk
// (staff:load-bundle) acknowledges what the server holds as a push answer would, and applies its
// set-up as a pull would. Cut, damaged, forged and other kiosks' files are refused whole.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, TEST_PIN } from '../electron/core/testing/kiosk-fixtures';
import type { ChannelOutput } from '../shared/ipc/contract';
import { BUNDLE_ERRORS, type BundleErrorCode } from '../shared/sync/bundle';
import { KIOSK_BUNDLE_FORMAT, type KioskBundleHeader } from '../shared/sync/kiosk-bundle';
import { writeSignedFile } from '../shared/sync/node/bundle-file';
import { bundleKey } from '../shared/sync/node/bundle-sign';
import { seededRandom } from '../shared/random/seeded-random';
import { quioscoOn } from '../cli/testing/run-quiosco';
import { writeKioskBundle } from '../sync-server/bundle/kiosk-bundle-writer';
import { setDeviceMode } from '../sync-server/devices/devices-store';
import {
  createTestDatabase,
  DB_KINDS,
  openServerForTest,
  pointDatabaseUrlAt,
  type TestServer,
} from '../sync-server/testing/test-server';
import { fakeJpeg, heritageAnswers, kioskPhotos, makeRecord, savePhoto } from './support/field-records';
import { expectSameRecords, openSyncKiosk, type SyncKiosk } from './support/sync-kiosk';

const NOW = new Date('2026-11-20T18:00:00.000Z');

describe.each(DB_KINDS)('USB bundles back to the kiosk on %s', (kind) => {
  let server: TestServer | undefined;
  let kiosk: SyncKiosk | undefined;
  let cleanup: (() => Promise<void>)[] = [];
  const drive = () => {
    const dir = makeTempDir('quiosco-usb-');
    cleanup.push(async () => dir.remove());
    return dir.path;
  };
  afterEach(async () => {
    kiosk?.close();
    kiosk?.remove();
    await server?.close();
    for (const step of cleanup.reverse()) await step();
    cleanup = [];
  });

  async function setUp(forms: Parameters<TestServer['createEvent']>[0]) {
    const database = await createTestDatabase(kind);
    server = await openServerForTest(kind, { database: database.config });
    const restoreUrl = pointDatabaseUrlAt(database.config);
    cleanup.push(
      async () => restoreUrl(),
      () => database.drop(),
    );
    const eventId = await server.createEvent(forms);
    kiosk = await openSyncKiosk();
    expect((await kiosk.enrol({ db: server.server.db, url: server.url }, eventId)).enrolled).toBe(true);
    return { s: server, k: kiosk, eventId, quiosco: quioscoOn(() => database.config) };
  }

  async function session(k: SyncKiosk): Promise<string> {
    const unlocked = await k.core.call('staff:unlock', { pin: TEST_PIN });
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    return unlocked.value.token;
  }

  async function writeUp(k: SyncKiosk): Promise<ChannelOutput<'staff:write-bundle'>> {
    const written = await k.core.call('staff:write-bundle', { token: await session(k), directory: drive() });
    if (!written.ok) throw new Error(written.error.message);
    return written.value;
  }

  const loading = async (k: SyncKiosk, path: string) =>
    k.core.call('staff:load-bundle', { token: await session(k), path });

  async function load(k: SyncKiosk, path: string): Promise<ChannelOutput<'staff:load-bundle'>> {
    const loaded = await loading(k, path);
    if (!loaded.ok) throw new Error(loaded.error.message);
    return loaded.value;
  }

  /** The kiosk refuses the file with this code and its exact message, and nothing changes. */
  async function expectRefused(k: SyncKiosk, path: string, code: BundleErrorCode, detail?: string) {
    const pending = (await k.status()).pendingSync;
    const photos = kioskPhotos(k.dataDir);
    const loaded = await loading(k, path);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    const message = detail === undefined ? BUNDLE_ERRORS[code] : `${BUNDLE_ERRORS[code]}: ${detail}`;
    expect(loaded.error).toMatchObject({ message, details: { bundleError: code } });
    expect((await k.status()).pendingSync).toBe(pending);
    expect(kioskPhotos(k.dataDir)).toEqual(photos);
  }

  it('a receipt from `quiosco import --receipt-out` settles the kiosk’s records and photos, once', async () => {
    const { s, k, quiosco } = await setUp(['encuesta-impacto-economico', 'patrimonio-inmaterial']);
    await k.save(3);
    const name = await savePhoto(k, fakeJpeg(300_000, seededRandom(3)));
    await makeRecord(k, heritageAnswers([name]));
    const written = await writeUp(k);

    const receipts = drive();
    const run = await quiosco('import', written.file, '--receipt-out', receipts);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Receipt for the kiosk: .*\.qkiosk\n/);
    expect((await k.status()).pendingSync).toBe(4);
    expect(kioskPhotos(k.dataDir).get(name)).toBeNull();

    expect(await load(k, receipts)).toMatchObject({
      files: 1,
      acknowledged: 4,
      deadLettered: 0,
      photosConfirmed: 1,
      changes: 0,
      pending: 0,
    });
    expect(kioskPhotos(k.dataDir).get(name)).not.toBeNull();
    // Loading it again changes nothing.
    expect(await load(k, receipts)).toMatchObject({ acknowledged: 0, photosConfirmed: 0, pending: 0 });

    // The next sync agrees: the server's mark is the receipt's, nothing is sent or stored twice.
    await k.core.syncNow();
    expect((await k.status()).pendingSync).toBe(0);
    expect(await s.count('submissions', { deviceId: k.core.deviceId })).toBe(4);
    await expectSameRecords(s.server.db, k, 4);
  });

  it('a photo gone or damaged at the kiosk is left out and named; the records and other photos still travel', async () => {
    const { s, k, quiosco } = await setUp(['patrimonio-inmaterial']);
    const photos = await Promise.all(
      [11, 12, 13].map((seed) => savePhoto(k, fakeJpeg(40_000, seededRandom(seed)))),
    );
    const [good, damaged, gone] = photos as [string, string, string];
    await makeRecord(k, heritageAnswers(photos));
    // Bit rot on the kiosk's card, and a file lost: no copy of these files can ever import.
    const media = join(k.dataDir, 'media');
    const bytes = readFileSync(join(media, damaged));
    bytes[500] = (bytes[500] ?? 0) ^ 0x10;
    writeFileSync(join(media, damaged), bytes);
    rmSync(join(media, gone));

    const written = await writeUp(k);
    expect(written).toMatchObject({ records: 1, photos: 1, damagedPhotos: [damaged, gone].sort() });
    const receipts = drive();
    const run = await quiosco('import', written.file, '--receipt-out', receipts);
    expect(run.err).toBe('');
    expect(run.out).toContain('1 new change(s)');
    expect(await s.count('submissions', { deviceId: k.core.deviceId })).toBe(1);
    expect(await load(k, receipts)).toMatchObject({ acknowledged: 1, photosConfirmed: 1, pending: 0 });
    const held = kioskPhotos(k.dataDir);
    expect(held.get(good)).not.toBeNull();
    expect([held.get(damaged), held.get(gone)]).toEqual([null, null]);
  });

  it('refuses cut, damaged, forged, misdirected and impossible receipts whole', async () => {
    const { s, k, eventId } = await setUp(['encuesta-impacto-economico']);
    await k.save(2);
    const deviceId = k.core.deviceId;
    const dir = drive();
    const receipt = { ackedThroughSeq: 2, rejected: [], photos: [] };
    const good = await writeKioskBundle(
      s.server.db,
      { deviceId, directory: dir, receipt, withStreams: false },
      NOW,
    );
    const text = readFileSync(good.file, 'utf8');
    // Named as the server names them, so that loading the directory picks them up too.
    const file = (name: string, content: string) => {
      const path = join(dir, `quiosco-${deviceId}-${name}`);
      writeFileSync(path, content);
      return path;
    };

    await expectRefused(k, file('cut.qkiosk', text.slice(0, text.length - 5)), 'bundle_truncated');
    await expectRefused(
      k,
      file('flip.qkiosk', text.replace('"ackedThroughSeq":2', '"ackedThroughSeq":1')),
      'bundle_damaged',
    );
    const header: KioskBundleHeader = {
      format: KIOSK_BUNDLE_FORMAT,
      version: 1,
      deviceId,
      createdAt: NOW.toISOString(),
      receipt,
      pages: 0,
    };
    const forged = writeSignedFile(dir, 'forged.qkiosk', bundleKey('not-the-token'), ({ line }) => {
      line(`${JSON.stringify(header)}\n`);
      return { changes: 0, chunks: 0 };
    });
    await expectRefused(k, forged, 'bundle_signature_invalid');
    const other = await s.enrol(eventId, 'Kiosk B');
    const theirs = await writeKioskBundle(
      s.server.db,
      { deviceId: other.deviceId, directory: drive(), receipt, withStreams: false },
      NOW,
    );
    await expectRefused(
      k,
      theirs.file,
      'bundle_other_device',
      `written for ${other.deviceId}, this kiosk is ${deviceId}`,
    );
    const ahead = await writeKioskBundle(
      s.server.db,
      { deviceId, directory: drive(), receipt: { ...receipt, ackedThroughSeq: 3 }, withStreams: false },
      NOW,
    );
    await expectRefused(
      k,
      ahead.file,
      'receipt_ahead_of_outbox',
      "the server holds this kiosk's records through seq 3, this kiosk numbered only 2",
    );
    const upward = await writeUp(k);
    await expectRefused(k, upward.file, 'bundle_wrong_kind', 'quiosco-usb-bundle');

    // A directory with one good and one bad file of this kiosk applies neither.
    await expectRefused(k, dir, 'bundle_truncated');
    expect(await load(k, good.file)).toMatchObject({ acknowledged: 2, pending: 0 });
  });

  it('a receipt dead-letters the records the server refused, as a push answer does', async () => {
    const { s, k } = await setUp(['encuesta-impacto-economico']);
    const [first] = await k.save(2);
    const rejection = { seq: 1, id: first ?? '', code: 'unknown_form' as const, message: 'Form gone' };
    const receipt = { ackedThroughSeq: 2, rejected: [rejection], photos: [] };
    const options = { deviceId: k.core.deviceId, directory: drive(), receipt, withStreams: false };
    const written = await writeKioskBundle(s.server.db, options, NOW);
    expect(await load(k, written.file)).toMatchObject({ acknowledged: 2, deadLettered: 1, pending: 0 });
    const { deadLetters } = await k.call('staff:dead-letters', {});
    expect(deadLetters).toMatchObject([{ seq: 1, id: first, code: 'unknown_form', message: 'Form gone' }]);
    expect(await load(k, written.file)).toMatchObject({ acknowledged: 0, deadLettered: 0 });
  });

  it('`quiosco export-kiosk-bundle` brings a door its tickets and revocations as a pull would, once', async () => {
    const { s, k, eventId, quiosco } = await setUp(['encuesta-impacto-economico']);
    const coordinator = await s.tokenFor('coordinator');
    const csv = [
      'code,event,ticket_type,holder_name,valid_from,valid_to',
      `${eventId}-1,${eventId},Niños,Luis Ñúñez,,`,
      `${eventId}-2,${eventId},General,,,`,
    ].join('\n');
    const post = async (path: string, body: unknown) =>
      expect((await s.call('POST', path, { token: coordinator, body })).status).toBe(200);
    await post('/v1/tickets/import', { csv });
    await post('/v1/tickets/revoke', { ticket: `${eventId}-2`, eventId });
    // Made a door after it last synced: only the bundle brings it the tickets.
    await setDeviceMode(s.server.db, k.core.deviceId, 'door');
    const { settings } = await k.call('staff:config', {});
    await k.call('staff:configure', { settings: { ...settings, mode: 'door', gate: 'Norte' } });
    expect((await k.call('door:status', {})).known).toMatchObject({ tickets: 0, revocations: 0 });

    const dir = drive();
    const missing = await quiosco('export-kiosk-bundle', '--device', 'no-such-kiosk', '--out', dir);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(
      `quiosco export-kiosk-bundle: bundle_unknown_device: ${BUNDLE_ERRORS.bundle_unknown_device}: no-such-kiosk; nothing was written\n`,
    );
    const run = await quiosco('export-kiosk-bundle', '--device', k.core.deviceId, '--out', dir);
    expect(run.err).toBe('');
    expect(run.out).toMatch(
      /^Wrote .*\.qkiosk: \d+ change\(s\) in \d+ page\(s\); receipt through seq 0, 0 photo\(s\)\n$/,
    );

    const first = await load(k, dir);
    expect(first).toMatchObject({ files: 1, acknowledged: 0, conflicts: [] });
    expect(first.changes).toBeGreaterThan(3);
    expect((await k.call('door:status', {})).known).toMatchObject({ tickets: 2, revocations: 1 });
    expect(await load(k, dir)).toMatchObject({ changes: 0, acknowledged: 0 });
    expect((await k.call('door:status', {})).known).toMatchObject({ tickets: 2, revocations: 1 });
  });
});
