// A workbook that unpacks to far more than any form (a ZIP bomb: a few MiB of deflate holding
// gigabytes of XML) is refused before it is parsed, over real HTTP on SQLite and PostgreSQL: the
// console's upload as a coordinator, the exact refusal, nothing attached and nothing audited.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { MAX_UNPACKED_XLSX_BYTES } from '../../shared/forms/node/read-xlsx';
import { ConsoleFormsResponseSchema } from '../../shared/console/setup-api';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { listAudit } from '../console/audit';
import { signedInRoles, type SignedIn } from '../console/testing/signed-in';
import { readZip } from '../exports/testing/read-zip';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';

/** A valid XLSForm workbook whose survey sheet carries `padding` bytes of blanks in its XML. */
async function paddedWorkbook(padding: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('survey').addRows([
    ['type', 'name', 'label'],
    ['integer', 'edad', 'Edad'],
  ]);
  book.addWorksheet('settings').addRows([
    ['form_id', 'version', 'form_title'],
    ['inflado', '1', 'Inflado'],
  ]);
  const entries = readZip(Buffer.from(await book.xlsx.writeBuffer()));
  const zip = new ZipFile();
  for (const [name, content] of entries) {
    if (name.endsWith('/')) continue;
    const padded =
      name === 'xl/worksheets/sheet1.xml'
        ? Buffer.from(content.toString('utf8').replace('</worksheet>', `${' '.repeat(padding)}</worksheet>`))
        : content;
    zip.addBuffer(padded, name, { mtime: new Date(0) });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe.each(DB_KINDS)('workbook size on %s', (kind) => {
  let t: TestServer;
  let eventId: string;
  let coordinator: SignedIn;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    eventId = await t.createEvent();
    coordinator = (await signedInRoles(t, ['coordinator']))('coordinator');
  });
  afterAll(() => t.close());

  it(`refuses a workbook that unpacks to more than ${MAX_UNPACKED_XLSX_BYTES / 1024 / 1024} MiB, attaching nothing`, async () => {
    const forms = async () =>
      ConsoleFormsResponseSchema.parse(
        (await coordinator.call('GET', `/console/api/setup/forms?eventId=${eventId}`)).body,
      ).forms;
    const before = { forms: await forms(), audit: (await listAudit(t.server.db)).length };
    const bomb = await paddedWorkbook(MAX_UNPACKED_XLSX_BYTES + 1);
    // Deflate packs the blanks about a thousand to one: the upload itself is small.
    expect(bomb.length).toBeLessThan(MAX_UNPACKED_XLSX_BYTES / 500);
    const r = await coordinator.call('POST', `/console/api/setup/forms?eventId=${eventId}`, {
      body: { xlsx: bomb.toString('base64'), fileName: 'inflado.xlsx' },
    });
    expect([r.status, ErrorBodySchema.parse(r.body).error]).toEqual([
      400,
      {
        code: 'invalid_input',
        field: 'survey',
        message: 'survey sheet, row 1: the workbook is too large: it unpacks to more than 64 MiB',
      },
    ]);
    expect({ forms: await forms(), audit: (await listAudit(t.server.db)).length }).toEqual(before);
  });

  it('still takes the same workbook with a little padding', async () => {
    const fine = await paddedWorkbook(1024 * 1024);
    const r = await coordinator.call('POST', `/console/api/setup/forms?eventId=${eventId}`, {
      body: { xlsx: fine.toString('base64'), fileName: 'inflado.xlsx' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });
});
