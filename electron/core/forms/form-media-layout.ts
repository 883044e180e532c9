// Images installed before each form version had its own folder lay at form-media/FORM/FILE, one
// file for every version naming it. At start each such file is copied into the folder of every
// installed version that names it and has no copy of its own yet, then removed. Copies come first,
// so a start cut off half-way leaves the old file for the next start to finish with.
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { NameSchema } from '../../../shared/forms/form-definition';
import { mediaFileNames } from '../../../shared/forms/media-uses';
import {
  checkFormMedia,
  formMediaDir,
  installFormMedia,
  mediaType,
  versionMediaDir,
} from '../../../shared/forms/node/form-media';
import type { KioskDb } from '../db/migrate';
import { dirEntries as entries } from './form-media-prune';
import type { FormStore } from './form-store';

/** Moves old-layout images into their versions' folders; answers how many old files it moved. */
export function moveOldFormMedia(dataDir: string, db: KioskDb, forms: Pick<FormStore, 'get'>): number {
  const versionsOf = db.prepare<[string], { version: string }>(
    'SELECT version FROM forms WHERE form_id = ? ORDER BY rowid',
  );
  const root = formMediaDir(dataDir);
  let moved = 0;
  for (const formId of entries(root)) {
    if (!NameSchema.safeParse(formId).success) continue;
    const old = entries(join(root, formId)).filter(
      (name) => mediaType(name) !== undefined && statSync(join(root, formId, name)).isFile(),
    );
    if (old.length === 0) continue;
    const versions = versionsOf.all(formId).map(({ version }) => {
      const definition = forms.get(formId, version)?.definition;
      return { version, names: new Set(definition === undefined ? [] : mediaFileNames(definition)) };
    });
    for (const name of old) {
      const file = join(root, formId, name);
      const bytes = readFileSync(file);
      // Checked at install; one damaged since is dropped rather than copied (it would fail each start).
      const fit = checkFormMedia(name, bytes) === undefined;
      for (const { version, names } of versions) {
        // A version installed by `kiosk init` since the upgrade has its own picture: that one is right.
        const own = join(versionMediaDir(dataDir, formId, version), name);
        if (fit && names.has(name) && !existsSync(own))
          installFormMedia(dataDir, formId, version, [{ name, bytes }]);
      }
      rmSync(file);
      moved++;
    }
  }
  return moved;
}
