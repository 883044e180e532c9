// Sync over TLS on a LAN without a CA: a real kiosk enrols with the enrolment URI that carries
// the server certificate's fingerprint, pins it, and syncs over https; a second server with
// another certificate at the same address gets nothing from it, not even a request.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../electron/core/testing/kiosk-fixtures';
import { createEnrolCode } from '../sync-server/devices/devices-store';
import { startSyncServer, type SyncServer } from '../sync-server/server';
import { addForm, createEvent, readFormSheets } from '../sync-server/events/events-store';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import { CERT_FILE, ensureCredentials, KEY_FILE } from '../sync-server/tls/certificate';
import { enrolUri } from '../shared/sync/protocol';
import { expectSameRecords, openSyncKiosk, serverRecords, type SyncKiosk } from './support/sync-kiosk';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tlsServer(dataDir: string, certDir: string, port = 0): Promise<SyncServer> {
  const server = await startSyncServer({
    database: { kind: 'sqlite', dataDir },
    host: '127.0.0.1',
    port,
    logLevel: 'silent',
    tls: ensureCredentials(certDir, ['127.0.0.1']),
  });
  cleanups.push(() => server.close());
  return server;
}

async function kiosk(): Promise<SyncKiosk> {
  const k = await openSyncKiosk();
  cleanups.push(() => {
    k.close();
    k.remove();
  });
  return k;
}

async function seedEvent(server: SyncServer): Promise<string> {
  await createEvent(server.db, { id: 'feria', name: 'Feria' });
  await addForm(server.db, 'feria', readFormSheets(demoFormSheets('encuesta-impacto-economico')));
  return 'feria';
}

function tempDir(): string {
  const dir = makeTempDir('quiosco-tls-');
  cleanups.push(() => dir.remove());
  return dir.path;
}

describe('sync over TLS with a pinned certificate', () => {
  it('enrols with the fingerprint the code carries, syncs over https, and refuses another certificate at that address', async () => {
    const data = tempDir();
    const first = await tlsServer(data, join(data, 'cert-a'));
    expect(first.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    expect(statSync(join(data, 'cert-a', KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(join(data, 'cert-a', CERT_FILE)).mode & 0o777).toBe(0o600);
    const eventId = await seedEvent(first);
    const k = await kiosk();
    const { code } = await createEnrolCode(first.db, { eventId });
    const enrolled = await k.call('staff:enrol', { code: enrolUri(code, first.url, first.fingerprint) });
    expect(enrolled).toMatchObject({ enrolled: true, insecure: false, lastError: null });
    await k.save(3);
    expect((await k.call('staff:sync-now', {})).lastError).toBeNull();
    await expectSameRecords(first.db, k, 3);
    const deviceId = k.core.deviceId;
    await first.close();
    cleanups.pop();

    // Same address, same database, another certificate: an impostor as far as the kiosk knows.
    const impostor = await tlsServer(data, join(data, 'cert-b'), first.port);
    expect(impostor.fingerprint).not.toBe(first.fingerprint);
    let requests = 0;
    impostor.app.server.on('request', () => requests++);
    await k.save(2);
    const status = await k.call('staff:sync-now', {});
    expect(status.lastError?.code).toBe('server_certificate_mismatch');
    expect(status.lastError?.message).toBe(
      `the server's certificate (SHA-256 ${impostor.fingerprint}) is not the one this kiosk pinned at enrolment (${first.fingerprint})`,
    );
    expect(requests).toBe(0);
    expect((await serverRecords(impostor.db, [deviceId])).size).toBe(3);
    // The kiosk halts rather than retrying an impostor; its records wait for the real server.
    expect(status.enrolled).toBe(true);
  });

  it('enrolment against a server whose certificate is not the one in the code sends nothing', async () => {
    const data = tempDir();
    const server = await tlsServer(data, join(data, 'cert'));
    const eventId = await seedEvent(server);
    let requests = 0;
    server.app.server.on('request', () => requests++);
    const k = await kiosk();
    const { code } = await createEnrolCode(server.db, { eventId });
    const wrong = 'ab'.repeat(32);
    const status = await k.call('staff:enrol', { code: enrolUri(code, server.url, wrong) });
    expect(status.enrolled).toBe(false);
    expect(status.lastError).toEqual({
      code: 'server_certificate_mismatch',
      message: `the server's certificate (SHA-256 ${server.fingerprint}) is not the one this kiosk pinned at enrolment (${wrong})`,
    });
    expect(requests).toBe(0);
  });

  it('refuses to enrol with an https server given no fingerprint, or a malformed one', async () => {
    const data = tempDir();
    const server = await tlsServer(data, join(data, 'cert'));
    const k = await kiosk();
    await expect(k.call('staff:enrol', { code: 'AB12-CD34-EF56', serverUrl: server.url })).rejects.toThrow(
      "staff:enrol: invalid_input code: this server speaks https: enrol with the enrolment QR code (or its quiosco://enrol text), which carries the server's certificate fingerprint",
    );
    await expect(
      k.call('staff:enrol', { code: enrolUri('AB12CD34EF56', server.url, 'ab'.repeat(31)) }),
    ).rejects.toThrow(
      'staff:enrol: invalid_input code: not an enrolment code (12 letters and digits, or the enrolment QR code)',
    );
    expect((await k.status()).sync.enrolled).toBe(false);
  });

  it('keeps its certificate across restarts: the fingerprint kiosks pinned stays valid', () => {
    const dir = tempDir();
    const first = ensureCredentials(dir, ['127.0.0.1', 'quiosco.local']);
    expect(ensureCredentials(dir).fingerprint).toBe(first.fingerprint);
    expect(first.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
});
