// The console's USB routes over real HTTP on SQLite and PostgreSQL, with bundles a real kiosk core
// wrote: an upload imports the records as `quiosco import` does (sealed or plain), once; a cut file
// is refused by its exact error with nothing written; statisticians get 403; the .qkiosk download
// loads at the kiosk and settles its records; every import is audited; no upload stays on disk.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, TEST_PIN } from '../../electron/core/testing/kiosk-fixtures';
import type { ChannelOutput } from '../../shared/ipc/contract';
import { seededRandom } from '../../shared/random/seeded-random';
import { CSRF_HEADER } from '../../shared/console/console-api';
import {
  kioskSetupUrl,
  MAX_UPLOADED_BUNDLE_BYTES,
  USB_IMPORT_URL,
  UsbImportRefusalSchema,
  UsbImportResponseSchema,
} from '../../shared/console/usb-api';
import type { Role } from '../../shared/sync/admin-api';
import { BUNDLE_ERRORS } from '../../shared/sync/bundle';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { fakeJpeg, heritageAnswers, makeRecord, savePhoto } from '../../sync-tests/support/field-records';
import { expectSameRecords, openSyncKiosk, type SyncKiosk } from '../../sync-tests/support/sync-kiosk';
import { setDeviceMode } from '../devices/devices-store';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { listAudit } from './audit';
import { signedInRoles, type SignedIn } from './testing/signed-in';

