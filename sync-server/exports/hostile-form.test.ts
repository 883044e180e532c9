// A coordinator writes the form; a statistician runs the scripts of its export. Every text of the
// form and of the stored data (title, labels, choice codes and labels, version, kiosk and event
// names, answers) is tried with what would run code in R or SPSS, or script in a Markdown or HTML
// viewer: the bundle's scripts must run without running it, and still read the data.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileForm } from '../../shared/forms/engine';
import type { Answers, FormDefinition } from '../../shared/forms/form-definition';
import { addForm, createEvent, readFormSheets } from '../events/events-store';
import { SyncError } from '../sync-error';
import { openServerForTest, type TestServer } from '../testing/test-server';
import { codebookMarkdown } from './codebook';
import { mergeVersions } from './export-layout';
import { FormStats } from './form-stats';
import { rScript } from './r-script';
import { spssSyntax, type ScriptTable } from './spss-syntax';
import { tableColumns } from './table-rows';
import { csvTable, column, exportBuffer } from './testing/read-back';
import { pushComplete, pusher } from './testing/export-fixtures';
import { readZip, unzipTo } from './testing/read-zip';

const run = promisify(execFile);
const UTF8 = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
const FORM = 'hostil';
/** Files an injected command would make in the folder the scripts run in. */
const PWNED = /^pwned/;

/** Breaks out of an R string or comment, an SPSS comment or string, Markdown and HTML. */
function hostile(tag: string): string {
  return (
    `${tag}\n"); system("touch pwned-r-${tag}"); #\n` +
    `'.\nHOST COMMAND=['touch pwned-s-${tag}'].\n` +
    `<img src=x onerror=alert(1)></script>|[x](javascript:alert(1))\u001b[31m\u0000`
  );
}

// Choice codes have no spaces or line breaks (the loader refuses them), but may hold quotes.
const CODE_SPSS = "a'.'";
const CODE_R = 'b");file.create("pwned-rcode");("';

const csv = (rows: string[][]): string =>
  rows.map((r) => r.map((f) => `"${f.replaceAll('"', '""')}"`).join(',')).join('\r\n');

function sheets(version: string) {
  return {
    settings: csv([
      ['form_id', 'version', 'form_title::es', 'default_language', 'kind'],
      [FORM, version, hostile('titulo'), 'es', 'survey'],
    ]),
    survey: csv([
      ['type', 'name', 'label::es', 'calculation'],
      ['select_one lista', 'eleccion', hostile('pregunta'), ''],
      ['text', 'comentario', hostile('texto'), ''],
      ['decimal', 'a', 'A', ''],
      ['decimal', 'b', 'B', ''],
      ['decimal', 'c', 'C', ''],
      ['calculate', 'total', '', '${a} + ${b} + ${c}'],
    ]),
    choices: csv([
      ['list_name', 'name', 'label::es'],
      ['lista', CODE_SPSS, hostile('opcion')],
      ['lista', CODE_R, 'R'],
    ]),
  };
}

const COMMENT = 'x;=1+1\ty\t=2+2';

