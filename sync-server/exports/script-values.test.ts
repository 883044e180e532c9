// The bundle's SPSS syntax run in GNU PSPP and its R script run in R, on a form whose labels and
// answers hold everything that breaks a script (quotes, apostrophes, line breaks, `*` and `.` at a
// line's start, 300 characters, emoji, `;`, backslashes, formula-looking text): every value read
// back cell by cell must be the stored one — texts exact, choices numbered in form order with
// their labels, ordered scales ordinal, dates and times real ones.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileForm } from '../../shared/forms/engine';
import type { Answers } from '../../shared/forms/form-definition';
import { addForm, createEvent, readFormSheets } from '../events/events-store';
import { openServerForTest, type TestServer } from '../testing/test-server';
import { column, csvTable, exportBuffer, type Table } from './testing/read-back';
import { pushComplete, pusher } from './testing/export-fixtures';
import { unzipTo } from './testing/read-zip';

const run = promisify(execFile);
const UTF8 = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
const FORM = 'valores';

/** A label with every character that could end a string, a comment or a command. */
const LONG = `${'Ñ'.repeat(150)}${'x'.repeat(150)}`;
const LABELS = {
  title: "Encuesta 'de prueba'.\n* HOST COMMAND=['touch pwned-title'].",
  question: 'Pregunta con "comillas", apóstrofo \'s\n. y punto; \\ barra 😋',
  uno: "Uno 'a'\n* no es comentario.",
  dos: 'Dos "b" \\n; 🌮',
  tres: LONG,
};
/** Answers a text question is given, one per record. */
const TEXTS = [
  'Línea 1\nLínea 2\r\nfin',
  '=HYPERLINK("http://evil.example","clic")',
  "'=ya con apóstrofo",
  "a;=1+1\t-2;@x,''+y",
  '* no es comentario.\n. tampoco',
  'emoji 😋 \\ barra \'simple\' "doble"',
  '04510',
];
const CODES = ['uno', 'dos', 'tres'] as const;
const DATES = [
  '2026-11-20',
  '2027-01-05',
  '2026-02-28',
  '2026-12-31',
  '2026-11-21',
  '2026-11-22',
  '2026-11-23',
];
const TIMES = [
  '2026-11-20T10:30:15.250-06:00',
  '2026-11-21T08:05',
  '2026-11-21T23:59:59Z',
  '2026-11-22T00:00:00',
  '2026-11-20T10:30:15.250-06:00',
  '2026-11-20T12:00',
  '2026-11-20T13:00',
];

const csv = (rows: string[][]): string =>
  rows.map((r) => r.map((f) => `"${f.replaceAll('"', '""')}"`).join(',')).join('\r\n');

const SHEETS = {
  settings: csv([
    ['form_id', 'version', 'form_title::es', 'default_language'],
    [FORM, '1', LABELS.title, 'es'],
  ]),
  survey: csv([
    ['type', 'name', 'label::es', 'appearance', 'parameters'],
    ['select_one lista', 'eleccion', LABELS.question, '', ''],
    ['select_one nivel', 'nivel', 'Nivel', '', 'ordered=true'],
    ['select_one escala', 'escala', 'Escala', 'likert', ''],
    ['text', 'texto', LABELS.question, '', ''],
    ['date', 'fecha', 'Fecha', '', ''],
    ['dateTime', 'momento', 'Momento', '', ''],
    ['integer', 'entero', 'Entero', '', ''],
  ]),
  choices: csv([
    ['list_name', 'name', 'label::es'],
    ...CODES.map((code) => ['lista', code, LABELS[code]]),
    ['nivel', 'bajo', 'Bajo'],
    ['nivel', 'medio', 'Medio'],
    ['nivel', 'alto', 'Alto'],
    ['escala', '1', 'Mal'],
    ['escala', '2', 'Bien'],
  ]),
};

/** A text as R prints it hex-encoded (the test reads it back exactly, whatever it holds). */
const hex = (text: string): string => Buffer.from(text, 'utf8').toString('hex');
/** As SPSS labels are written: one line, at most `bytes` of UTF-8. */
function spssLabel(text: string, bytes: number): string {
  let out = '';
  const shown = text.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').replaceAll('\\n', '\\\u2060n');
  for (const char of shown) {
    if (Buffer.byteLength(out + char) > bytes) break;
    out += char;
  }
  return out;
}

