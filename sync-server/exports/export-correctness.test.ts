// Issue 14, export correctness: what a cell says about a question an incomplete record never
// reached, a choice its version did not offer and a calculation none of whose inputs was answered
// (blank, never 0); complete-only in every format; a reversed date range refused; the report's
// counts and time — on SQLite and PostgreSQL, on records pushed as kiosks push them.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { compileForm, validateSubmission } from '../../shared/forms/engine';
import type { Answers } from '../../shared/forms/form-definition';
import { demoFormSheets } from '../../shared/forms/node/demo-forms';
import { readXlsFormCsv } from '../../shared/forms/xlsform-csv';
import { HEADERS, PROTOCOL_VERSION, type SubmissionPayload } from '../../shared/sync/protocol';
import { addForm, readFormSheets } from '../events/events-store';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { csvField } from './cell-text';
import { mainTable, mergeVersions } from './export-layout';
import type { ExportQuery } from './export-options';
import { boxPlot } from './summary-report';
import { columnHeaders, tableColumns } from './table-rows';
import { pusher, SURVEY } from './testing/export-fixtures';
import { column, csvTable, exportBuffer, xlsxTables } from './testing/read-back';
import { readZip } from './testing/read-zip';

const V1 = demoFormSheets('encuesta-impacto-economico');
/** Version 2 offers one more way to hear of the fair. */
const V2 = {
  survey: V1.survey,
  choices: `${V1.choices.trimEnd()}\nmedio_enterado,periodico,Periódico,Newspaper\n`,
  settings: V1.settings.replace('2026110101', '2026110102'),
};

const SPENDING = { gasto_alimentos: 100, gasto_artesanias: 0, gasto_transporte: 50, gasto_otros: 0 };
const REST = {
  motivo: 'cultura',
  tamano_grupo: 2,
  transporte: 'autobus',
  pernocta: 'no',
  ...SPENDING,
  satisfaccion: '4',
  recomendaria: 9,
};
/** A text that a spreadsheet would take for the number 4510. */
const POSTAL_CODE = '04510';
const START = { acepta: 'si', pais: 'us', edad: '18_29', primera_vez: 'si' };

