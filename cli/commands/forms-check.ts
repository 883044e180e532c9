import { resolve } from 'node:path';
import { findFormSources, FormFileError, loadFormSource } from '../../electron/core/forms/form-files';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { parseCli } from '../parse-cli';

export const FORMS_CHECK_USAGE = `Usage: quiosco forms check DIR|NAME.xlsx|NAME.survey.csv
       quiosco forms preview NAME.xlsx|NAME.survey.csv [--port N]   (see quiosco forms preview --help)

Reads and compiles XLSForms: workbooks (NAME.xlsx) and sheets saved as CSV (NAME.survey.csv with
NAME.choices.csv and NAME.settings.csv beside it); every form in DIR, or the one named. CSV files
that select_one_from_file questions name are read from beside the form or from NAME-media/.
Prints OK per form, then what the kiosk ignores (WARN, with its cell, e.g. settings!E2), or the
cell at fault (survey!C14); exits with 1 if any form is refused.

Options:
  -h, --help    show this help`;

export async function formsCheck(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli({
    args,
    options: { help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) {
    io.out(FORMS_CHECK_USAGE);
    return EXIT_OK;
  }
  const [target, ...extra] = positionals;
  if (target === undefined)
    throw new UsageError('name a directory, a NAME.xlsx or a NAME.survey.csv file to check');
  if (extra.length > 0) throw new UsageError(`one path at a time (got ${positionals.length})`);

  let sources;
  try {
    sources = findFormSources(resolve(target));
  } catch (e) {
    if (!(e instanceof FormFileError)) throw e;
    io.err(e.message);
    return EXIT_FAILURE;
  }
  if (sources.length === 0) {
    io.err(`${target}: no NAME.xlsx or NAME.survey.csv files here`);
    return EXIT_FAILURE;
  }
  let failed = 0;
  for (const source of sources) {
    try {
      const { file, definition: d, warnings, media } = await loadFormSource(source);
      io.out(`OK ${file}: ${d.formId} version ${d.version} (${d.kind})`);
      for (const warning of warnings) io.out(`  WARN ${warning.message}`);
      for (const note of media.notes) io.out(`  WARN ${note}`);
    } catch (e) {
      if (!(e instanceof FormFileError)) throw e;
      failed++;
      io.err(`FAIL ${e.message}`);
    }
  }
  return failed === 0 ? EXIT_OK : EXIT_FAILURE;
}
