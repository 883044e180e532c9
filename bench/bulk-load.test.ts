// The benchmark's bulk loader stores what push stores: the same records, pushed by real kiosks to
// a real server and bulk-loaded into a database of their own, give the same rows (the server's
// receipt time aside) and the same CSV export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushResponseSchema } from '../shared/sync/protocol';
import { openServerDatabase, type ServerDb } from '../sync-server/db/server-database';
import { exportBuffer, csvTable } from '../sync-server/exports/testing/read-back';
import {
  createTestDatabase,
  DB_KINDS,
  openServerForTest,
  type TestDatabase,
  type TestServer,
} from '../sync-server/testing/test-server';
import {
  BULK_FORM,
  bulkFormVersions,
  bulkLoadResponses,
  bulkSubmissionBatches,
  createBulkEvent,
  installBulkEvent,
  type BulkLoadPlan,
} from './bulk-load';

const EVENT = 'muestra_bulk';
const ROWS = 400;
const RECEIVED = 'received_at';

const storedRows = async (s: ServerDb): Promise<Record<string, unknown>[]> =>
  (await s.db.selectFrom('submissions').selectAll().orderBy('id').execute()).map(
    ({ received_at: _received, ...row }) => ({ ...row, device_seq: Number(row.device_seq) }),
  );

const csvWithoutReceipt = async (s: ServerDb): Promise<unknown[][]> => {
  const { bytes } = await exportBuffer(s, BULK_FORM, { format: 'csv', event: EVENT });
  const table = csvTable(bytes);
  const receipt = table.header.indexOf(RECEIVED);
  expect(receipt).toBeGreaterThan(-1);
  return [table.header, ...table.rows].map((row) => row.filter((_, i) => i !== receipt));
};

describe.each(DB_KINDS)('bench bulk loader on %s', (kind) => {
  let test: TestServer;
  let bulk: TestDatabase;
  let bulkDb: ServerDb;
  let plan: BulkLoadPlan;

  beforeAll(async () => {
    test = await openServerForTest(kind);
    await installBulkEvent(test.server.db, EVENT);
    const names = ['Entrada norte (Pachuca)', '=Quiosco "Sur", 2', 'Carpa 3'];
    const tokens = new Map<string, string>();
    plan = { eventId: EVENT, kiosks: [], rows: ROWS, seed: 7 };
    for (const [i, name] of names.entries()) {
      const device = await test.enrol(EVENT, name);
      tokens.set(device.deviceId, device.token);
      plan.kiosks[i] = { id: device.deviceId, name };
    }
    // Each kiosk pushes its records in its own seq order, as its outbox would.
    for (const batch of bulkSubmissionBatches(plan)) {
      for (const kiosk of plan.kiosks) {
        const changes = batch
          .filter((row) => row.device_id === kiosk.id)
          .map((row) => ({
            seq: Number(row.device_seq),
            kind: 'submission',
            id: row.id,
            payload: JSON.parse(row.payload) as unknown,
          }));
        const response = await test.call('POST', '/v1/sync/push', {
          token: tokens.get(kiosk.id),
          body: { deviceId: kiosk.id, changes },
        });
        expect(PushResponseSchema.parse(response.body).rejected).toEqual([]);
      }
    }
    bulk = await createTestDatabase(kind);
    await createBulkEvent(bulk.config, EVENT);
    await bulkLoadResponses(bulk.config, plan);
    bulkDb = await openServerDatabase(bulk.config);
  });
  afterAll(async () => {
    await bulkDb?.close();
    await bulk?.drop();
    await test?.close();
  });

  it('stores the rows push stores', async () => {
    const pushed = await storedRows(test.server.db);
    expect(pushed).toHaveLength(ROWS);
    expect(await storedRows(bulkDb)).toEqual(pushed);
  });

  it('exports the same CSV as the records pushed', async () => {
    const pushed = await csvWithoutReceipt(test.server.db);
    expect(pushed).toHaveLength(ROWS + 1);
    expect(await csvWithoutReceipt(bulkDb)).toEqual(pushed);
  });

  it('varies as a festival does: incomplete records, both versions, skips, hard text', async () => {
    const rows = await storedRows(bulkDb);
    const payloads = rows.map((row) => JSON.parse(String(row.payload)) as Record<string, unknown>);
    const answers = payloads.map((p) => p.answers as Record<string, unknown>);
    expect(payloads.some((p) => p.complete === false)).toBe(true);
    expect(new Set(payloads.map((p) => p.formVersion))).toEqual(
      new Set(bulkFormVersions().map((d) => d.version)),
    );
    expect(answers.some((a) => a.acepta === 'no' && Object.keys(a).length === 1)).toBe(true);
    expect(answers.some((a) => Array.isArray(a.como_se_entero) && a.como_se_entero.length > 1)).toBe(true);
    expect(answers.some((a) => /[",\n]/.test(String(a.comentarios ?? '')))).toBe(true);
    expect(answers.some((a) => /\p{Extended_Pictographic}/u.test(String(a.comentarios ?? '')))).toBe(true);
  });
});
