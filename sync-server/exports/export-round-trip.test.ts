// Exports of real records, read back with a CSV parser, a spreadsheet library and JSON.parse,
// must give back exactly the answers the kiosks stored — for all three demo forms, on SQLite and
// PostgreSQL — and the columns, filters, labels and guards must be as documented.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Answers } from '../../shared/forms/form-definition';
import { demoFormSheets } from '../../shared/forms/node/demo-forms';
import { PushResponseSchema, type SubmissionPayload } from '../../shared/sync/protocol';
import { addForm, readFormSheets } from '../events/events-store';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { unguarded } from './cell-text';
import type { ExportLayout } from './export-layout';
import type { ExportQuery } from './export-options';
import { readZip } from './testing/read-zip';
import {
  answersFromTables,
  photoNames,
  column,
  csvTable,
  exportBuffer,
  xlsxTables,
  type Table,
} from './testing/read-back';
import {
  asExported,
  FORMULA_TEXT,
  HERITAGE,
  KIOSK_NAMES,
  REGISTRATION,
  SURVEY,
  TRICKY_TEXT,
  seedExportData,
  type SeededExport,
} from './testing/export-fixtures';

const FORMS = [SURVEY, REGISTRATION, HERITAGE];

/** The stored answers without the personal-data questions (at any depth). */
function withoutPii(answers: Answers, layout: ExportLayout, pii: ReadonlySet<string>): Answers {
  const kept: Answers = {};
  for (const [name, value] of Object.entries(answers)) {
    if (pii.has(name)) continue;
    const isRepeat = layout.tables.some((t) => t.name === name);
    kept[name] = isRepeat ? (value as Answers[]).map((a) => withoutPii(a, layout, pii)) : value;
  }
  return kept;
}

