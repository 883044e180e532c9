// Pull: pages of one stream's changes after its saved cursor until the server has no more, each
// page applied together with its cursor. An interrupted pull (even the very first, with every
// form or half a million tickets) resumes from the last page it saved.
import { DEFAULT_PULL_LIMIT, type PullStream } from '../../../shared/sync/protocol';
import { rememberServerBundleKey } from '../bundle/server-key-store';
import type { KioskDb } from '../db/migrate';
import type { PulledPage } from './apply-pull';
import type { SyncClient } from './sync-client';
import { SyncFailure } from './sync-failure';
import { readPullCursor } from './sync-state';

export type PullOptions = {
  db: KioskDb;
  stream: PullStream;
  limit?: number | undefined;
  /**
   * Applies a page with its cursor in one transaction; false when nothing was saved (enrolled
   * again). It may first fetch what the page needs (form media): a failure there saves nothing.
   */
  apply(page: PulledPage): boolean | Promise<boolean>;
};

export async function pullChanges(client: SyncClient, options: PullOptions): Promise<void> {
  const { stream } = options;
  const limit = options.limit ?? DEFAULT_PULL_LIMIT;
  let cursor = readPullCursor(options.db, stream);
  for (;;) {
    const page = await client.pull(cursor, limit, stream);
    if (page.cursor < cursor || (page.hasMore && page.cursor === cursor)) {
      throw new SyncFailure(
        'invalid_response',
        `the server answered cursor ${page.cursor} (hasMore ${page.hasMore}) to a ${stream} pull from ${cursor}`,
      );
    }
    // Enrolled again meanwhile: the next round pulls for the new enrolment.
    if (!(await options.apply(page))) return;
    if (page.bundleKey !== undefined) rememberServerBundleKey(options.db, page.bundleKey);
    cursor = page.cursor;
    if (!page.hasMore) return;
  }
}