describe('a hostile form exported', () => {
  let test: TestServer;
  let dir: string;
  let eventId: string;

  beforeAll(async () => {
    test = await openServerForTest('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'quiosco-hostile-'));
    eventId = 'hostil_1';
    await createEvent(test.server.db, { id: eventId, name: hostile('evento') });
    const definition = readFormSheets(sheets('1'));
    await addForm(test.server.db, eventId, definition);
    const device = await test.enrol(eventId, hostile('quiosco').replaceAll('\u0000', '').slice(0, 80));
    const push = pusher(test, device);
    const form = compileForm(definition);
    for (const [i, eleccion] of [CODE_SPSS, CODE_R].entries()) {
      const answers: Answers = { eleccion, comentario: COMMENT, a: 2107.24, b: 420.2, c: 430.2 };
      await pushComplete(push, form, device, answers, `2026-11-20T1${i}:00:00.000Z`);
    }
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await test.close();
  });

  it('refuses a form version with a line break where forms are loaded', () => {
    const load = () => readFormSheets(sheets("2\nHOST COMMAND=['touch pwned']."));
    expect(load).toThrow(SyncError);
    expect(load).toThrow(/^the form cannot be read: .*a form version is one line of printable text/s);
  });

  it('runs the R script and the SPSS syntax without running what the form holds', async () => {
    const { bytes } = await exportBuffer(test.server.db, FORM, { format: 'zip', event: eventId });
    const folder = join(dir, 'bundle');
    unzipTo(bytes, folder);
    writeFileSync(
      join(folder, 'check.R'),
      [
        `source("${FORM}.R")`,
        `cat(nrow(${FORM}), format(${FORM}$total, nsmall = 2), "\\n")`,
        `writeLines(${FORM}$comentario[1], "comment.txt", useBytes = TRUE)`,
        `writeLines(as.character(${FORM}$eleccion), "labels.txt", useBytes = TRUE)`,
      ].join('\n'),
    );
    const r = await run('Rscript', ['--vanilla', 'check.R'], { cwd: folder, env: UTF8 });
    writeFileSync(
      join(folder, 'check.sps'),
      `${readFileSync(join(folder, `${FORM}.sps`), 'utf8')}\nFREQUENCIES VARIABLES=eleccion.\n`,
    );
    const pspp = await run('pspp', ['-O', 'format=csv', '-o', 'out.csv', 'check.sps'], {
      cwd: folder,
      env: UTF8,
    });

    expect(readdirSync(folder).filter((f) => PWNED.test(f))).toEqual([]);
    // The data still reads, exactly as stored, with the choices' labels.
    expect(r.stdout.trim()).toBe('2 2957.64 2957.64');
    expect(readFileSync(join(folder, 'comment.txt'), 'utf8')).toBe(`${COMMENT}\n`);
    expect(readFileSync(join(folder, 'labels.txt'), 'utf8')).toBe(
      `${hostile('opcion').replace('\u0000', '')}\nR\n`,
    );
    expect(pspp.stderr).not.toMatch(/: (warning|error)/i);
    const frequencies = readFileSync(join(folder, 'out.csv'), 'utf8');
    expect(frequencies).toContain('\nValid,"opcion ""); system(');
    expect(frequencies).toContain('\n,R,1,50.0%');
  });

  it('keeps the codebook and the report text: no HTML, link or broken table row', async () => {
    const zip = readZip((await exportBuffer(test.server.db, FORM, { format: 'zip', event: eventId })).bytes);
    const markdown = zip.get('codebook.md')?.toString('utf8') ?? '';
    expect(markdown).not.toMatch(/<(?!br>)|(?<!\\)\]\(/);
    expect(markdown).not.toContain('\u001b');
    expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;\\|\\[x\\]');
    // Every row of the variables table has its 13 cells: no | of a label ends one.
    const rows = markdown.split('\n').filter((line) => line.startsWith('| `'));
    for (const row of rows.filter((line) => line.split(/(?<!\\)\|/).length > 6))
      expect(row.split(/(?<!\\)\|/)).toHaveLength(15);

    const report = zip.get('report.html')?.toString('utf8') ?? '';
    expect(report).not.toMatch(/<img src=x|<\/script|<script/);
    expect(report).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });

  it('guards the CSV segments a ; or tab separated spreadsheet would split into formulas', async () => {
    const { bytes } = await exportBuffer(test.server.db, FORM, { format: 'csv', event: eventId });
    const table = csvTable(bytes);
    expect(column(table, 'comentario')[0]).toBe("x;'=1+1\ty\t'=2+2");
    expect(column(table, 'total')).toEqual(['2957.64', '2957.64']);
    const jsonl = (await exportBuffer(test.server.db, FORM, { format: 'jsonl', event: eventId })).bytes;
    expect(jsonl.toString('utf8')).toContain('"total":2957.64');
  });

  it('escapes a version stored before versions had a grammar in every script and the codebook', async () => {
    const definition: FormDefinition = {
      ...readFormSheets(sheets('1')),
      version: "1\nsystem('touch pwned-r-version')\nHOST COMMAND=['touch pwned-s-version'].",
    };
    const layout = mergeVersions([definition], false);
    const table = layout.tables[0];
    if (table === undefined) throw new Error('no main table');
    const columns = tableColumns(layout, table, 'both');
    const script: ScriptTable = {
      table,
      file: 'missing.csv',
      columns,
      profile: { maxBytes: columns.map(() => 1), hasText: columns.map(() => true) },
    };
    const folder = join(dir, 'version');
    mkdirSync(folder);
    writeFileSync(join(folder, 'v.R'), rScript(layout, [script], 'es'));
    writeFileSync(join(folder, 'v.sps'), spssSyntax(layout, [script], 'es'));
    // Both fail at the missing CSV file, after the header comments that hold the version.
    await run('Rscript', ['--vanilla', 'v.R'], { cwd: folder, env: UTF8 }).catch(() => undefined);
    await run('pspp', ['v.sps'], { cwd: folder, env: UTF8 }).catch(() => undefined);
    expect(readdirSync(folder).filter((f) => PWNED.test(f))).toEqual([]);
    const markdown = codebookMarkdown(new FormStats(layout, undefined), [{ table, columns }], 'es', 'now');
    expect(markdown.split('\n')).toContain(
      "- Versions: 1<br>system('touch pwned-r-version')<br>HOST COMMAND=\\['touch pwned-s-version'\\].",
    );
  });
});
