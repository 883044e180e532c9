// `quiosco forms preview FILE`: the form in a throwaway web kiosk on 127.0.0.1, to try it out
// before it goes to an event. The form is checked first, then installed as a CSV trio (a workbook
// is saved sheet by sheet) in a temporary kiosk that is deleted when the preview stops.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { findFormSources, FormFileError, loadFormSource } from '../../electron/core/forms/form-files';
import { readXlsxTables } from '../../shared/forms/node/read-xlsx';
import type { SheetTable } from '../../shared/forms/sheet';
import { initKiosk } from '../../electron/core/kiosk-setup';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { parseCli, parsePort } from '../parse-cli';
import { runWebKiosk } from '../web-kiosk';

export const FORMS_PREVIEW_USAGE = `Usage: quiosco forms preview NAME.xlsx|NAME.survey.csv [--port N]

Checks the form, then serves it in a temporary web kiosk on 127.0.0.1 (staff PIN 1234) and
prints "Quiosco kiosk: URL". Answers stay in the temporary kiosk, deleted on Ctrl+C.

Options:
  --port N      port (default 0: any free port)
  -h, --help    show this help`;

const PREVIEW_PIN = '1234';

export async function formsPreview(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli({
    args,
    options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) {
    io.out(FORMS_PREVIEW_USAGE);
    return EXIT_OK;
  }
  const [target, ...extra] = positionals;
  if (target === undefined || extra.length > 0)
    throw new UsageError('name one NAME.xlsx or NAME.survey.csv file');
  const port = parsePort(values.port);
  let loaded;
  let source;
  try {
    [source] = findFormSources(resolve(target));
    if (source === undefined) throw new FormFileError(target, 'not a form');
    loaded = await loadFormSource(source);
  } catch (e) {
    if (!(e instanceof FormFileError)) throw e;
    io.err(`FAIL ${e.message}`);
    return EXIT_FAILURE;
  }
  for (const warning of loaded.warnings) io.out(`WARN ${warning.message}`);

  const root = mkdtempSync(join(tmpdir(), 'quiosco-preview-'));
  try {
    const formsDir = join(root, 'forms');
    mkdirSync(formsDir);
    const trio = (sheet: string): string => join(formsDir, `${loaded.definition.formId}.${sheet}.csv`);
    if (source.kind === 'csv') {
      for (const sheet of ['survey', 'choices', 'settings'] as const) {
        if (existsSync(source.files[sheet])) copyFileSync(source.files[sheet], trio(sheet));
      }
    } else {
      const tables = await readXlsxTables(readFileSync(source.file), basename(source.file));
      writeFileSync(trio('survey'), toCsv(tables.survey));
      writeFileSync(trio('choices'), toCsv(tables.choices ?? []));
      writeFileSync(trio('settings'), toCsv(tables.settings ?? []));
    }
    // The form's images, already checked, beside the copy: the preview shows them as a kiosk would.
    const mediaDir = join(formsDir, `${loaded.definition.formId}-media`);
    mkdirSync(mediaDir);
    for (const { name, bytes } of loaded.media.files) writeFileSync(join(mediaDir, name), bytes);
    const dataDir = join(root, 'kiosk');
    await initKiosk({ dataDir, formsDir, defaultPin: PREVIEW_PIN });
    return await runWebKiosk({ dataDir, port, io });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** A sheet table back to CSV text, quoting what needs it. */
function toCsv(table: SheetTable): string {
  const quote = (field: string): string =>
    /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
  return table.map((record) => record.fields.map(quote).join(',')).join('\n');
}
