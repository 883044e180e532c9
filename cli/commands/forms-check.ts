import { resolve } from 'node:path';
import { findFormFiles, FormFileError, loadForm } from '../../electron/core/forms/form-files';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { parseCli } from '../parse-cli';

export const FORMS_CHECK_USAGE = `Usage: quiosco forms check DIR|NAME.survey.csv

Reads and compiles XLSForm sheets saved as CSV (NAME.survey.csv with NAME.choices.csv and
NAME.settings.csv beside it): every form in DIR, or the one named. Prints OK per form, or the
file, row and column at fault; exits with 1 if any form is refused.

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
  if (target === undefined) throw new UsageError('name a directory or a NAME.survey.csv file to check');
  if (extra.length > 0) throw new UsageError(`one path at a time (got ${positionals.length})`);

  let trios;
  try {
    trios = findFormFiles(resolve(target));
  } catch (e) {
    if (!(e instanceof FormFileError)) throw e;
    io.err(e.message);
    return EXIT_FAILURE;
  }
  if (trios.length === 0) {
    io.err(`${target}: no NAME.survey.csv files here`);
    return EXIT_FAILURE;
  }
  let failed = 0;
  for (const files of trios) {
    try {
      const { definition: d } = loadForm(files);
      io.out(`OK ${files.survey}: ${d.formId} version ${d.version} (${d.kind})`);
    } catch (e) {
      if (!(e instanceof FormFileError)) throw e;
      failed++;
      io.err(`FAIL ${e.message}`);
    }
  }
  return failed === 0 ? EXIT_OK : EXIT_FAILURE;
}
