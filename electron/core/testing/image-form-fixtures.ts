// A form whose one question's choices are its images, installed from its folder as
// `quiosco kiosk init --forms` does: the form-media tests install versions of it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initKiosk } from '../kiosk-setup';
import { TEST_PIN } from './kiosk-fixtures';

export type ImageFormVersion = { version: string; images: Readonly<Record<string, Buffer>> };

/**
 * Writes FORM_ID version `v` under `workDir` (question `f`, a choice per image named after its
 * file) with its images in FORM_ID-media/, and installs it into the kiosk at `dataDir`.
 */
export async function installImageForm(
  workDir: string,
  dataDir: string,
  formId: string,
  v: ImageFormVersion,
): Promise<void> {
  const forms = join(workDir, `forms-${formId}-${v.version}`);
  mkdirSync(join(forms, `${formId}-media`), { recursive: true });
  const choices = Object.keys(v.images).map((name) => `f,${name.split('.')[0]},${name},${name}`);
  writeFileSync(join(forms, `${formId}.survey.csv`), `type,name,label\nselect_one f,f,${formId}\n`);
  writeFileSync(
    join(forms, `${formId}.choices.csv`),
    `list_name,name,label,media::image\n${choices.join('\n')}\n`,
  );
  writeFileSync(
    join(forms, `${formId}.settings.csv`),
    `form_id,version,form_title\n${formId},${v.version},${formId}\n`,
  );
  for (const [name, bytes] of Object.entries(v.images))
    writeFileSync(join(forms, `${formId}-media`, name), bytes);
  await initKiosk({ dataDir, formsDir: forms, pin: TEST_PIN });
}
