// POST /v1/events/:id/forms with an .xlsx workbook (base64): loaded like the CSV trio, faults
// located at their cell as Excel shows it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormUploadResponseSchema } from '../../shared/sync/admin-api';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { openServerForTest, type TestServer } from '../testing/test-server';

async function workbook(relevant: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('survey').addRows([
    ['type', 'name', 'label', 'relevant'],
    ['integer', 'edad', 'Edad', ''],
    ['text', 'nombre', 'Nombre', relevant],
  ]);
  book.addWorksheet('settings').addRows([
    ['version', 'form_title'],
    ['7', 'Libro'],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

describe('form upload as a workbook', () => {
  let t: TestServer;
  let coordinator: string;
  beforeAll(async () => {
    t = await openServerForTest('sqlite');
    coordinator = await t.tokenFor('coordinator');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('attaches it, named after the file when settings give no form id', async () => {
    const eventId = await t.createEvent();
    const body = { xlsx: await workbook('${edad} > 17'), fileName: 'Feria libro.xlsx' };
    const response = await t.call('POST', `/v1/events/${eventId}/forms`, { token: coordinator, body });
    expect(response.status).toBe(200);
    expect(FormUploadResponseSchema.parse(response.body)).toMatchObject({
      status: 'added',
      form: { formId: 'Feria_libro', version: '7', title: { es: 'Libro' } },
    });
  });

  it('refuses a broken workbook with 400 at its cell, and what is not a workbook', async () => {
    const eventId = await t.createEvent();
    const attached = async () => {
      const { body } = await t.call('GET', `/v1/events/${eventId}/forms`, { token: coordinator });
      return JSON.stringify((body as { forms: unknown }).forms);
    };
    const before = await attached();
    const upload = (body: unknown) =>
      t.call('POST', `/v1/events/${eventId}/forms`, { token: coordinator, body });
    const broken = await upload({ xlsx: await workbook('${nada} = 1') });
    expect(broken.status).toBe(400);
    expect(ErrorBodySchema.parse(broken.body).error).toMatchObject({
      code: 'invalid_input',
      field: 'survey',
      message: 'survey!D3, column "relevant": ${nada} is not a question of this form',
    });
    const notBook = await upload({ xlsx: Buffer.from('hola').toString('base64') });
    expect(notBook.status).toBe(400);
    expect(ErrorBodySchema.parse(notBook.body).error.message).toMatch(/not an \.xlsx workbook/);
    expect((await upload({ xlsx: 'no es base64!' })).status).toBe(400);
    expect(await attached()).toBe(before);
  });
});
