// Questions computed from personal data are personal too: a calculation of a pii question, a
// calculation of that calculation, a dynamic default, a join() of a pii question in a repeat, and
// a calculation that reads a pii question in version 1 only. An anonymised export leaves them all
// out in every format, and so do the console's data page and the anonymised record list; a
// calculation of a non-pii question, and a question whose relevance reads a pii one, stay. On
// SQLite and PostgreSQL, on records pushed as kiosks push them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataResponseSchema } from '../../shared/console/data-api';
import { compileForm } from '../../shared/forms/compile-form';
import { listAudit } from '../console/audit';
import { signedInRoles } from '../console/testing/signed-in';
import { addForm, createEvent, readFormSheets } from '../events/events-store';
import { listSubmissions } from '../sync/submissions-store';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import type { ExportQuery } from './export-options';
import { pushComplete, pusher } from './testing/export-fixtures';
import { csvTable, exportBuffer, xlsxTables } from './testing/read-back';
import { readZip } from './testing/read-zip';

const FORM = 'registro_derivado';
const EVENT = 'feria_derivada';
const NAME = 'Xóchitl Tlapanco';
const COMPANION = 'Citlali Morales';
/** Every personal value, and every value computed from one, as a kiosk stores it. */
const PERSONAL = [NAME, COMPANION, 'Hola Xóchitl', 'Tlapanco!', 'Nombre-Dos'];

/** Version 1's `copia` copies the name; version 2's copies the town. */
function sheets(version: '1' | '2') {
  return {
    settings: `form_id,version,form_title::es,default_language\n${FORM},${version},Registro,es`,
    survey: [
      'type,name,label::es,pii,calculation,default,relevant',
      'text,nombre,Nombre,yes,,,',
      'text,municipio,Municipio,,,,',
      'calculate,saludo,,,"concat(\'Hola \', ${nombre})",,',
      'calculate,saludo_largo,,,"concat(${saludo}, \'!\')",,',
      'calculate,lugar,,,"concat(${municipio}, \' (Hgo.)\')",,',
      'text,alias,Alias,,,${nombre},',
      "integer,edad,Edad,,,,${nombre} != ''",
      `calculate,copia,,,${version === '1' ? '${nombre}' : '${municipio}'},,`,
      'begin_repeat,acompanantes,Acompañantes,,,,',
      'text,acompanante,Nombre del acompañante,yes,,,',
      'integer,edad_acompanante,Edad del acompañante,,,,',
      'end_repeat,,,,,,',
      'calculate,lista,,,"join(\', \', ${acompanante})",,',
    ].join('\n'),
    choices: 'list_name,name,label::es',
  };
}

const KEPT_MAIN = ['municipio', 'lugar', 'edad'];
const KEPT_REPEAT = ['edad_acompanante'];
const LEFT_OUT = ['nombre', 'saludo', 'saludo_largo', 'alias', 'copia', 'acompanante', 'lista'];

function expectNoPersonal(text: string, where: string): void {
  for (const value of [...PERSONAL, ...LEFT_OUT.map((name) => `"${name}"`)])
    expect(text, `${where} holds ${value}`).not.toContain(value);
}

