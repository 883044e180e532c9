// Loading server → kiosk bundles from a drive anyone may have handed over: a file too large to
// hold, a link to /dev/zero and a FIFO named as this kiosk's bundle are refused by name before a
// byte is held (the load used to read each whole, or wait on the FIFO for ever); an older set-up
// loaded after a newer one does not undo the newer one's revocations; a cut at every byte, a byte
// that is not UTF-8, CRLF and a BOM are each refused by their exact error.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLE_ERRORS, type BundleErrorCode } from '../../../shared/sync/bundle';
import { writeKioskBundle } from '../../../sync-server/bundle/kiosk-bundle-writer';
import { setDeviceMode } from '../../../sync-server/devices/devices-store';
import { openServerForTest, type TestServer } from '../../../sync-server/testing/test-server';
import { openSyncKiosk, type SyncKiosk } from '../../../sync-tests/support/sync-kiosk';
import { makeTempDir, TEST_PIN } from '../testing/kiosk-fixtures';
import { MAX_KIOSK_BUNDLE_BYTES } from './load-bundle';

describe('loading kiosk bundles from a drive', () => {
  let server: TestServer | undefined;
  let kiosk: SyncKiosk | undefined;
  let drive = makeTempDir('quiosco-usb-load-');
  afterEach(async () => {
    kiosk?.close();
    kiosk?.remove();
    await server?.close();
    drive.remove();
    drive = makeTempDir('quiosco-usb-load-');
  });

  async function setUp() {
    server = await openServerForTest('sqlite');
    const eventId = await server.createEvent(['encuesta-impacto-economico']);
    kiosk = await openSyncKiosk();
    expect((await kiosk.enrol({ db: server.server.db, url: server.url }, eventId)).enrolled).toBe(true);
    const k = kiosk;
    const unlocked = await k.core.call('staff:unlock', { pin: TEST_PIN });
    const token = unlocked.ok ? unlocked.value.token : '';
    const load = async (path: string) => k.core.call('staff:load-bundle', { token, path });
    return { s: server, k, eventId, load };
  }

  it('refuses a file past the bound, a link to a device and a FIFO, holding none of them', async () => {
    const { k, load } = await setUp();
    const name = (what: string) => join(drive.path, `quiosco-setup-${k.core.deviceId}-${what}.qkiosk`);
    const refusal = (detail: string) => ({
      ok: false,
      error: {
        code: 'invalid_input',
        message: `${BUNDLE_ERRORS.bundle_malformed}: ${detail}`,
        details: { bundleError: 'bundle_malformed' },
      },
    });
    // Sparse: as large as it says, with no disk behind it.
    const large = name('large');
    const fd = openSync(large, 'w');
    ftruncateSync(fd, MAX_KIOSK_BUNDLE_BYTES + 1);
    closeSync(fd);
    expect(await load(large)).toEqual(refusal(`${large} brings the files loaded at once past 256 MiB`));
    const zero = name('zero');
    symlinkSync('/dev/zero', zero);
    expect(await load(zero)).toEqual(refusal(`${zero} is not a regular file`));
    const fifo = name('fifo');
    execFileSync('mkfifo', [fifo]);
    expect(await load(fifo)).toEqual(refusal(`${fifo} is not a regular file`));
    expect((await k.status()).pendingSync).toBe(0);
  });

  it('an older set-up loaded after a newer one keeps the newer one’s revocations', async () => {
    const { s, k, eventId, load } = await setUp();
    const coordinator = await s.tokenFor('coordinator');
    const post = async (path: string, body: unknown) =>
      expect((await s.call('POST', path, { token: coordinator, body })).status).toBe(200);
    const csv = [
      'code,event,ticket_type,holder_name,valid_from,valid_to',
      `${eventId}-1,${eventId},General,,,`,
    ];
    await post('/v1/tickets/import', { csv: csv.join('\n') });
    await setDeviceMode(s.server.db, k.core.deviceId, 'door');
    const { settings } = await k.call('staff:config', {});
    await k.call('staff:configure', { settings: { ...settings, mode: 'door', gate: 'Norte' } });
    const write = async (dir: string, at: string) => {
      mkdirSync(dir);
      const options = { deviceId: k.core.deviceId, directory: dir, withStreams: true };
      const receipt = { ackedThroughSeq: 0, rejected: [], photos: [] };
      return (await writeKioskBundle(s.server.db, { ...options, receipt }, new Date(at))).file;
    };
    const older = await write(join(drive.path, 'older'), '2026-11-20T10:00:00.000Z');
    await post('/v1/tickets/revoke', { ticket: `${eventId}-1`, eventId });
    const newer = await write(join(drive.path, 'newer'), '2026-11-20T11:00:00.000Z');

    expect(await load(newer)).toMatchObject({ ok: true });
    expect((await k.call('door:status', {})).known).toMatchObject({ tickets: 1, revocations: 1 });
    expect(await load(older)).toMatchObject({ ok: true, value: { changes: 0 } });
    expect((await k.call('door:status', {})).known).toMatchObject({ tickets: 1, revocations: 1 });
    expect(readdirSync(drive.path).sort()).toEqual(['newer', 'older']);
  });

  it('refuses a cut at every byte, a byte that is not UTF-8, CRLF and a BOM exactly, acknowledging nothing', async () => {
    const { s, k, load } = await setUp();
    await k.save(2);
    const receipt = { ackedThroughSeq: 2, rejected: [], photos: [] };
    const options = { deviceId: k.core.deviceId, directory: drive.path, receipt, withStreams: false };
    const { file } = await writeKioskBundle(s.server.db, options, new Date('2026-11-20T10:00:00.000Z'));
    const bytes = readFileSync(file);
    const attack = join(drive.path, 'attack.qkiosk');
    const refusedAs = async (content: Buffer, code: BundleErrorCode) => {
      writeFileSync(attack, content);
      const loaded = await load(attack);
      expect(loaded.ok ? 'loaded' : loaded.error, `${content.length} bytes`).toEqual({
        code: 'invalid_input',
        message: BUNDLE_ERRORS[code],
        details: { bundleError: code },
      });
    };
    for (let at = 0; at < bytes.length; at++) await refusedAs(bytes.subarray(0, at), 'bundle_truncated');
    const notUtf8 = Buffer.from(bytes);
    notUtf8[bytes.indexOf('"ackedThroughSeq"')] = 0xff;
    await refusedAs(notUtf8, 'bundle_damaged');
    await refusedAs(Buffer.from(bytes.toString().replaceAll('\n', '\r\n')), 'bundle_damaged');
    await refusedAs(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]), 'bundle_damaged');
    expect((await k.status()).pendingSync).toBe(2);
    expect(await load(file)).toMatchObject({ ok: true, value: { acknowledged: 2, pending: 0 } });
  });
});