describe.each(DB_KINDS)('exports on %s', (kind) => {
  let test: TestServer;
  let seeded: SeededExport;

  beforeAll(async () => {
    test = await openServerForTest(kind);
    seeded = await seedExportData(test);
  });
  afterAll(async () => {
    await test.close();
  });

  const stored = (formId: string): SubmissionPayload[] => (seeded.stored.get(formId) ?? []).map(asExported);
  const exported = (formId: string, query: ExportQuery, anonymised = false) =>
    exportBuffer(test.server.db, formId, { event: seeded.eventId, ...query }, { anonymised });

  /** Every table of the form as CSV: the main one, then each repeat with table=NAME. */
  async function csvTables(formId: string, query: ExportQuery = {}) {
    const main = await exported(formId, { format: 'csv', ...query });
    const tables = new Map<string, Table>([[formId, csvTable(main.bytes)]]);
    for (const table of main.layout.tables.slice(1)) {
      tables.set(
        table.name,
        csvTable((await exported(formId, { format: 'csv', table: table.name, ...query })).bytes),
      );
    }
    return { layout: main.layout, tables };
  }

  it.each(FORMS)('CSV of %s reads back as exactly the stored answers', async (formId) => {
    const { layout, tables } = await csvTables(formId);
    const answers = answersFromTables(layout, tables);
    expect([...answers.keys()]).toEqual(stored(formId).map((p) => p.id));
    for (const payload of stored(formId)) expect(answers.get(payload.id)).toEqual(payload.answers);
  });

  it.each(FORMS)('CSV of %s with 0/1 columns only reads back too', async (formId) => {
    const { layout, tables } = await csvTables(formId, { multi: 'columns' });
    const answers = answersFromTables(layout, tables);
    for (const payload of stored(formId)) expect(answers.get(payload.id)).toEqual(payload.answers);
  });

  it.each(FORMS)(
    'XLSX of %s: one sheet per table, read back by exceljs as the stored answers',
    async (formId) => {
      const { bytes, layout } = await exported(formId, { format: 'xlsx' });
      const sheets = await xlsxTables(bytes);
      expect([...sheets.keys()]).toEqual(layout.tables.map((t) => t.name));
      const answers = answersFromTables(layout, sheets);
      for (const payload of stored(formId)) expect(answers.get(payload.id)).toEqual(payload.answers);
      // The same cells as the CSV, typed: numbers as numbers, blanks as empty cells, times as
      // date-times (compared by the wall-clock time they show).
      const csv = await csvTables(formId);
      const shown = (c: string) => (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(c) ? c.slice(0, 19) : c);
      for (const [name, sheet] of sheets) {
        const fromCsv = csv.tables.get(name) as Table;
        expect(sheet.header).toEqual(fromCsv.header);
        const asText = sheet.rows.map((r) => r.map((c) => (c === null ? '' : shown(String(c)))));
        expect(asText).toEqual(fromCsv.rows.map((r) => r.map((c) => shown(unguarded(String(c))))));
      }
    },
  );

  it.each(FORMS)(
    'JSON Lines of %s: one object per record, repeats nested, answers as stored',
    async (formId) => {
      const { bytes } = await exported(formId, { format: 'jsonl' });
      const lines = bytes
        .toString('utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => l.submission_id)).toEqual(stored(formId).map((p) => p.id));
      lines.forEach((line, i) => {
        const payload = stored(formId)[i] as SubmissionPayload;
        expect({ ...line, answers: photoNames(line.answers) }).toMatchObject({
          event_id: payload.eventId,
          device_id: payload.deviceId,
          form_version: payload.formVersion,
          created_at: payload.createdAt,
          language: payload.language,
          complete: payload.complete,
          answers: payload.answers,
        });
      });
    },
  );

  it('CSV is UTF-8 with a byte order mark, CRLF rows and RFC 4180 quotes', async () => {
    const { bytes, contentType, fileName } = await exported(SURVEY, { format: 'csv' });
    expect(contentType).toBe('text/csv; charset=utf-8');
    expect(fileName).toMatch(new RegExp(`^${SURVEY}-${seeded.eventId}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')).toHaveLength(stored(SURVEY).length + 2);
    // The comment with quotes, commas, an emoji and a line break is one quoted field.
    expect(text).toContain(`"${TRICKY_TEXT.replaceAll('"', '""')}"`);
  });

  it('neutralises formula-looking texts in CSV (apostrophe) and XLSX (quote prefix), not negative numbers', async () => {
    const csv = csvTable((await exported(SURVEY, { format: 'csv' })).bytes);
    const comments = column(csv, 'comentarios');
    expect(comments).toContain(`'${FORMULA_TEXT}`);
    expect(comments).not.toContain(FORMULA_TEXT);
    expect(comments).toContain('-5');
    expect(column(csv, 'device_name')).toContain(`'${KIOSK_NAMES[1]}`);
    expect(csv.rows.flat().filter((c) => typeof c === 'string' && /^[=+@]/.test(c))).toEqual([]);

    const xlsx = await exported(SURVEY, { format: 'xlsx' });
    const sheets = await xlsxTables(xlsx.bytes);
    expect(column(sheets.get(SURVEY) as Table, 'comentarios')).toContain(FORMULA_TEXT);
    const sheetXml = readZip(xlsx.bytes).get('xl/worksheets/sheet1.xml')?.toString('utf8') ?? '';
    expect(sheetXml).not.toContain('<f>');
    expect(sheetXml).toMatch(/<c r="[A-Z]+\d+" t="inlineStr" s="2"><is><t>=HYPERLINK/);
    expect(readZip(xlsx.bytes).get('xl/styles.xml')?.toString('utf8')).toContain('quotePrefix="1"');
  });

  it('select_multiple: summary and one 0/1 column per choice in list order; 0 when asked, blank when not', async () => {
    const csv = csvTable((await exported(SURVEY, { format: 'csv' })).bytes);
    const choices = ['redes', 'cartelera', 'radio_tv', 'web', 'recomendacion', 'ya_conocia', 'otro'];
    const at = csv.header.indexOf('como_se_entero');
    expect(csv.header.slice(at, at + 8)).toEqual([
      'como_se_entero',
      ...choices.map((c) => `como_se_entero.${c}`),
    ]);
    const cells = (row: number) => csv.rows[row]?.slice(at, at + 8);
    expect(cells(0)).toEqual(['redes otro', '1', '0', '0', '0', '0', '0', '1']);
    expect(cells(1)).toEqual(['radio_tv', '0', '0', '1', '0', '0', '0', '0']);
    // Declined the survey: the question was never asked.
    expect(cells(2)).toEqual(['', '', '', '', '', '', '', '']);
    // Kept incomplete: asked, never answered.
    expect(cells(3)).toEqual(['', '0', '0', '0', '0', '0', '0', '0']);
  });

  it('metadata: ids, event, kiosk id and name, version, kiosk and server times, language, complete', async () => {
    const csv = csvTable((await exported(SURVEY, { format: 'csv' })).bytes);
    expect(csv.header.slice(0, 9)).toEqual([
      'submission_id',
      'event_id',
      'device_id',
      'device_name',
      'form_version',
      'created_at',
      'received_at',
      'language',
      'complete',
    ]);
    const [first, , third, fourth] = csv.rows;
    const payload = stored(SURVEY)[0] as SubmissionPayload;
    expect(first?.slice(0, 5)).toEqual([
      payload.id,
      seeded.eventId,
      payload.deviceId,
      KIOSK_NAMES[0],
      '2026110101',
    ]);
    expect(first?.[5]).toBe('2026-11-20T16:03:00.000Z');
    expect(first?.[6]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    // Kept as the kiosk wrote it, offset included.
    expect(third?.[5]).toBe('2026-11-21T18:00:00-06:00');
    expect(column(csv, 'language')).toEqual(['es', 'en', 'es', 'es']);
    expect(fourth?.[8]).toBe('0');
  });

  it('utc-offset writes every time at that offset', async () => {
    const csv = csvTable((await exported(SURVEY, { format: 'csv', 'utc-offset': '-06:00' })).bytes);
    expect(column(csv, 'created_at')).toEqual([
      '2026-11-20T10:03:00.000-06:00',
      '2026-11-20T20:30:00.000-06:00',
      '2026-11-21T18:00:00.000-06:00',
      '2026-11-22T04:00:00.000-06:00',
    ]);
    for (const time of column(csv, 'received_at')) expect(time).toMatch(/-06:00$/);
  });

  it('headers as labels in English and values as labels', async () => {
    const csv = csvTable((await exported(SURVEY, { format: 'csv', labels: 'en', values: 'labels' })).bytes);
    expect(csv.header.slice(0, 2)).toEqual(['Response ID', 'Event']);
    expect(csv.header).toContain('Which country do you live in?');
    expect(csv.header).toContain('How did you hear about the Fair?: Social media');
    // A calculation has no label: its name stands in.
    expect(csv.header).toContain('gasto_total');
    const country = column(csv, 'Which country do you live in?');
    expect(country.slice(0, 2)).toEqual(['Mexico', 'United States']);
    expect(column(csv, 'How did you hear about the Fair?')[0]).toBe('Social media; Other');
    expect(column(csv, 'How satisfied are you with the Fair?')[0]).toBe('Very satisfied');
  });

  it('filters by kiosk, by created date (with offset) and by date and time', async () => {
    const ids = async (query: ExportQuery) =>
      column(csvTable((await exported(SURVEY, { format: 'csv', ...query })).bytes), 'submission_id');
    const [a, b, c, d] = stored(SURVEY).map((p) => p.id);
    expect(await ids({ kiosk: seeded.devices[1]?.deviceId })).toEqual([b, c]);
    // 2026-11-21T02:30Z is still the 20th in Hidalgo (UTC-6).
    expect(await ids({ from: '2026-11-20', to: '2026-11-20', 'utc-offset': '-06:00' })).toEqual([a, b]);
    // c was written as 18:00 at -06:00 on the 21st: midnight of the 22nd in UTC.
    expect(await ids({ from: '2026-11-21', to: '2026-11-21' })).toEqual([b]);
    expect(await ids({ from: '2026-11-21T18:00:00-06:00' })).toEqual([c, d]);
    expect(await ids({ to: '2026-11-21T23:59:59.999Z' })).toEqual([a, b]);
  });

  it('anonymised exports have no personal-data column or answer in any format', async () => {
    // Photos count as personal data: they can show who someone is.
    const pii = new Set(['nombre', 'correo', 'responsable', 'nombre_portador', 'foto']);
    for (const formId of [REGISTRATION, HERITAGE]) {
      const { layout, tables } = await csvTables(formId, {});
      const anonymisedCsv = await exported(formId, { format: 'csv' }, true);
      const header = csvTable(anonymisedCsv.bytes).header;
      expect(tables.get(formId)?.header.some((h) => pii.has(h))).toBe(true);
      expect(header.filter((h) => pii.has(h))).toEqual([]);
      expect(header.length).toBeLessThan((tables.get(formId) as Table).header.length);

      const xlsx = await xlsxTables((await exported(formId, { format: 'xlsx' }, true)).bytes);
      for (const sheet of xlsx.values()) expect(sheet.header.filter((h) => pii.has(h))).toEqual([]);
      const answers = answersFromTables(
        anonymisedCsv.layout,
        new Map([[formId, csvTable(anonymisedCsv.bytes)], ...[...xlsx].slice(1)]),
      );
      for (const p of stored(formId)) expect(answers.get(p.id)).toEqual(withoutPii(p.answers, layout, pii));

      const jsonl = (await exported(formId, { format: 'jsonl' }, true)).bytes.toString('utf8');
      for (const name of pii) expect(jsonl).not.toContain(`"${name}"`);
      const zip = readZip((await exported(formId, { format: 'zip' }, true)).bytes);
      for (const [file, content] of zip) {
        if (!file.endsWith('.csv')) continue;
        expect(
          csvTable(content).header.filter((h) => pii.has(h)),
          file,
        ).toEqual([]);
      }
      const codebook = csvTable(zip.get('codebook.csv') as Buffer);
      expect(column(codebook, 'variable').filter((v) => pii.has(String(v)))).toEqual([]);
    }
  });

  it('repeat tables: one row per instance with the record id and stable keys', async () => {
    const first = await csvTables(HERITAGE);
    const again = await csvTables(HERITAGE);
    const ingredients = first.tables.get('ingredientes') as Table;
    expect(ingredients.header.slice(0, 4)).toEqual(['submission_id', 'parent_key', 'key', 'instance']);
    const id = stored(HERITAGE)[0]?.id;
    expect(column(ingredients, 'key')).toEqual([1, 2, 3].map((i) => `${id}/ingredientes[${i}]`));
    expect(column(ingredients, 'submission_id')).toEqual([id, id, id]);
    expect(column(ingredients, 'ingrediente')).toEqual(['Escamoles', 'Mantequilla, sin sal', 'Epazote 🌿']);
    expect(again.tables).toEqual(first.tables);
    // The record without photos or ingredients has no rows there.
    expect((first.tables.get('fotos') as Table).rows).toHaveLength(2);
  });

  it('refuses an unknown form, a table the form lacks, and table= on a format other than CSV', async () => {
    await expect(exported('no_such_form', { format: 'csv' })).rejects.toThrow(
      'no form no_such_form attached to event',
    );
    await expect(exported(SURVEY, { format: 'csv', table: 'fotos' })).rejects.toThrow(
      `table: form ${SURVEY} has no table fotos`,
    );
    await expect(exported(HERITAGE, { format: 'xlsx', table: 'fotos' })).rejects.toThrow(
      'table: only a CSV export is one table',
    );
  });

  describe('across form versions', () => {
    let eventId: string;
    let v1Id: string;
    let v2Id: string;

    beforeAll(async () => {
      // Version 2 adds a question (colonia) and a choice (tiktok).
      const sheets = demoFormSheets('encuesta-impacto-economico');
      const v2 = {
        survey: sheets.survey.replace(
          'end_group,procedencia',
          'text,colonia,¿En qué colonia?,Which neighbourhood?,,,no,,,,,,,\nend_group,procedencia',
        ),
        choices: `${sheets.choices.trimEnd()}\nmedio_enterado,tiktok,TikTok,TikTok\n`,
        settings: sheets.settings.replace('2026110101', '2026110102'),
      };
      eventId = await test.createEvent(['encuesta-impacto-economico']);
      await addForm(test.server.db, eventId, readFormSheets(v2));
      const device = await test.enrol(eventId, 'Versiones');
      const base = {
        formId: SURVEY,
        deviceId: device.deviceId,
        eventId,
        language: 'es' as const,
        complete: true,
        passId: null,
        privacyNoticeVersion: null,
        startedAt: '2026-11-20T16:00:00.000Z',
        createdAt: '2026-11-20T16:00:00.000Z',
      };
      v1Id = uuidv7();
      v2Id = uuidv7();
      const answers = { acepta: 'no' };
      const changes = [
        {
          seq: 1,
          kind: 'submission',
          id: v1Id,
          payload: { ...base, id: v1Id, formVersion: '2026110101', answers },
        },
        {
          seq: 2,
          kind: 'submission',
          id: v2Id,
          payload: {
            ...base,
            id: v2Id,
            formVersion: '2026110102',
            complete: false,
            answers: { acepta: 'si', pais: 'mx', colonia: 'Centro', como_se_entero: ['tiktok'] },
          },
        },
      ];
      const response = await test.call('POST', '/v1/sync/push', {
        token: device.token,
        body: { deviceId: device.deviceId, changes },
      });
      expect(PushResponseSchema.parse(response.body).rejected).toEqual([]);
    });

    it('keeps the first version’s order and appends what later versions add', async () => {
      const { bytes } = await exportBuffer(test.server.db, SURVEY, { format: 'csv', event: eventId });
      const csv = csvTable(bytes);
      expect(csv.header.at(-1)).toBe('colonia');
      expect(csv.header.indexOf('como_se_entero.tiktok')).toBe(csv.header.indexOf('como_se_entero.otro') + 1);
      expect(column(csv, 'form_version')).toEqual(['2026110101', '2026110102']);
      expect(column(csv, 'colonia')).toEqual(['', 'Centro']);
      expect(column(csv, 'como_se_entero.tiktok')).toEqual(['', '1']);
    });

    it('one version alone has that version’s columns in its own order', async () => {
      const { bytes } = await exportBuffer(test.server.db, SURVEY, {
        format: 'csv',
        event: eventId,
        version: '2026110102',
      });
      const csv = csvTable(bytes);
      expect(column(csv, 'submission_id')).toEqual([v2Id]);
      expect(csv.header.indexOf('colonia')).toBe(csv.header.indexOf('municipio') + 1);
    });
  });
});
