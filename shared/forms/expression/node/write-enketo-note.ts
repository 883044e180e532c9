// Rewrites docs/xlsform-expressions.md: `npx tsx shared/forms/expression/node/write-enketo-note.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { fileURLToPath } from 'node:url';
import type { EnketoFile } from '../enketo-corpus';
import { agreementPercent, measureAgreement, renderNote, type Agreement } from '../enketo-disagreements';

export const CORPUS = fileURLToPath(
  new URL('../../../../../shared/xlsform-corpus/expressions/enketo-cases.json', import.meta.url),
);
export const NOTE = fileURLToPath(new URL('../../../../docs/xlsform-expressions.md', import.meta.url));

export function readCorpus(): EnketoFile {
  return JSON.parse(readFileSync(CORPUS, 'utf8')) as EnketoFile;
}

/** The note as `npm run lint` wants it: prettier's markdown, so the check and the file agree. */
export async function formattedNote(agreement: Agreement): Promise<string> {
  const options = await resolveConfig(NOTE);
  return format(renderNote(agreement), { ...options, parser: 'markdown' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const agreement = measureAgreement(readCorpus());
  writeFileSync(NOTE, await formattedNote(agreement));
  console.log(
    `Enketo cases without XML navigation: ${agreement.applicable - agreement.disagreements.length} of ${agreement.applicable} agree (${agreementPercent(agreement)} %); ${NOTE} written`,
  );
}
