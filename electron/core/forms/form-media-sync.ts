// Pulled forms' images: each one a form change lists is fetched by hash, checked against its hash,
// size and type, and installed in its version's folder before the page that holds the form is applied. A failure fails the
// round before the form is installed, so a form is never offered without its images; the next
// round fetches again.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PullChange } from '../../../shared/sync/protocol';
import { NameSchema } from '../../../shared/forms/form-definition';
import { SyncFailure } from '../sync/sync-failure';
import type { SyncClient } from '../sync/sync-client';
import {
  checkFormMedia,
  installFormMedia,
  mediaType,
  versionMediaDir,
} from '../../../shared/forms/node/form-media';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

export async function fetchFormMedia(
  client: Pick<SyncClient, 'getFormMedia'>,
  dataDir: string,
  changes: readonly PullChange[],
): Promise<void> {
  for (const change of changes) {
    if (change.kind !== 'form') continue;
    const formId = NameSchema.parse(change.payload.definition.formId);
    const dir = versionMediaDir(dataDir, formId, change.payload.definition.version);
    for (const ref of change.payload.media ?? []) {
      if (installedHash(dir, ref.name, ref.size) === ref.sha256) continue;
      const bytes = await client.getFormMedia(ref.sha256);
      const fault =
        sha256(bytes) !== ref.sha256 || bytes.length !== ref.size
          ? 'its bytes are not the ones the form lists'
          : checkFormMedia(ref.name, bytes);
      if (fault !== undefined) {
        throw new SyncFailure(
          'invalid_response',
          `form ${formId} media file ${JSON.stringify(ref.name)} from the server: ${fault}`,
        );
      }
      installFormMedia(dataDir, formId, change.payload.definition.version, [{ name: ref.name, bytes }]);
    }
  }
}

/** The hash of the installed file when it has the listed size, so one already there is not fetched again. */
function installedHash(dir: string, name: string, size: number): string | undefined {
  if (mediaType(name) === undefined) return undefined;
  const file = join(dir, name);
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat?.isFile() === true && stat.size === size ? sha256(readFileSync(file)) : undefined;
}
