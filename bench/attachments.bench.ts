// Photo upload: 200 photos of about 2 MB each (whole JPEGs by their framing, random bytes inside)
// from a real kiosk core to a sync server in a process of its own, on SQLite, over loopback,
// through the kiosk's own sync rounds (one status exchange a round, each photo whole in one
// request, the server hashing it as it arrives and keeping it as a file beside server.db). The
// baselines, in the same run and in turn with it (RUNS times each, medians): the same bytes, one
// plain HTTP PUT per photo, one after another, from this process to a bare node:http server in a
// process of its own that either writes each photo to a file and fsyncs it before answering (the
// goal: kiosk ≥ 0.8 × this one, as durable as the kiosk's) or reads and discards it (what the
// network and HTTP alone cost; no goal). Then the same photos from a copy of the kiosk through the
// fault proxy (drops, delays, cut and truncated requests and answers): every photo arrives whole,
// and the photo bytes sent are ≤ 1.3 × the photo bytes. QUIOSCO_BENCH_PHOTOS sets the count
// (default 200), QUIOSCO_BENCH_RUNS the runs (default 3).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import type { KioskCoreOptions } from '../electron/core/kiosk-core';
import { seededRandom } from '../shared/random/seeded-random';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import { openServerDatabase, type ServerDb } from '../sync-server/db/server-database';
import { addForm, createEvent, readFormSheets } from '../sync-server/events/events-store';
import { createTestDatabase, type TestDatabase } from '../sync-server/testing/test-server';
import { startFaultProxy, weightedFaults } from '../sync-tests/support/fault-proxy';
import {
  chunkRecorder,
  fakeJpeg,
  heritageAnswers,
  kioskPhotos,
  makeRecord,
  savePhoto,
  syncUntil,
} from '../sync-tests/support/field-records';
import { startServerProcess } from '../sync-tests/support/server-process';
import { openSyncKiosk, type SyncKiosk } from '../sync-tests/support/sync-kiosk';
import { type BenchResult, median, round } from './bench-result';

const PHOTOS = Number(process.env.QUIOSCO_BENCH_PHOTOS ?? 200);
const RUNS = Number(process.env.QUIOSCO_BENCH_RUNS ?? 3);
const PHOTO_BYTES = 2_000_000;
const PHOTOS_PER_RECORD = 4;
const EVENT = 'bench_fotos';
const MB = 1_000_000;

export async function benchAttachments(): Promise<BenchResult[]> {
  const databases: TestDatabase[] = [];
  const kiosks: SyncKiosk[] = [];
  try {
    const server = async () => {
      const database = await createTestDatabase('sqlite');
      databases.push(database);
      const s = await openServerDatabase(database.config);
      await createEvent(s, { id: EVENT, name: 'Fotos' });
      await addForm(s, EVENT, readFormSheets(demoFormSheets('patrimonio-inmaterial')));
      return { s, database, process: await startServerProcess(database.config) };
    };
    /** A kiosk on a copy of the pristine one's data: the photos and records, nothing sent yet. */
    const copyOf = async (pristine: SyncKiosk) => {
      const copy = await openSyncKiosk({ sync: { photoBytesPerRound: 0 } });
      kiosks.push(copy);
      copy.close();
      rmSync(copy.dataDir, { recursive: true, force: true });
      cpSync(pristine.dataDir, copy.dataDir, { recursive: true });
      return copy;
    };
    // The photos and their records, made before any clock starts; each run's records are pushed
    // before its clock starts too (a budget of 0 photo bytes), so the clock sees photos alone.
    const pristine = await openSyncKiosk({ sync: { photoBytesPerRound: 0 } });
    kiosks.push(pristine);
    const photos = await makePhotos(pristine);
    const total = [...photos.values()].reduce((sum, b) => sum + b.length, 0);
    pristine.close();

    const runs: { kiosk: number; rounds: number; durable: number; discard: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const kiosk = await copyOf(pristine);
      const clean = await server();
      await kiosk.reopen();
      await kiosk.enrol({ db: clean.s, url: clean.process.url }, EVENT);
      await pushRecords(kiosk);
      const started = performance.now();
      const rounds = await syncUntil(kiosk, allUploaded(kiosk), 500);
      const kioskSeconds = (performance.now() - started) / 1000;
      await expectStored(clean.s, photos.size);
      kiosk.close();
      kiosk.remove();
      await clean.process.kill();
      await clean.s.close();
      // Each run's copies go before the next: 400 MB of photos on each side.
      databases.splice(databases.indexOf(clean.database), 1);
      await clean.database.drop();
      runs.push({
        kiosk: kioskSeconds,
        rounds,
        durable: await plainUpload(photos, DURABLE_SERVER),
        discard: await plainUpload(photos, DISCARD_SERVER),
      });
    }

    // Through the fault proxy, from a copy taken before anything was sent.
    const copy = await copyOf(pristine);
    const faulty = await server();
    const proxy = await startFaultProxy(faulty.process.port, seededRandom(2026));
    await copy.reopen({ sync: { photoBytesPerRound: 0, timeoutMs: 5000 } });
    await copy.enrol({ db: faulty.s, url: proxy.url }, EVENT);
    await pushRecords(copy, { sync: { timeoutMs: 5000 } });
    const faults = weightedFaults(
      { pass: 80, drop: 4, delay: 4, truncate_request: 4, cut_after_response: 4, truncate_response: 4 },
      seededRandom(7),
    );
    const recorder = chunkRecorder(() => faults());
    proxy.setFaults(recorder.pick);
    await syncUntil(copy, allUploaded(copy), 2000);
    const arrived = await expectStored(faulty.s, photos.size);
    const sent = recorder.chunks.reduce((sum, c) => sum + c.bytes, 0);
    await proxy.close();
    await faulty.process.kill();
    await faulty.s.close();

    const name = `attachments: ${PHOTOS} photos of ~${PHOTO_BYTES / MB} MB`;
    const of = `median of ${RUNS}`;
    const mbps = (seconds: number[]) => round(total / MB / median(seconds), 1);
    return [
      {
        name: `${name}, kiosk sync to a SQLite server (${of})`,
        value: mbps(runs.map((r) => r.kiosk)),
        unit: 'MB/s',
      },
      {
        name: `${name}, kiosk sync rounds (${of})`,
        value: median(runs.map((r) => r.rounds)),
        unit: 'rounds',
      },
      {
        name: `${name}, baseline: plain HTTP PUT of each photo, written and fsynced (${of})`,
        value: mbps(runs.map((r) => r.durable)),
        unit: 'MB/s',
      },
      {
        name: `${name}, kiosk / plain durable PUT, run by run (${of}; goal ≥ 0.8)`,
        value: round(median(runs.map((r) => r.durable / r.kiosk)), 2),
        unit: '×',
      },
      {
        name: `${name}, plain HTTP PUT of each photo, discarded unwritten (${of})`,
        value: mbps(runs.map((r) => r.discard)),
        unit: 'MB/s',
      },
      {
        name: `${name}, kiosk / plain discarding PUT, run by run (${of}; no goal, nothing kept)`,
        value: round(median(runs.map((r) => r.discard / r.kiosk)), 2),
        unit: '×',
      },
      { name: `${name} through the fault proxy: arrived whole`, value: arrived, unit: 'photos' },
      {
        name: `${name} through the fault proxy: photo bytes sent / photo bytes (goal ≤ 1.3)`,
        value: round(sent / total, 3),
        unit: '×',
      },
    ];
  } finally {
    for (const k of kiosks) {
      k.close();
      k.remove();
    }
    for (const d of databases) await d.drop();
  }
}

