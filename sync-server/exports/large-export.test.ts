// Exports of several pages: worker threads give byte-for-byte the same file as one thread, a slow
// reader holds the export back (it never runs ahead by more than about a page), and a client that
// hangs up mid-file leaves the server serving.
import { get } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS, PROTOCOL_VERSION, PushResponseSchema } from '../../shared/sync/protocol';
import {
  DB_KINDS,
  openServerForTest,
  surveyChanges,
  type TestDevice,
  type TestServer,
} from '../testing/test-server';
import { exportOptions, ExportQuerySchema } from './export-options';
import { PAGE_SIZES } from './record-pages';
import { prepareExport } from './run-export';
import { SURVEY } from './testing/export-fixtures';
import { csvTable, exportBuffer } from './testing/read-back';

const RECORDS = 5 * PAGE_SIZES.postgres + 17;

describe.each(DB_KINDS)('exports of many pages on %s', (kind) => {
  let test: TestServer;
  let eventId: string;
  let device: TestDevice;

  beforeAll(async () => {
    test = await openServerForTest(kind);
    eventId = await test.createEvent(['encuesta-impacto-economico']);
    device = await test.enrol(eventId);
    await push(device, RECORDS);
  });
  /** `count` survey records from the kiosk, a push of at most 1,000 at a time. */
  const push = async (kiosk: TestDevice, count: number) => {
    for (let seq = 1; seq <= count; seq += 1000) {
      const changes = surveyChanges(kiosk, seq, Math.min(1000, count - seq + 1));
      const response = await test.call('POST', '/v1/sync/push', {
        token: kiosk.token,
        body: { deviceId: kiosk.deviceId, changes },
        gzip: true,
      });
      expect(PushResponseSchema.parse(response.body).rejected).toEqual([]);
    }
  };
  afterAll(async () => {
    await test.close();
  });

  it.each(['csv', 'jsonl', 'report'] as const)(
    '%s: worker threads give the same bytes as one thread',
    async (format) => {
      const query = { format, event: eventId };
      const now = new Date('2026-11-23T12:00:00Z');
      const alone = await exportBuffer(test.server.db, SURVEY, query, { workers: 0, now });
      const shared = await exportBuffer(test.server.db, SURVEY, query, { workers: 2, now });
      expect(shared.bytes.equals(alone.bytes)).toBe(true);
      const text = alone.bytes.toString('utf8');
      if (format === 'report')
        expect(text).toContain(`Respuestas: <strong>${RECORDS.toLocaleString('es-MX')}</strong>`);
      else
        expect(text.trimEnd().split(format === 'csv' ? '\r\n' : '\n')).toHaveLength(
          format === 'csv' ? RECORDS + 1 : RECORDS,
        );
    },
  );

  it('reads every page once when their bounds come from the id index alone (no event asked)', async () => {
    // Another event's records, after this one's in id order, that the kiosk filter leaves out.
    const other = await test.enrol(await test.createEvent(['encuesta-impacto-economico']));
    await push(other, 1500);
    const now = new Date('2026-11-23T12:00:00Z');
    for (const [query, rows] of [
      [{ format: 'csv' }, RECORDS + 1500],
      [{ format: 'csv', kiosk: device.deviceId }, RECORDS],
    ] as const) {
      const alone = await exportBuffer(test.server.db, SURVEY, query, { workers: 0, now });
      const shared = await exportBuffer(test.server.db, SURVEY, query, { workers: 2, now });
      expect(shared.bytes.equals(alone.bytes)).toBe(true);
      expect(csvTable(shared.bytes).rows).toHaveLength(rows);
    }
  });

  it('waits for a slow reader instead of buffering the file', async () => {
    let written = 0;
    let mostBuffered = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, done) {
        written += chunk.length;
        setTimeout(done, 1);
      },
    });
    const watch = setInterval(() => (mostBuffered = Math.max(mostBuffered, slow.writableLength)), 0);
    const prepared = await prepareExport(
      test.server.db,
      exportOptions(SURVEY, ExportQuerySchema.parse({ format: 'csv', event: eventId }), false),
      { workers: 1 },
    );
    const { records } = await prepared.write(slow);
    clearInterval(watch);
    expect(records).toBe(RECORDS);
    // About one page of text at most ever waits in the stream, out of the whole file.
    expect(mostBuffered).toBeGreaterThan(0);
    expect(mostBuffered).toBeLessThan(written / 3);
  });

  it('goes on serving after a client hangs up halfway through a download', async () => {
    const token = await test.tokenFor('statistician');
    const headers = {
      [HEADERS.protocol]: String(PROTOCOL_VERSION),
      [HEADERS.app]: 'quiosco-test/1',
      authorization: `Bearer ${token}`,
    };
    const url = new URL(`v1/exports/${SURVEY}?event=${eventId}&format=jsonl`, test.url);
    // A plain HTTP request, so hanging up closes its connection for sure.
    const firstChunk = await new Promise<Buffer>((resolve, reject) => {
      const request = get(url, { headers }, (response) => {
        response.once('data', (chunk: Buffer) => {
          request.destroy();
          resolve(chunk);
        });
      });
      request.on('error', (e) => (request.destroyed ? undefined : reject(e)));
    });
    expect(firstChunk.length).toBeGreaterThan(0);

    const again = await fetch(new URL(`v1/exports/${SURVEY}?event=${eventId}`, test.url), { headers });
    expect(again.status).toBe(200);
    expect(csvTable(Buffer.from(await again.arrayBuffer())).rows).toHaveLength(RECORDS);
  });
});
