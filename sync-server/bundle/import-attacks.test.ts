// Bundles that hold a device's valid signature over what an honest kiosk never writes (SQLite and
// PostgreSQL): a seq gap or a record of another device past the first batch of a thousand, a
// repeated seq, a header whose seqs are not its changes', a photo whose bytes are not its name,
// text that is not UTF-8, photo names that climb out of a directory. Each is refused whole with
// its exact error before anything is written, whatever the push would have stored first. Also:
// a cut at every byte of a record, CRLF, a BOM, a record split over two lines, bundles out of order.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { seededRandom } from '../../shared/random/seeded-random';
import { BUNDLE_ERRORS } from '../../shared/sync/bundle';
import { MAX_PUSH_CHANGES } from '../../shared/sync/protocol';
import { fakeJpeg, sha256 } from '../../sync-tests/support/field-records';
import { SyncError } from '../sync-error';
import { quioscoOn } from '../../cli/testing/run-quiosco';
import {
  createTestDatabase,
  DB_KINDS,
  heritagePayload,
  pointDatabaseUrlAt,
  openServerForTest,
  surveyChanges,
  type TestDevice,
  type TestServer,
} from '../testing/test-server';
import { handBundle } from './testing/hand-bundle';
import { importFile } from './testing/import-file';

const NOW = new Date('2026-11-20T18:00:00.000Z');
const malformed = (detail: string) => ({
  code: 'bundle_malformed',
  message: `${BUNDLE_ERRORS.bundle_malformed}: ${detail}`,
});

