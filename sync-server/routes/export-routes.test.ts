// GET /v1/exports/{formId} over real HTTP: who may export what, the file headers, and refusals
// that come as JSON errors before any of the file is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, HEADERS, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { REGISTRATION, SURVEY, seedExportData, type SeededExport } from '../exports/testing/export-fixtures';
import { csvTable, xlsxTables } from '../exports/testing/read-back';
import { readZip } from '../exports/testing/read-zip';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';

const PII = ['nombre', 'responsable', 'correo'];

describe.each(DB_KINDS)('GET /v1/exports on %s', (kind) => {
  let test: TestServer;
  let seeded: SeededExport;

  beforeAll(async () => {
    test = await openServerForTest(kind);
    seeded = await seedExportData(test);
  });
  afterAll(async () => {
    await test.close();
  });

  async function download(path: string, token?: string, headers: Record<string, string> = {}) {
    const response = await fetch(new URL(path.slice(1), test.url), {
      headers: {
        [HEADERS.protocol]: String(PROTOCOL_VERSION),
        [HEADERS.app]: 'quiosco-test/1',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...headers,
      },
    });
    return {
      status: response.status,
      headers: response.headers,
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  }
  const error = (bytes: Buffer) => ErrorBodySchema.parse(JSON.parse(bytes.toString('utf8'))).error;
  const path = (formId: string, query = '') => `/v1/exports/${formId}?event=${seeded.eventId}${query}`;

  it('needs a token: none is 401, a coordinator or a kiosk is 403', async () => {
    const anonymous = await download(path(SURVEY));
    expect(anonymous.status).toBe(401);
    expect(error(anonymous.bytes).code).toBe('unauthenticated');

    const coordinator = await download(path(SURVEY), await test.tokenFor('coordinator'));
    expect(coordinator.status).toBe(403);
    expect(error(coordinator.bytes).message).toBe(
      'The coordinator role may not do this; it needs admin or statistician',
    );

    const kiosk = await download(path(SURVEY), seeded.devices[0]?.token);
    expect(kiosk.status).toBe(403);
  });

  it('streams a CSV file to a statistician, anonymised: no personal-data column', async () => {
    const response = await download(path(REGISTRATION), await test.tokenFor('statistician'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="${REGISTRATION}-${seeded.eventId}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get(HEADERS.serverTime)).toMatch(/Z$/);
    const csv = csvTable(response.bytes);
    expect(csv.rows).toHaveLength(seeded.stored.get(REGISTRATION)?.length ?? -1);
    expect(csv.header).toContain('tipo_visitante');
    expect(csv.header.filter((h) => PII.includes(h))).toEqual([]);
  });

  it('refuses personal data to a statistician, and gives it to an admin who asks', async () => {
    const statistician = await download(
      path(REGISTRATION, '&anonymised=false'),
      await test.tokenFor('statistician'),
    );
    expect(statistician.status).toBe(403);
    expect(error(statistician.bytes)).toMatchObject({ code: 'forbidden', field: 'anonymised' });

    const admin = await test.tokenFor('admin');
    const anonymisedByDefault = csvTable((await download(path(REGISTRATION), admin)).bytes);
    expect(anonymisedByDefault.header.filter((h) => PII.includes(h))).toEqual([]);
    const full = csvTable((await download(path(REGISTRATION, '&anonymised=false'), admin)).bytes);
    expect(full.header.filter((h) => PII.includes(h))).toEqual(PII);
  });

  it('serves XLSX, the ZIP bundle and the report with their content types', async () => {
    const token = await test.tokenFor('statistician');
    const xlsx = await download(path(SURVEY, '&format=xlsx'), token);
    expect(xlsx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect((await xlsxTables(xlsx.bytes)).get(SURVEY)?.rows).toHaveLength(4);

    const zip = await download(path(SURVEY, '&format=zip'), token);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    expect(zip.headers.get('content-disposition')).toMatch(/\.zip"$/);
    expect([...readZip(zip.bytes).keys()]).toContain(`${SURVEY}.sps`);

    const report = await download(path(SURVEY, '&format=report'), token);
    expect(report.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(report.bytes.toString('utf8')).toMatch(/^<!doctype html>/);
  });

  it('compresses a CSV for a client that accepts gzip', async () => {
    const response = await download(path(SURVEY), await test.tokenFor('statistician'), {
      'accept-encoding': 'gzip',
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    // fetch decompressed it.
    expect(csvTable(response.bytes).rows).toHaveLength(4);
  });

  it('answers bad requests with a JSON error before sending anything', async () => {
    const token = await test.tokenFor('admin');
    const unknown = await download('/v1/exports/no_such_form', token);
    expect(unknown.status).toBe(404);
    expect(error(unknown.bytes).message).toBe('no form no_such_form');

    const badFormat = await download(path(SURVEY, '&format=sav'), token);
    expect(badFormat.status).toBe(400);
    expect(error(badFormat.bytes)).toMatchObject({ code: 'invalid_input', field: 'format' });

    const badDate = await download(path(SURVEY, '&from=ayer'), token);
    expect(error(badDate.bytes)).toMatchObject({ code: 'invalid_input', field: 'from' });
  });

  it('is in the OpenAPI document', async () => {
    const response = await fetch(new URL('openapi.json', test.url));
    const document = (await response.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toContain('/v1/exports/{formId}');
  });
});