describe.each(DB_KINDS)('questions derived from personal data on %s', (kind) => {
  let t: TestServer;
  const exported = (query: ExportQuery) =>
    exportBuffer(t.server.db, FORM, { event: EVENT, ...query }, { anonymised: true });

  beforeAll(async () => {
    t = await openServerForTest(kind);
    await createEvent(t.server.db, { id: EVENT, name: 'Feria' });
    const v1 = readFormSheets(sheets('1'));
    await addForm(t.server.db, EVENT, v1);
    const device = await t.enrol(EVENT);
    const push = pusher(t, device);
    const companions = [{ acompanante: COMPANION, edad_acompanante: 8 }];
    const first = { nombre: NAME, municipio: 'Actopan', alias: 'Tlapanco!', edad: 34 };
    await pushComplete(
      push,
      compileForm(v1),
      device,
      { ...first, acompanantes: companions },
      '2026-11-20T10:00:00.000Z',
    );
    const v2 = readFormSheets(sheets('2'));
    await addForm(t.server.db, EVENT, v2);
    const second = { nombre: 'Nombre-Dos', municipio: 'Tula', edad: 20 };
    await pushComplete(push, compileForm(v2), device, second, '2026-11-20T11:00:00.000Z');
  });
  afterAll(() => t.close());

  it('leaves derived questions out of the layout and the CSV columns, keeping the rest', async () => {
    const main = await exported({ format: 'csv' });
    const questions = main.layout.tables.map((table) => [table.name, table.questions.map((q) => q.name)]);
    expect(questions).toEqual([
      [FORM, KEPT_MAIN],
      ['acompanantes', KEPT_REPEAT],
    ]);
    const header = csvTable(main.bytes).header;
    expect(header.filter((name) => [...KEPT_MAIN, ...LEFT_OUT].includes(name))).toEqual(KEPT_MAIN);
    expectNoPersonal(main.bytes.toString('utf8'), 'CSV');
    const lugar = csvTable(main.bytes).rows.map((row) => row[header.indexOf('lugar')]);
    expect(lugar).toEqual(['Actopan (Hgo.)', 'Tula (Hgo.)']);
    const repeat = await exported({ format: 'csv', table: 'acompanantes' });
    expect(csvTable(repeat.bytes).header.filter((name) => name.includes('acompanante'))).toEqual(KEPT_REPEAT);
    expectNoPersonal(repeat.bytes.toString('utf8'), 'CSV acompanantes');
  });

  it('leaves them out of JSON Lines', async () => {
    const jsonl = (await exported({ format: 'jsonl' })).bytes.toString('utf8');
    expectNoPersonal(jsonl, 'JSON Lines');
    const answers = jsonl
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { answers: Record<string, unknown> }).answers);
    expect(answers.map((a) => Object.keys(a).sort())).toEqual([
      ['acompanantes', 'edad', 'lugar', 'municipio'],
      ['edad', 'lugar', 'municipio'],
    ]);
  });

  it('leaves them out of XLSX', async () => {
    const xlsx = (await exported({ format: 'xlsx' })).bytes;
    const headers = [...(await xlsxTables(xlsx)).values()].map((table) =>
      table.header.filter((name) => [...KEPT_MAIN, ...KEPT_REPEAT, ...LEFT_OUT].includes(name)),
    );
    expect(headers).toEqual([KEPT_MAIN, KEPT_REPEAT]);
    for (const [name, bytes] of readZip(xlsx)) expectNoPersonal(bytes.toString('utf8'), `XLSX ${name}`);
  });

  it('leaves them out of the SPSS/R bundle', async () => {
    const bundle = readZip((await exported({ format: 'zip' })).bytes);
    expect([...bundle.keys()].some((name) => name.endsWith('.sps'))).toBe(true);
    for (const [name, bytes] of bundle) expectNoPersonal(bytes.toString('utf8'), `bundle ${name}`);
  });

  it('leaves them out of the summary report', async () => {
    const report = (await exported({ format: 'report' })).bytes.toString('utf8');
    const sections = [...report.matchAll(/<p class="name">(\w+) · /g)].map((m) => m[1]);
    expect(sections).toEqual([...KEPT_MAIN, ...KEPT_REPEAT]);
    expectNoPersonal(report, 'report');
  });

  it('leaves them out of a statistician’s data page', async () => {
    const session = (await signedInRoles(t, ['statistician']))('statistician');
    const r = await session.call('GET', `/console/api/data/${FORM}?event=${EVENT}`);
    expect(r.status).toBe(200);
    const page = DataResponseSchema.parse(r.body);
    expect(page.anonymised).toBe(true);
    expect(page.columns.map((c) => c.name)).toEqual([...KEPT_MAIN, 'acompanantes']);
    expectNoPersonal(JSON.stringify(page), 'data page');
  });

  it('names them as personal columns when an admin reads the data page (audit)', async () => {
    const session = (await signedInRoles(t, ['admin']))('admin');
    const r = await session.call('GET', `/console/api/data/${FORM}?event=${EVENT}`);
    expect(r.status).toBe(200);
    const read = (await listAudit(t.server.db)).find(
      (e) => e.action === 'personal_data_read' && e.detail.formId === FORM,
    );
    expect(read?.detail.columns).toEqual([
      'nombre',
      'saludo',
      'saludo_largo',
      'alias',
      'copia',
      'lista',
      'acompanante',
    ]);
  });

  it('leaves them out of the anonymised record list', async () => {
    const list = await listSubmissions(t.server.db, { eventId: EVENT, limit: 10 }, true);
    expect(list.submissions.map((s) => Object.keys(s.payload.answers).sort())).toEqual([
      ['acompanantes', 'edad', 'lugar', 'municipio'],
      ['edad', 'lugar', 'municipio'],
    ]);
    expectNoPersonal(JSON.stringify(list), 'record list');
  });
});