describe.each(DB_KINDS)('export correctness on %s', (kind) => {
  let test: TestServer;
  let eventId: string;
  const ids: string[] = [];

  beforeAll(async () => {
    test = await openServerForTest(kind);
    eventId = await test.createEvent(['encuesta-impacto-economico']);
    await addForm(test.server.db, eventId, readFormSheets(V2));
    const device = await test.enrol(eventId, 'Taquilla');
    const push = pusher(test, device);
    const save = async (sheets: typeof V1, answers: Answers, complete: boolean, createdAt: string) => {
      // As a kiosk saves it: the engine's answers, calculations (gasto_total) filled in.
      const form = compileForm(readXlsFormCsv(sheets));
      const check = validateSubmission(form, answers, { complete, today: createdAt.slice(0, 10) });
      if (!check.ok) throw new Error(JSON.stringify(check.issues));
      const payload: SubmissionPayload = {
        id: uuidv7(),
        formId: SURVEY,
        formVersion: form.definition.version,
        deviceId: device.deviceId,
        eventId,
        language: 'es',
        complete,
        answers: check.answers,
        passId: 'PASE-0001',
        privacyNoticeVersion: 'aviso-2026-11',
        // Two and a half minutes of interview.
        startedAt: new Date(Date.parse(createdAt) - 150_000).toISOString(),
        createdAt,
      };
      await push(payload);
      ids.push(payload.id);
    };
    // 0: stopped before como_se_entero (and the spending); 1: passed it unanswered, stopped before
    // the spending; 2: complete, version 2, chose the newspaper.
    await save(V1, START, false, '2026-11-20T16:00:00.000Z');
    await save(V1, { ...START, motivo: 'cultura' }, false, '2026-11-20T17:00:00.000Z');
    await save(
      V2,
      { ...START, como_se_entero: ['periodico'], ...REST, comentarios: POSTAL_CODE },
      true,
      '2026-11-21T16:00:00.000Z',
    );
  });
  afterAll(async () => {
    await test.close();
  });

  const exported = (query: ExportQuery, now?: Date) =>
    exportBuffer(test.server.db, SURVEY, { event: eventId, ...query }, now && { now });

  it('blanks 0/1 columns of a question not reached and of a choice the version did not offer', async () => {
    const csv = csvTable((await exported({ format: 'csv' })).bytes);
    expect(column(csv, 'submission_id')).toEqual(ids);
    expect(column(csv, 'como_se_entero')).toEqual(['', '', 'periodico']);
    expect(column(csv, 'como_se_entero.radio_tv')).toEqual(['', '0', '0']);
    expect(column(csv, 'como_se_entero.periodico')).toEqual(['', '', '1']);
  });

  it('blanks a calculation none of whose inputs was answered, in CSV and JSON Lines', async () => {
    const csv = csvTable((await exported({ format: 'csv' })).bytes);
    expect(column(csv, 'gasto_total')).toEqual(['', '', '150']);
    const lines = (await exported({ format: 'jsonl' })).bytes.toString('utf8').trimEnd().split('\n');
    const answers = lines.map((line) => (JSON.parse(line) as { answers: Answers }).answers);
    expect(answers.map((a) => a.gasto_total)).toEqual([undefined, undefined, 150]);
  });

  it('codebook and report count "not reached" apart and say which versions offered a choice', async () => {
    const zip = readZip((await exported({ format: 'zip' })).bytes);
    const codebook = csvTable(zip.get('codebook.csv') ?? '');
    const row = codebook.rows.find((r) => r[1] === 'como_se_entero') ?? [];
    const at = (name: string) => row[codebook.header.indexOf(name)];
    expect([at('answered'), at('missing'), at('not_applicable'), at('not_reached')]).toEqual([
      '1',
      '1',
      '0',
      '1',
    ]);
    expect(at('choices')).toContain('periodico = Periódico / Newspaper (versions: 2026110102)');
    expect(at('choices')).toContain('radio_tv = Radio o televisión / Radio or TV\n');
    const report = (await exported({ format: 'report' })).bytes.toString('utf8');
    // 1 of the 1 who answered with version 2, which offered it: not 1 of all 3.
    expect(report).toMatch(/<td class="name">periodico<\/td><td class="n">1<\/td><td class="n">100 %/);
    expect(report).toContain('3</strong> (1 completas · 2 incompletas');
    expect(report).toContain('1 no alcanzada (respuesta incompleta)');
  });

  it('complete=true keeps complete records only, in every format', async () => {
    const only = { complete: 'true' } as const;
    expect(column(csvTable((await exported({ format: 'csv', ...only })).bytes), 'submission_id')).toEqual([
      ids[2],
    ]);
    const sheets = await xlsxTables((await exported({ format: 'xlsx', ...only })).bytes);
    expect(sheets.get(SURVEY)?.rows).toHaveLength(1);
    const jsonl = (await exported({ format: 'jsonl', ...only })).bytes.toString('utf8');
    expect(jsonl.trimEnd().split('\n')).toHaveLength(1);
    const zip = readZip((await exported({ format: 'zip', ...only })).bytes);
    expect(csvTable(zip.get(`${SURVEY}.csv`) ?? '').rows).toHaveLength(1);
    const report = (await exported({ format: 'report', ...only })).bytes.toString('utf8');
    expect(report).toContain('1</strong> (1 completas · 0 incompletas');
    expect(report).toContain('solo respuestas completas');
  });

  it('keeps number-like text as text in CSV (quoted) and XLSX, and number codes as numbers', async () => {
    const { bytes } = await exported({ format: 'csv' });
    expect(bytes.toString('utf8')).toContain(`,"${POSTAL_CODE}"\r\n`);
    expect(csvField('1e5', 'keep')).toBe('"1e5"');
    expect(csvField('-5', 'keep')).toBe('"-5"');
    const main = (await xlsxTables((await exported({ format: 'xlsx' })).bytes)).get(SURVEY);
    if (main === undefined) throw new Error('no main sheet');
    // satisfaccion's codes are 1–5: a number, as in CSV and SPSS; the comment stays text.
    expect(column(main, 'satisfaccion')).toEqual([null, null, 4]);
    expect(column(main, 'comentarios')).toEqual([null, null, POSTAL_CODE]);
    expect(column(main, 'edad')).toEqual(['18_29', '18_29', '18_29']);
  });

  it('writes times as real XLSX date-times, at the utc-offset', async () => {
    const { bytes } = await exported({ format: 'xlsx', 'utc-offset': '-06:00' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const header = sheet?.getRow(1).values as unknown[];
    const created = sheet?.getRow(2).getCell(header.indexOf('created_at')).value;
    expect(created).toBeInstanceOf(Date);
    // 16:00 UTC is 10:00 at -06:00: the wall-clock time a spreadsheet shows.
    expect((created as Date).toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(sheet?.getRow(2).getCell(header.indexOf('received_at')).value).toBeInstanceOf(Date);
  });

  it('labels a calculation by its name and makes labelled headers unique', async () => {
    const labelled = await xlsxTables((await exported({ format: 'xlsx', labels: 'es' })).bytes);
    expect(labelled.get(SURVEY)?.header).toContain('gasto_total');
    // Two questions with one label: each header gets its name after the label.
    const sheets = { ...V1, survey: V1.survey.replace('¿Por qué otro medio?', '¿Cuál es su edad?') };
    const layout = mergeVersions([readXlsFormCsv(sheets)], false);
    const headers = columnHeaders(tableColumns(layout, mainTable(layout), 'both'), 'labels', 'es');
    expect(headers).toContain('¿Cuál es su edad? (edad)');
    expect(headers).toContain('¿Cuál es su edad? (como_se_entero_otro)');
    expect(new Set(headers).size).toBe(headers.length);
  });

  it('exports the interview duration, the privacy notice version and (not anonymised) the pass id', async () => {
    const csv = csvTable((await exported({ format: 'csv' })).bytes);
    expect(column(csv, 'duration_seconds')).toEqual(['150', '150', '150']);
    expect(column(csv, 'privacy_notice_version')).toEqual(Array(3).fill('aviso-2026-11'));
    expect(column(csv, 'pass_id')).toEqual(Array(3).fill('PASE-0001'));
    const anonymised = await exportBuffer(
      test.server.db,
      SURVEY,
      { event: eventId, format: 'jsonl' },
      { anonymised: true },
    );
    const line = JSON.parse(anonymised.bytes.toString('utf8').split('\n')[0] ?? '') as Record<
      string,
      unknown
    >;
    expect(line).toMatchObject({ duration_seconds: 150, privacy_notice_version: 'aviso-2026-11' });
    expect(line).not.toHaveProperty('pass_id');
    expect(
      csvTable((await exportBuffer(test.server.db, SURVEY, { event: eventId }, { anonymised: true })).bytes)
        .header,
    ).not.toContain('pass_id');
  });

  it('labels a box plot’s median on its own row, clear of the minimum and maximum', () => {
    const skewed = { n: 5, min: 0, q1: 0, median: 10, q3: 50, max: 20_000, mean: 4012, sum: 20_060 };
    const svg = boxPlot(skewed, new Intl.NumberFormat('es-MX'));
    const rows = [...svg.matchAll(/<text x="[\d.]+" y="(\d+)"[^>]*>([^<]*)</g)].map((m) => [m[2], m[1]]);
    expect(rows).toEqual([
      ['0', '50'],
      ['20,000', '50'],
      ['10', '68'],
    ]);
  });

  it('writes the report’s time at the utc-offset', async () => {
    const now = new Date('2026-11-23T01:30:00.000Z');
    const report = (await exported({ format: 'report', 'utc-offset': '-06:00' }, now)).bytes.toString('utf8');
    expect(report).toContain('Generado: 2026-11-22T19:30:00.000-06:00');
  });

  it('refuses --from after --to, here and over HTTP', async () => {
    const reversed = { from: '2026-11-22', to: '2026-11-20' };
    await expect(exported(reversed)).rejects.toThrow('from: 2026-11-22 is after to: 2026-11-20');
    const response = await fetch(
      new URL(`v1/exports/${SURVEY}?event=${eventId}&from=2026-11-22&to=2026-11-20`, test.url),
      {
        headers: {
          [HEADERS.protocol]: String(PROTOCOL_VERSION),
          [HEADERS.app]: 'quiosco-test/1',
          authorization: `Bearer ${await test.tokenFor('statistician')}`,
        },
      },
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      'from: 2026-11-22 is after to: 2026-11-20',
    );
  });
});