describe('the bundle scripts read every value back as stored', () => {
  let test: TestServer;
  let dir: string;
  let folder: string;
  const eventId = 'valores_1';
  const created: string[] = [];

  beforeAll(async () => {
    test = await openServerForTest('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'quiosco-values-'));
    await createEvent(test.server.db, { id: eventId, name: 'Valores' });
    await test.server.db.db
      .updateTable('events')
      .set({ time_zone: 'America/Mexico_City' })
      .where('id', '=', eventId)
      .execute();
    const definition = readFormSheets(SHEETS);
    await addForm(test.server.db, eventId, definition);
    const device = await test.enrol(eventId, 'Quiosco');
    const push = pusher(test, device);
    const form = compileForm(definition);
    for (const [i, texto] of TEXTS.entries()) {
      const answers: Answers = {
        eleccion: CODES[i % 3] as string,
        nivel: ['alto', 'bajo', 'medio'][i % 3] as string,
        escala: String((i % 2) + 1),
        texto,
        fecha: DATES[i] as string,
        momento: TIMES[i] as string,
        entero: i * 7 - 10,
      };
      const createdAt = new Date(Date.UTC(2026, 10, 20, 16, i, 30, 125)).toISOString();
      created.push(createdAt);
      await pushComplete(push, form, device, answers, createdAt);
    }
    const { bytes } = await exportBuffer(test.server.db, FORM, {
      format: 'zip',
      event: eventId,
      'utc-offset': '-06:00',
    });
    folder = join(dir, 'bundle');
    unzipTo(bytes, folder);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await test.close();
  });

  async function pspp(extra: string): Promise<{ values: Table; labels: Table; hex: Table; output: string }> {
    const syntax = readFileSync(join(folder, `${FORM}.sps`), 'utf8');
    // The texts as hexadecimal bytes (PSPP's CSV writer drops a CR), and dates in their formats.
    const width = Number(/\n {4}texto A(\d+)\n/.exec(syntax)?.[1]);
    writeFileSync(
      join(folder, 'check.sps'),
      [
        syntax,
        extra,
        `STRING texto_hex (AHEX${2 * width}).`,
        'COMPUTE texto_hex = texto.',
        "SAVE TRANSLATE /OUTFILE='hex.csv' /TYPE=CSV /REPLACE /FIELDNAMES /TEXTOPTIONS FORMAT=VARIABLE /KEEP=texto_hex fecha created_at.",
        "SAVE TRANSLATE /OUTFILE='values.csv' /TYPE=CSV /REPLACE /FIELDNAMES /CELLS=VALUES.",
        "SAVE TRANSLATE /OUTFILE='labels.csv' /TYPE=CSV /REPLACE /FIELDNAMES /CELLS=LABELS.",
        'DISPLAY DICTIONARY.',
      ].join('\n'),
    );
    const { stdout, stderr } = await run('pspp', ['-O', 'format=csv', '-o', 'out.csv', 'check.sps'], {
      cwd: folder,
      env: UTF8,
    });
    expect(`${stdout}${stderr}`).not.toMatch(/warning|error/i);
    const read = (file: string) => csvTable(readFileSync(join(folder, file)));
    return {
      values: read('values.csv'),
      labels: read('labels.csv'),
      hex: read('hex.csv'),
      output: readFileSync(join(folder, 'out.csv'), 'utf8'),
    };
  }

  it('PSPP: texts exact, choices numbered in form order with labels, dates and times real', async () => {
    const {
      values,
      labels,
      hex: hexTexts,
      output,
    } = await pspp(
      'COMPUTE momento_s = momento.\nCOMPUTE fecha_s = fecha.\nFORMATS momento_s fecha_s (F14.3).',
    );
    expect(readdirSync(folder).filter((f) => f.startsWith('pwned'))).toEqual([]);
    // Padded with spaces to the variable's width (none of the texts ends with one).
    const texts = column(hexTexts, 'texto_hex').map((h) =>
      String(h)
        .replace(/(20)+$/, '')
        .toLowerCase(),
    );
    expect(texts).toEqual(TEXTS.map(hex));
    expect(column(values, 'eleccion')).toEqual(TEXTS.map((_, i) => String((i % 3) + 1)));
    expect(column(labels, 'eleccion')).toEqual(
      TEXTS.map((_, i) => spssLabel(LABELS[CODES[i % 3] as (typeof CODES)[number]], 120)),
    );
    // Form order, not alphabetical: bajo 1, medio 2, alto 3.
    expect(column(values, 'nivel')).toEqual(TEXTS.map((_, i) => ['3', '1', '2'][i % 3]));
    expect(column(values, 'escala')).toEqual(TEXTS.map((_, i) => String((i % 2) + 1)));
    expect(column(labels, 'escala')).toEqual(TEXTS.map((_, i) => ['Mal', 'Bien'][i % 2]));
    expect(column(values, 'entero')).toEqual(TEXTS.map((_, i) => String(i * 7 - 10)));
    // SPSS times are seconds since 1582-10-14; the wall-clock time as the CSV writes it.
    const spssSeconds = (wallClock: string) => Date.parse(`${wallClock}Z`) / 1000 + 12_219_379_200;
    expect(column(values, 'fecha_s').map(Number)).toEqual(DATES.map((d) => spssSeconds(`${d}T00:00:00`)));
    const wall = TIMES.map((t) => {
      const [date, time = ''] = t.split('T');
      const clock = /^\d{2}:\d{2}(:\d{2}(\.\d{3})?)?/.exec(time)?.[0] ?? '';
      return `${date}T${clock.length === 5 ? `${clock}:00` : clock}`;
    });
    expect(column(values, 'momento_s').map(Number)).toEqual(wall.map(spssSeconds));
    // As SPSS shows them (DATE11, DATETIME20); created_at at the utc-offset: 16:00:30 UTC is
    // 10:00:30 at -06:00.
    expect(column(hexTexts, 'fecha')[1]).toBe('05-JAN-2027');
    expect(column(hexTexts, 'created_at')[0]).toBe('20-NOV-2026 10:00:30');
    const variables = output.split(/\r?\n/);
    const level = (name: string) => variables.find((line) => line.startsWith(`${name},`))?.split(',');
    expect(level('nivel')).toContain('Ordinal');
    expect(level('escala')).toContain('Ordinal');
    expect(level('eleccion')).toContain('Nominal');
    expect(level('entero')).toContain('Scale');
    expect(output).toContain(spssLabel(LABELS.question, 250).replaceAll('"', '""'));
  });

  it('R: texts exact, factors with labels (ordered scales ordered), Date and POSIXct', async () => {
    writeFileSync(
      join(folder, 'check.R'),
      [
        `source("${FORM}.R")`,
        `d <- ${FORM}`,
        'h <- function(x) vapply(as.character(x), function(s) if (is.na(s)) "NA" else paste(charToRaw(enc2utf8(s)), collapse = ""), "")',
        'cat("texto", h(d$texto), "\\n")',
        'cat("eleccion", h(d$eleccion), "\\n")',
        'cat("levels", h(levels(d$eleccion)), "\\n")',
        'cat("ordered", is.ordered(d$nivel), is.ordered(d$escala), is.ordered(d$eleccion), "\\n")',
        'cat("nivel", as.integer(d$nivel), "\\n")',
        'cat("fecha", class(d$fecha), format(d$fecha), "\\n")',
        'cat("momento", class(d$momento)[1], attr(d$momento, "tzone"), format(as.numeric(d$momento), nsmall = 3), "\\n")',
        'cat("created", attr(d$created_at, "tzone"), format(d$created_at, "%H:%M:%OS3"), "\\n")',
        'cat("label", h(attr(d$texto, "label")), "\\n")',
      ].join('\n'),
    );
    const { stdout } = await run('Rscript', ['--vanilla', 'check.R'], { cwd: folder, env: UTF8 });
    const lines = new Map(
      stdout
        .trim()
        .split('\n')
        .map((line) => {
          const [key = '', ...rest] = line.trim().split(' ');
          return [key, rest];
        }),
    );
    expect(lines.get('texto')).toEqual(TEXTS.map(hex));
    expect(lines.get('eleccion')).toEqual(
      TEXTS.map((_, i) => hex(LABELS[CODES[i % 3] as (typeof CODES)[number]])),
    );
    expect(lines.get('levels')).toEqual(CODES.map((c) => hex(LABELS[c])));
    expect(lines.get('ordered')).toEqual(['TRUE', 'TRUE', 'FALSE']);
    expect(lines.get('nivel')).toEqual(TEXTS.map((_, i) => ['3', '1', '2'][i % 3]));
    expect(lines.get('fecha')).toEqual(['Date', ...DATES]);
    // A time without an offset is a wall-clock time in the zone (Etc/GMT+6 for -06:00).
    const instants = TIMES.map((t) =>
      /[Z+-]\d{0,2}:?\d{0,2}$/.test(t.slice(16)) ? Date.parse(t) : Date.parse(`${t}-06:00`),
    );
    expect(lines.get('momento')).toEqual([
      'POSIXct',
      'Etc/GMT+6',
      ...instants.map((ms) => (ms / 1000).toFixed(3)),
    ]);
    expect(lines.get('created')).toEqual(['Etc/GMT+6', ...created.map((_, i) => `10:0${i}:30.125`)]);
    expect(lines.get('label')).toEqual([hex(LABELS.question)]);
  });

  it('R: without a utc-offset, times show in the event’s time zone', async () => {
    const { bytes } = await exportBuffer(test.server.db, FORM, { format: 'zip', event: eventId });
    const local = join(dir, 'local');
    unzipTo(bytes, local);
    writeFileSync(
      join(local, 'check.R'),
      `source("${FORM}.R")\ncat(attr(${FORM}$created_at, "tzone"), format(${FORM}$created_at[1], "%H:%M:%S"), "\\n")\n`,
    );
    const { stdout } = await run('Rscript', ['--vanilla', 'check.R'], { cwd: local, env: UTF8 });
    // 16:00:30 UTC is 10:00:30 in Mexico City (UTC-6, no daylight saving time since 2022).
    expect(stdout.trim()).toBe('America/Mexico_City 10:00:30');
  });
});
