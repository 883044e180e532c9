// Crashes on both ends. The server is a child process SIGKILLed while a kiosk pushes a big
// backlog, then started again on the same database; the kiosk is a child process SIGKILLed in the
// middle of its sync rounds, then started again on the same data directory. Afterwards one clean
// sync must leave the server with exactly the kiosk's records: nothing lost, nothing twice.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openServerDatabase, type ServerDb } from '../sync-server/db/server-database';
import { addForm, createEvent, readFormSheets } from '../sync-server/events/events-store';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../sync-server/testing/test-server';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import { bundledEntry } from './support/child-entry';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy';
import { startServerProcess, type ServerProcess } from './support/server-process';
import {
  bulkSave,
  expectSameRecords,
  openSyncKiosk,
  serverRecords,
  type SyncKiosk,
} from './support/sync-kiosk';

const KIOSK_CHILD = fileURLToPath(new URL('./support/kiosk-sync-child.ts', import.meta.url));

describe.each(DB_KINDS)('crashes with the server on %s', (kind) => {
  let database: TestDatabase | undefined;
  let s: ServerDb | undefined;
  let child: ServerProcess | undefined;
  let proxy: FaultProxy | undefined;
  let kiosk: SyncKiosk | undefined;
  afterEach(async () => {
    kiosk?.close();
    kiosk?.remove();
    await proxy?.close();
    await child?.kill('SIGKILL');
    await s?.close();
    await database?.drop();
  });

  /** A database with one event and the survey form, served by a child process behind a proxy. */
  async function setUp(): Promise<string> {
    database = await createTestDatabase(kind);
    s = await openServerDatabase(database.config);
    const eventId = 'feria_crash';
    await createEvent(s, { id: eventId, name: 'Feria' });
    await addForm(s, eventId, readFormSheets(demoFormSheets('encuesta-impacto-economico')));
    child = await startServerProcess(database.config);
    proxy = await startFaultProxy(child.port);
    kiosk = await openSyncKiosk();
    expect((await kiosk.enrol({ db: s, url: proxy.url }, eventId)).enrolled).toBe(true);
    return eventId;
  }

  it('keeps every record when the server is SIGKILLed mid-batch and restarted', async () => {
    await setUp();
    const k = kiosk as SyncKiosk;
    bulkSave(k.dataDir, 12_000);
    const pushedBetweenKills: number[] = [];
    let midSync = 0;
    for (let crash = 0; crash < 4; crash++) {
      const before = (await k.status()).pendingSync;
      const stored = await storedCount(s as ServerDb, k.core.deviceId);
      const syncing = k.core.syncNow();
      // Killed once a batch has committed, whatever the machine's speed: the push is cut short.
      await waitForStored(s as ServerDb, k.core.deviceId, stored);
      await child?.kill('SIGKILL');
      const status = await syncing;
      const after = (await k.status()).pendingSync;
      if (status.lastError?.code === 'server_unreachable' && after > 0) midSync++;
      pushedBetweenKills.push(before - after);
      await k.save(2);
      child = await startServerProcess((database as TestDatabase).config);
      proxy?.setTarget(child.port);
    }
    // The kills cut pushes short: records were waiting after them, and some got through before.
    expect(midSync).toBeGreaterThan(0);
    expect(pushedBetweenKills.some((n) => n > 0)).toBe(true);
    const clean = await k.core.syncNow();
    expect(clean.lastError).toBeNull();
    expect((await k.status()).pendingSync).toBe(0);
    await expectSameRecords(s as ServerDb, k, 12_008);
  });

  it('keeps every record when the kiosk is SIGKILLed mid-sync and restarted', async () => {
    await setUp();
    const k = kiosk as SyncKiosk;
    bulkSave(k.dataDir, 2000);
    k.close();
    const acknowledged: string[] = [];
    let killedMidRound = 0;
    for (let crash = 0; crash < 8; crash++) {
      const lines = await runAndKill(k.dataDir, 50 + Math.random() * 400);
      acknowledged.push(...lines.filter((l) => l.startsWith('saved ')).map((l) => l.slice(6)));
      if (lines.at(-1)?.startsWith('saved ')) killedMidRound++;
    }
    expect(killedMidRound).toBeGreaterThan(0);
    await k.reopen();
    const clean = await k.core.syncNow();
    expect(clean.lastError).toBeNull();
    expect((await k.status()).pendingSync).toBe(0);
    const total = (await expectSameRecords(s as ServerDb, k)).theirs.size;
    expect(total).toBeGreaterThanOrEqual(2000 + acknowledged.length);
    const stored = await serverRecords(s as ServerDb, [k.core.deviceId]);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  });
});

async function storedCount(s: ServerDb, deviceId: string): Promise<number> {
  const row = await s.db
    .selectFrom('submissions')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('device_id', '=', deviceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Waits until the server holds more of the kiosk's records than `before` (at most 60 s). */
async function waitForStored(s: ServerDb, deviceId: string, before: number): Promise<void> {
  await vi.waitFor(
    async () => {
      if ((await storedCount(s, deviceId)) <= before)
        throw new Error(`the server stored nothing past ${before}`);
    },
    { timeout: 60_000, interval: 10 },
  );
}

/** Runs the kiosk child until `afterMs` past its first line, kills it, answers the whole lines it printed. */
async function runAndKill(dataDir: string, afterMs: number): Promise<string[]> {
  const entry = await bundledEntry(KIOSK_CHILD);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, dataDir, '100'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let scheduled = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!scheduled && stdout.includes('\n')) {
        scheduled = true;
        setTimeout(() => child.kill('SIGKILL'), afterMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL')
        return reject(new Error(`kiosk child ended with ${code} before the kill:\n${stderr}`));
      resolve(stdout.split('\n').slice(0, -1));
    });
  });
}
