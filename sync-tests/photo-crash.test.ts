// Crashes in the middle of photo uploads (SQLite and PostgreSQL), with real processes: the kiosk
// is SIGKILLed while the server holds part of a photo (an upload cut part-way), then started
// again; later the server is SIGKILLed while the kiosk sends the rest of a photo, then started
// again on the same database. Each upload resumes at the bytes the server holds, and afterwards
// every photo is on the server once, whole.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../shared/random/seeded-random';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import { createApiToken } from '../sync-server/auth/api-tokens';
import { openServerDatabase, type ServerDb } from '../sync-server/db/server-database';
import { addForm, createEvent, readFormSheets } from '../sync-server/events/events-store';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../sync-server/testing/test-server';
import { bundledEntry } from './support/child-entry';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy';
import {
  chunkRecorder,
  expectPhotosOnServer,
  fakeJpeg,
  heritageAnswers,
  kioskPhotos,
  makeRecord,
  savePhoto,
  type ChunkSeen,
} from './support/field-records';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { openSyncKiosk, type SyncKiosk } from './support/sync-kiosk';

const KIOSK_CHILD = fileURLToPath(new URL('./support/field-sync-child.ts', import.meta.url));
const MIB = 1024 * 1024;
/** Longest wait for any one thing a child process should do. */
const WAIT_MS = 60_000;

describe.each(DB_KINDS)('photo uploads with crashes on %s', (kind) => {
  let database: TestDatabase | undefined;
  let s: ServerDb | undefined;
  let server: ServerProcess | undefined;
  let proxy: FaultProxy | undefined;
  let kiosk: SyncKiosk | undefined;
  const children: KioskChild[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) await child.kill();
    kiosk?.close();
    kiosk?.remove();
    await proxy?.close();
    await server?.kill('SIGKILL');
    await s?.close();
    await database?.drop();
  });

  it('resumes every upload where the server stopped after the kiosk and then the server are SIGKILLed', async () => {
    database = await createTestDatabase(kind);
    s = await openServerDatabase(database.config);
    await createEvent(s, { id: 'feria_fotos', name: 'Feria' });
    await addForm(s, 'feria_fotos', readFormSheets(demoFormSheets('patrimonio-inmaterial')));
    server = await startServerProcess(database.config);
    proxy = await startFaultProxy(server.port);
    kiosk = await openSyncKiosk();
    expect((await kiosk.enrol({ db: s, url: proxy.url }, 'feria_fotos')).enrolled).toBe(true);
    const random = seededRandom(11);
    const photos = new Map<string, Buffer>();
    for (let i = 0; i < 3; i++) {
      const bytes = fakeJpeg(3 * MIB + 200_000 * i + 7, random);
      const name = await savePhoto(kiosk, bytes);
      photos.set(name, bytes);
      await makeRecord(kiosk, heritageAnswers([name]));
    }
    kiosk.close();

    // Each crash cuts the next photo upload part-way (the server keeps what arrived), then holds
    // back that photo's next upload, so the server has part of it, and no more, when the crash comes.
    let hold: ((chunk: ChunkSeen) => void) | undefined;
    let cut: string | undefined;
    const recorder = chunkRecorder((chunk) => {
      if (chunk === undefined || hold === undefined) return 'pass';
      if (cut === undefined) {
        cut = chunk.name;
        return 'truncate_request';
      }
      if (chunk.name !== cut) return 'pass';
      hold(chunk);
      hold = undefined;
      cut = undefined;
      return 'stall';
    });
    proxy.setFaults(recorder.pick);
    const held = () => within(new Promise<ChunkSeen>((resolve) => (hold = resolve)), 'a chunk to hold');

    const first = held();
    const child1 = await startKioskChild(kiosk.dataDir);
    children.push(child1);
    const killedKioskAt = await first;
    await child1.kill();
    expect(killedKioskAt.offset).toBeGreaterThan(0);
    expect(await serverReceived(s, killedKioskAt.name)).toBe(killedKioskAt.offset);

    const second = held();
    const child2 = await startKioskChild(kiosk.dataDir);
    children.push(child2);
    const killedServerAt = await second;
    expect(killedServerAt.offset).toBeGreaterThan(0);
    await server.kill('SIGKILL');
    server = await startServerProcess(database.config);
    proxy.setTarget(server.port);
    await within(
      child2.line((l) => l === 'synced ok 0'),
      'every photo confirmed',
    );
    await child2.kill();

    // After each crash the photo went on from the bytes the server held, not from zero.
    for (const crash of [killedKioskAt, killedServerAt]) {
      const later = recorder.chunks
        .slice(recorder.chunks.indexOf(crash) + 1)
        .find((c) => c.name === crash.name);
      expect(later?.offset).toBe(crash.offset);
    }
    await kiosk.reopen();
    expect((await kiosk.core.syncNow()).lastError).toBeNull();
    expect([...kioskPhotos(kiosk.dataDir).values()].every((at) => at !== null)).toBe(true);
    const { token } = await createApiToken(s, { role: 'admin', name: 'test admin' });
    await expectPhotosOnServer(s, server.url, token, photos);
  }, 180_000);
});

async function serverReceived(s: ServerDb, name: string): Promise<number> {
  const row = await s.db
    .selectFrom('attachments')
    .select('received')
    .where('name', '=', name)
    .executeTakeFirst();
  return Number(row?.received ?? 0);
}

/** Rejects when `promise` has not settled within WAIT_MS. */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${WAIT_MS / 1000} s`)), WAIT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

type KioskChild = {
  /** Resolves with the first line (printed so far or later) that matches. */
  line(match: (line: string) => boolean): Promise<string>;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
};

async function startKioskChild(dataDir: string): Promise<KioskChild> {
  const child = spawn(process.execPath, [await bundledEntry(KIOSK_CHILD), dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { match: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  let partial = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((w) => w.match(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    line(match) {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return Promise.race([
        new Promise<string>((resolve) => waiters.push({ match, resolve })),
        exited.then(() => Promise.reject(new Error(`kiosk child ended:\n${stderr}`))),
      ]);
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