async function makePhotos(k: SyncKiosk): Promise<Map<string, Buffer>> {
  // Records belong to the event the kiosk is set to; it enrols in that event afterwards.
  const { settings } = await k.call('staff:config', {});
  await k.call('staff:configure', { settings: { ...settings, eventId: EVENT } });
  const random = seededRandom(42);
  const photos = new Map<string, Buffer>();
  for (let i = 0; i < PHOTOS; i += PHOTOS_PER_RECORD) {
    const names: string[] = [];
    for (let j = 0; j < PHOTOS_PER_RECORD; j++) {
      const bytes = fakeJpeg(Math.round(PHOTO_BYTES * (0.9 + 0.2 * random())), random);
      names.push(await savePhoto(k, bytes));
      photos.set(names.at(-1) ?? '', bytes);
    }
    await makeRecord(k, heritageAnswers(names));
  }
  return photos;
}

/**
 * One round with no photo budget (the records reach the server, the photos all wait), then the
 * kiosk opened again with `options` for the photos.
 */
async function pushRecords(k: SyncKiosk, options: KioskCoreOptions = {}): Promise<void> {
  const status = await k.core.syncNow();
  if (status.lastError !== null || (await k.status()).pendingSync > 0) {
    throw new Error(`records not pushed: ${JSON.stringify(status.lastError)}`);
  }
  k.close();
  await k.reopen(options);
}

const allUploaded = (k: SyncKiosk) => () => [...kioskPhotos(k.dataDir).values()].every((at) => at !== null);

/** How many photos the server holds complete; throws unless it is `expected`. */
async function expectStored(s: ServerDb, expected: number): Promise<number> {
  const row = await s.db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('complete_at', 'is not', null)
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  if (n !== expected) throw new Error(`the server holds ${n} complete photos, not ${expected}`);
  return n;
}

/** A node:http server that reads every body and throws it away, in a process of its own. */
const DISCARD_SERVER = `
const server = require('node:http').createServer((req, res) => {
  let n = 0;
  req.on('data', (c) => (n += c.length));
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ received: n })); });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;

/** The same, keeping each body: written to a file of its own in a temporary folder, fsynced before the answer. */
const DURABLE_SERVER = `
const fs = require('node:fs');
const dir = fs.mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'quiosco-plain-'));
process.on('SIGTERM', () => { fs.rmSync(dir, { recursive: true, force: true }); process.exit(0); });
const server = require('node:http').createServer((req, res) => {
  const parts = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', () => {
    const fd = fs.openSync(dir + '/' + encodeURIComponent(req.url.split('?')[0]), 'w');
    fs.writeSync(fd, Buffer.concat(parts));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;

/** Seconds to PUT every photo whole, one after another, to a server made of `source`. */
async function plainUpload(photos: ReadonlyMap<string, Buffer>, source: string): Promise<number> {
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await firstLine(child);
    const started = performance.now();
    for (const [name, bytes] of photos) {
      const response = await fetch(`http://127.0.0.1:${port}/${name}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        body: new Uint8Array(bytes),
      });
      await response.arrayBuffer();
    }
    return (performance.now() - started) / 1000;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill();
    await exited;
  }
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    child.once('exit', (code) => reject(new Error(`the plain server ended (${code})`)));
  });
}
