// The demo data goes in through the server's push, on SQLite and PostgreSQL: what is stored is the
// plan's records exactly, received when the plan pushed them, from kiosks set up as coordinators
// set them up; and `quiosco start` loads it only into an event with no records.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoFormSheets, DEMO_FORMS } from '../../shared/forms/node/demo-forms';
import { readXlsFormCsv } from '../../shared/forms/xlsform-csv';
import { openServerDatabase, type ServerDb } from '../../sync-server/db/server-database';
import { listDevices } from '../../sync-server/devices/devices-store';
import { addForm, createEvent } from '../../sync-server/events/events-store';
import { listSubmissions } from '../../sync-server/sync/submissions-store';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../sync-server/testing/test-server';
import { createHash } from 'node:crypto';
import { exportBuffer } from '../../sync-server/exports/testing/read-back';
import { readZip } from '../../sync-server/exports/testing/read-zip';
import { attachmentBytes } from '../../sync-server/attachments/attachment-store';
import { planDemoData } from './demo-plan';
import { DEMO_DATA_DEFAULTS, loadDemoData, loadDemoDataOnce } from './load-demo-data';

const definitions = DEMO_FORMS.map((name) => readXlsFormCsv(demoFormSheets(name)));

describe.each(DB_KINDS)('demo data on %s', (kind) => {
  let database: TestDatabase;
  let s: ServerDb;

  beforeEach(async () => {
    database = await createTestDatabase(kind);
    s = await openServerDatabase(database.config);
    await createEvent(s, { id: 'demo', name: 'Feria demo' });
    for (const definition of definitions) await addForm(s, 'demo', definition);
  });
  afterEach(async () => {
    await s.close();
    await database.drop();
  });

  it('stores the planned records as pushed by enrolled demo kiosks, once', async () => {
    expect(await loadDemoDataOnce(s, 'demo')).toBe(
      'Demo data for exports: 300 encuesta_impacto_economico, 10 patrimonio_inmaterial and 100 ' +
        'registro_visitantes records from 3 demo kiosks (see "For statisticians" in README.md)',
    );
    const plan = planDemoData({ eventId: 'demo', ...DEMO_DATA_DEFAULTS, definitions });
    const planned = plan.kiosks.flatMap((k) =>
      k.pushes.flatMap((push) =>
        push.records.map((r) => ({
          id: r.payload.id,
          deviceId: k.id,
          receivedAt: push.at.toISOString(),
          payload: r.payload,
        })),
      ),
    );
    const { submissions, next } = await listSubmissions(s, { eventId: 'demo', limit: 1000 });
    expect(next).toBeNull();
    expect(submissions).toEqual(planned.sort((a, b) => a.id.localeCompare(b.id)));

    const devices = await listDevices(s, { eventId: 'demo' });
    expect(
      devices.map((d) => ({
        id: d.id,
        name: d.name,
        offered: d.offeredForms.map((f) => f.formId),
        acked: d.ackedThroughSeq,
      })),
    ).toEqual(
      plan.kiosks.map((k) => ({
        id: k.id,
        name: k.name,
        offered: k.offeredForms.map((f) => f.formId),
        acked: k.records.length,
      })),
    );
    expect(devices.map((d) => [d.appVersion, d.backlog, d.revokedAt])).toEqual(
      devices.map(() => [expect.stringMatching(/^quiosco-demo-data\/\d+\.\d+\.\d+$/), 0, null]),
    );

    expect(await loadDemoDataOnce(s, 'demo')).toBeUndefined();
    expect((await listSubmissions(s, { eventId: 'demo', limit: 1000 })).submissions).toHaveLength(410);
  });

  it("stores the heritage records' photos as complete attachments named by their hash, once, and exports them", async () => {
    const first = await loadDemoData(s, { eventId: 'demo', ...DEMO_DATA_DEFAULTS });
    expect(first.photos).toBeGreaterThan(5);
    expect(first.photosAdded).toBe(first.photos);
    const again = await loadDemoData(s, { eventId: 'demo', ...DEMO_DATA_DEFAULTS });
    expect([again.added, again.photosAdded]).toEqual([0, 0]);

    const rows = await s.db
      .selectFrom('attachments')
      .select(['name', 'mime', 'size', 'complete_at'])
      .execute();
    expect(rows).toHaveLength(first.photos);
    for (const row of rows) {
      const chunks: Buffer[] = [];
      for await (const chunk of attachmentBytes(s, row.name)) chunks.push(chunk as Buffer);
      const bytes = Buffer.concat(chunks);
      expect(row.name).toBe(`${createHash('sha256').update(bytes).digest('hex')}.png`);
      expect([row.mime, Number(row.size), row.complete_at]).toEqual([
        'image/png',
        bytes.length,
        expect.any(String),
      ]);
      expect([...bytes.subarray(1, 4)]).toEqual([...Buffer.from('PNG')]);
    }
    const zip = readZip(
      (await exportBuffer(s, 'patrimonio_inmaterial', { format: 'zip', event: 'demo' })).bytes,
    );
    const media = [...zip.keys()].filter((f) => f.startsWith('media/')).sort();
    expect(media).toEqual(rows.map((r) => `media/${r.name}`).sort());
  });
});