describe.each(DB_KINDS)('bundle attacks on %s', (kind) => {
  let server: TestServer | undefined;
  let drive = makeTempDir('quiosco-usb-attack-');
  afterEach(async () => {
    await server?.close();
    drive.remove();
    drive = makeTempDir('quiosco-usb-attack-');
  });

  async function setUp() {
    server = await openServerForTest(kind);
    const s = server;
    const eventId = await s.createEvent(['encuesta-impacto-economico', 'patrimonio-inmaterial']);
    const device = await s.enrol(eventId, 'Kiosk A');
    const other = await s.enrol(eventId, 'Kiosk B');
    /** The import's error, or 'imported'. */
    const attempt = async (bytes: Buffer): Promise<unknown> => {
      const file = join(drive.path, `attack-${randomUUID()}.qbundle`);
      writeFileSync(file, bytes);
      return importFile(s.server.db, file, [], NOW).then(
        () => 'imported',
        (e: unknown) => e,
      );
    };
    /** The import's error, and that nothing of any device was written. */
    const refused = async (bytes: Buffer): Promise<unknown> => {
      const error = await attempt(bytes);
      expect(await s.count('submissions')).toBe(0);
      expect(await s.count('push_rejections')).toBe(0);
      const devices = await s.server.db.db.selectFrom('devices').select('last_seq').execute();
      expect(devices.map((d) => d.last_seq)).toEqual([0, 0]);
      const attachments = await s.server.db.db.selectFrom('attachments').select('name').execute();
      expect(attachments).toEqual([]);
      return error;
    };
    return { s, device, other, attempt, refused };
  }

  const lines = (device: TestDevice, from: number, count: number) =>
    surveyChanges(device, from, count).map((change) => JSON.stringify({ change }));
  const codeAndMessage = (e: unknown) =>
    e instanceof Error ? { code: (e as { code?: unknown }).code, message: e.message } : e;

  it('refuses seq gaps, repeated seqs and lying headers whole, also past the first batch', async () => {
    const { device, refused } = await setUp();
    const batch = lines(device, 1, MAX_PUSH_CHANGES);
    // The push would store the first thousand, then stop at the gap.
    const gap = handBundle(device, [...batch, ...lines(device, MAX_PUSH_CHANGES + 2, 1)]);
    expect(codeAndMessage(await refused(gap))).toEqual(
      malformed(
        `line ${MAX_PUSH_CHANGES + 2}: seq ${MAX_PUSH_CHANGES + 2} after seq ${MAX_PUSH_CHANGES} (a bundle's seqs follow each other)`,
      ),
    );
    // Seq 2 twice with other content: the push's schema error, not a bundle's refusal, before.
    const [one, two, three] = lines(device, 1, 3) as [string, string, string];
    const again = lines(device, 2, 1)[0] ?? '';
    expect(codeAndMessage(await refused(handBundle(device, [one, two, again, three])))).toEqual(
      malformed("line 4: seq 2 after seq 2 (a bundle's seqs follow each other)"),
    );
    expect(codeAndMessage(await refused(handBundle(device, [two, one, three])))).toEqual(
      malformed("line 3: seq 1 after seq 2 (a bundle's seqs follow each other)"),
    );
    const lying = handBundle(device, [one, two, three], { header: { fromSeq: 1, throughSeq: 5 } });
    expect(codeAndMessage(await refused(lying))).toEqual(
      malformed("the header's seqs 1–5 are not its changes' 1–3"),
    );
  });

  it('refuses a record of another device anywhere in the bundle, before the first batch is stored', async () => {
    const { device, other, refused } = await setUp();
    const theirs = lines(other, MAX_PUSH_CHANGES + 1, 1)[0] ?? '';
    const error = await refused(handBundle(device, [...lines(device, 1, MAX_PUSH_CHANGES), theirs]));
    expect(error).toBeInstanceOf(SyncError);
    expect(codeAndMessage(error)).toEqual({
      code: 'forbidden',
      message: `line ${MAX_PUSH_CHANGES + 2}: record of device ${other.deviceId}; a kiosk's bundle carries only its own records`,
    });
  });

  it('refuses a photo whose bytes are not its name, before its record is stored', async () => {
    const { device, refused } = await setUp();
    const photo = fakeJpeg(200_000, seededRandom(5));
    const name = `${sha256(photo)}.jpg`;
    const payload = heritagePayload(device, [name]);
    const record = JSON.stringify({ change: { seq: 1, kind: 'submission', id: payload.id, payload } });
    const altered = Buffer.from(photo);
    altered[1000] = (altered[1000] ?? 0) ^ 1;
    const chunk = JSON.stringify({
      photo: name,
      size: altered.length,
      offset: 0,
      data: altered.toString('base64'),
    });
    expect(codeAndMessage(await refused(handBundle(device, [record, chunk])))).toEqual(
      malformed(`line 3: the bytes of photo ${name} are not what its name says (hash_mismatch)`),
    );
  });

  it('refuses text that is not UTF-8 rather than store it with replacement characters', async () => {
    const { device, refused } = await setUp();
    const payload = heritagePayload(device);
    const text = JSON.stringify({ change: { seq: 1, kind: 'submission', id: payload.id, payload } });
    const [before, after] = text.split('Teresa') as [string, string];
    const bytes = Buffer.concat([
      Buffer.from(`${before}Ter`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`esa${after}`),
    ]);
    expect(codeAndMessage(await refused(handBundle(device, [bytes])))).toEqual(
      malformed('line 2 is not UTF-8 text'),
    );
  });

  it('refuses photo names that leave the photo store, whatever their form', async () => {
    const { device, refused } = await setUp();
    const hash = sha256(Buffer.from('x'));
    for (const name of [
      `../${hash}.jpg`,
      `/etc/${hash}.jpg`,
      `C:\\${hash}.jpg`,
      `${hash}.jpg\u0000.sh`,
      `${hash}.${'j'.repeat(5000)}`,
      `${hash}/../../x.jpg`,
    ]) {
      const chunk = JSON.stringify({ photo: name, size: 1, offset: 0, data: 'eA==' });
      expect(codeAndMessage(await refused(handBundle(device, [chunk]))), name).toEqual(
        malformed('line 2 is not a change or photo chunk'),
      );
    }
  });

  it('refuses a cut at every byte of a record, CRLF, a BOM and a split record; replays add nothing', async () => {
    const { s, device, attempt, refused } = await setUp();
    const photo = fakeJpeg(600, seededRandom(9));
    const name = `${sha256(photo)}.jpg`;
    const payload = heritagePayload(device, [name]);
    const record = JSON.stringify({ change: { seq: 1, kind: 'submission', id: payload.id, payload } });
    const chunk = JSON.stringify({
      photo: name,
      size: photo.length,
      offset: 0,
      data: photo.toString('base64'),
    });
    const genuine = handBundle(device, [record, chunk]);
    const text = genuine.toString();
    const start = text.indexOf('\n') + 1;
    const end = text.indexOf('\n', start) + 1;
    for (let at = start; at < end; at++) {
      expect(codeAndMessage(await attempt(genuine.subarray(0, at))), `cut at ${at}`).toEqual({
        code: 'bundle_truncated',
        message: BUNDLE_ERRORS.bundle_truncated,
      });
    }
    const damaged = { code: 'bundle_damaged', message: BUNDLE_ERRORS.bundle_damaged };
    expect(codeAndMessage(await refused(Buffer.from(text.replaceAll('\n', '\r\n'))))).toEqual(damaged);
    expect(codeAndMessage(await refused(Buffer.from(`\uFEFF${text}`)))).toEqual(damaged);
    const split = handBundle(device, [record.slice(0, 500), record.slice(500)]);
    expect(codeAndMessage(await refused(split))).toEqual(malformed('line 2 is not a change or photo chunk'));

    // Out of order, the later bundle waits for the earlier; after both, either again adds nothing.
    const later = handBundle(device, lines(device, 2, 2));
    expect(await refused(later)).toMatchObject({ code: 'sequence_gap', extra: { expectedSeq: 2 - 1 } });
    const file = join(drive.path, 'genuine.qbundle');
    writeFileSync(file, genuine);
    expect(await importFile(s.server.db, file, [], NOW)).toMatchObject({ newChanges: 1, photosStored: 1 });
    writeFileSync(file, later);
    expect(await importFile(s.server.db, file, [], NOW)).toMatchObject({ newChanges: 2, ackedThroughSeq: 3 });
    writeFileSync(file, genuine);
    expect(await importFile(s.server.db, file, [], NOW)).toMatchObject({
      newChanges: 0,
      photosAlreadyThere: 1,
    });
    expect(await s.count('submissions')).toBe(3);
  });

  it('`quiosco import` tells a refusal of the push in one line, not a stack', async () => {
    const database = await createTestDatabase(kind);
    const restoreUrl = pointDatabaseUrlAt(database.config);
    try {
      server = await openServerForTest(kind, { database: database.config });
      const eventId = await server.createEvent(['encuesta-impacto-economico']);
      const device = await server.enrol(eventId);
      const file = join(drive.path, 'later.qbundle');
      writeFileSync(file, handBundle(device, lines(device, 5, 2)));
      const run = await quioscoOn(() => database.config)('import', file);
      expect(run).toEqual({
        code: 1,
        out: '',
        err: 'quiosco import: sequence_gap: Expected seq 1 next from this device but got 5: send the outbox from 1 on\n',
      });
      expect(await server.count('submissions')).toBe(0);
      // A file that is not there (the drive was pulled out): said in one line too.
      const missing = join(drive.path, 'gone.qbundle');
      expect(await quioscoOn(() => database.config)('import', missing)).toEqual({
        code: 1,
        out: '',
        err: `quiosco import: cannot read ${missing}: ENOENT: no such file or directory, stat '${missing}'\n`,
      });
    } finally {
      await server?.close();
      server = undefined;
      restoreUrl();
      await database.drop();
    }
  });
});