describe.each(DB_KINDS)('console USB import and set-up download on %s', (kind) => {
  const dirs: ReturnType<typeof makeTempDir>[] = [];
  const drive = () => {
    const dir = makeTempDir('quiosco-usb-');
    dirs.push(dir);
    return dir.path;
  };
  let t: TestServer | undefined;
  let kiosk: SyncKiosk | undefined;
  afterEach(async () => {
    kiosk?.close();
    kiosk?.remove();
    await t?.close();
    for (const dir of dirs.splice(0)) dir.remove();
  });

  /** A server (with a bundle key in its database unless `plain`), a kiosk enrolled with it, users. */
  async function setUp(plain = false) {
    t = await openServerForTest(kind, plain ? {} : { keptBundleKey: { legacyDir: undefined } });
    const eventId = await t.createEvent(['encuesta-impacto-economico', 'patrimonio-inmaterial']);
    kiosk = await openSyncKiosk();
    expect((await kiosk.enrol({ db: t.server.db, url: t.url }, eventId)).enrolled).toBe(true);
    const as = await signedInRoles(t, ['admin', 'coordinator', 'statistician']);
    return { s: t, k: kiosk, as };
  }

  async function staffToken(k: SyncKiosk): Promise<string> {
    const unlocked = await k.core.call('staff:unlock', { pin: TEST_PIN });
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    return unlocked.value.token;
  }

  async function writeUp(k: SyncKiosk): Promise<ChannelOutput<'staff:write-bundle'>> {
    const written = await k.core.call('staff:write-bundle', {
      token: await staffToken(k),
      directory: drive(),
    });
    if (!written.ok) throw new Error(written.error.message);
    return written.value;
  }

  const upload = (who: SignedIn, bytes: Uint8Array) =>
    who.call('POST', USB_IMPORT_URL, {
      rawBody: new Uint8Array(bytes),
      headers: { 'content-type': 'application/octet-stream' },
    });

  /** What an upload may have written: records, refusals, photos, audit entries, files left behind. */
  async function written(s: TestServer) {
    const photos = await s.server.db.db
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const imports = (await listAudit(s.server.db)).filter((a) => a.action === 'bundle_imported');
    return {
      records: await s.count('submissions'),
      refused: await s.count('push_rejections'),
      photos: Number(photos.n),
      audited: imports.length,
      // SQLite's uploads go in its data directory (PostgreSQL's in the system's shared one).
      leftOnDisk: readdirSync(s.server.db.dataDir ?? drive()).filter((f) => f.startsWith('.quiosco-')),
    };
  }

  it('imports a sealed bundle with its photo once, audited; the .qkiosk download settles the kiosk', async () => {
    const { s, k, as } = await setUp();
    await k.save(2);
    const name = await savePhoto(k, fakeJpeg(300_000, seededRandom(5)));
    await makeRecord(k, heritageAnswers([name]));
    const bundle = await writeUp(k);
    expect(bundle).toMatchObject({ sealed: true, records: 3, photos: 1 });
    const bytes = readFileSync(bundle.file);

    const first = await upload(as('coordinator'), bytes);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const deviceId = k.core.deviceId;
    // The name the kiosk enrolled with (its host's).
    const { name: kioskName } = await s.server.db.db
      .selectFrom('devices')
      .select('name')
      .where('id', '=', deviceId)
      .executeTakeFirstOrThrow();
    expect(UsbImportResponseSchema.parse(first.body)).toMatchObject({
      deviceId,
      deviceName: kioskName,
      newChanges: 3,
      ackedThroughSeq: 3,
      photosStored: 1,
      photosAlreadyThere: 0,
      photosUnclaimed: 0,
      rejected: [],
    });
    await expectSameRecords(s.server.db, k, 3);
    expect(await written(s)).toEqual({ records: 3, refused: 0, photos: 1, audited: 1, leftOnDisk: [] });
    const entry = (await listAudit(s.server.db)).find((a) => a.action === 'bundle_imported');
    expect(entry).toMatchObject({
      actor: 'coordinator',
      detail: { deviceId, kiosk: kioskName, records: 3, throughSeq: 3, refused: 0, photos: 1 },
    });

    const again = await upload(as('coordinator'), bytes);
    expect(again.status).toBe(200);
    expect(UsbImportResponseSchema.parse(again.body)).toMatchObject({
      newChanges: 0,
      ackedThroughSeq: 3,
      photosStored: 0,
      photosAlreadyThere: 1,
    });
    expect(await written(s)).toEqual({ records: 3, refused: 0, photos: 1, audited: 2, leftOnDisk: [] });

    // The kiosk still holds its records as pending until the .qkiosk from the console is loaded.
    expect((await k.status()).pendingSync).toBe(3);
    const download = await fetch(new URL(kioskSetupUrl(deviceId).slice(1), s.url), {
      headers: { cookie: as('coordinator').cookie },
    });
    expect(download.status).toBe(200);
    const fileName = /filename="([^"]+)"/.exec(download.headers.get('content-disposition') ?? '')?.[1];
    expect(fileName).toMatch(new RegExp(`^quiosco-setup-${deviceId}-.*\\.qkiosk$`));
    const dir = drive();
    writeFileSync(join(dir, fileName ?? ''), Buffer.from(await download.arrayBuffer()));
    const loaded = await k.core.call('staff:load-bundle', { token: await staffToken(k), path: dir });
    expect(loaded.ok && loaded.value).toMatchObject({
      files: 1,
      acknowledged: 3,
      photosConfirmed: 1,
      pending: 0,
    });
    expect((await written(s)).leftOnDisk).toEqual([]);
  });

  it("gives a door's set-up (its tickets and holders) to an admin only, audited as a personal-data read", async () => {
    const { s, k, as } = await setUp();
    const deviceId = k.core.deviceId;
    await setDeviceMode(s.server.db, deviceId, 'door');
    const denied = await as('coordinator').call('GET', kioskSetupUrl(deviceId));
    expect([denied.status, ErrorBodySchema.parse(denied.body).error]).toEqual([
      403,
      {
        code: 'forbidden',
        message:
          "A door's set-up carries its tickets and their holders: only an admin downloads it (or quiosco export-kiosk-bundle at the server)",
      },
    ]);
    const personalReads = async () =>
      (await listAudit(s.server.db))
        .filter((a) => a.action === 'personal_data_read')
        .map((a) => [a.actor, a.detail]);
    expect(await personalReads()).toEqual([]);

    const given = await fetch(new URL(kioskSetupUrl(deviceId).slice(1), s.url), {
      headers: { cookie: as('admin').cookie },
    });
    expect(given.status).toBe(200);
    expect(/filename="quiosco-setup-/.test(given.headers.get('content-disposition') ?? '')).toBe(true);
    expect(await personalReads()).toEqual([['admin', { via: 'console', kioskSetup: deviceId }]]);
  });

  it('refuses a cut plain bundle by its exact error, writing nothing, and imports the whole one', async () => {
    const { s, k, as } = await setUp(true);
    await k.save(2);
    const bundle = await writeUp(k);
    expect(bundle).toMatchObject({ sealed: false, records: 2 });
    const bytes = readFileSync(bundle.file);
    const cut = await upload(as('coordinator'), bytes.subarray(0, bytes.length - 20));
    expect([cut.status, UsbImportRefusalSchema.parse(cut.body).error]).toEqual([
      422,
      { code: 'bundle_truncated', message: BUNDLE_ERRORS.bundle_truncated },
    ]);
    expect(await written(s)).toEqual({ records: 0, refused: 0, photos: 0, audited: 0, leftOnDisk: [] });

    const whole = await upload(as('coordinator'), bytes);
    expect(whole.status, JSON.stringify(whole.body)).toBe(200);
    expect(UsbImportResponseSchema.parse(whole.body)).toMatchObject({ newChanges: 2, ackedThroughSeq: 2 });
    await expectSameRecords(s.server.db, k, 2);
  });

  it('gives statisticians 403 for both, and refuses an upload without the CSRF header', async () => {
    const { s, k, as } = await setUp();
    await k.save(1);
    const bytes = readFileSync((await writeUp(k)).file);
    const refusal = (r: { status: number; body: unknown }) => [r.status, ErrorBodySchema.parse(r.body).error];
    const forbidden = (role: Role) => ({
      code: 'forbidden',
      message: `The ${role} role may not do this; it needs admin or coordinator`,
    });
    expect(refusal(await upload(as('statistician'), bytes))).toEqual([403, forbidden('statistician')]);
    expect(refusal(await as('statistician').call('GET', kioskSetupUrl(k.core.deviceId)))).toEqual([
      403,
      forbidden('statistician'),
    ]);
    const noCsrf = await as('coordinator').call('POST', USB_IMPORT_URL, {
      rawBody: new Uint8Array(bytes),
      headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': undefined },
    });
    expect(noCsrf.status).toBe(403);
    expect(await written(s)).toEqual({ records: 0, refused: 0, photos: 0, audited: 0, leftOnDisk: [] });
  });

  it('refuses an upload announced over 1 GiB before storing any of it', async () => {
    const { s, as } = await setUp(true);
    const who = as('coordinator');
    // The body is sent until the server answers: it refuses on the announced length, reads (and
    // drops) a bounded part of the body so the client sees the answer, then closes.
    const answer = await new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      let answered = false;
      const req = request(new URL(USB_IMPORT_URL.slice(1), s.url), {
        method: 'POST',
        headers: {
          cookie: who.cookie,
          [CSRF_HEADER]: who.csrf,
          'content-type': 'application/octet-stream',
          'content-length': String(MAX_UPLOADED_BUNDLE_BYTES + 1),
        },
      });
      req.on('response', (response) => {
        answered = true;
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () => {
          req.destroy();
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString()) });
        });
      });
      req.on('error', (e) => {
        if (!answered) reject(e);
      });
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      const pump = (): void => {
        while (!answered && !req.destroyed && req.write(chunk));
        if (!answered && !req.destroyed) req.once('drain', pump);
      };
      pump();
    });
    expect([answer.status, ErrorBodySchema.parse(answer.body).error]).toEqual([
      413,
      {
        code: 'payload_too_large',
        message: 'A bundle may be at most 1024 MiB: import a larger one with quiosco import',
      },
    ]);
    expect(await written(s)).toEqual({ records: 0, refused: 0, photos: 0, audited: 0, leftOnDisk: [] });
  });
});
