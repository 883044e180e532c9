// Pull: pages of changes after the saved cursor until the server has no more, each page applied
// together with its cursor. An interrupted pull (even the very first, with every form) resumes
// from the last page it saved.
import { DEFAULT_PULL_LIMIT } from '../../../shared/sync/protocol';
import type { KioskSettings } from '../../../shared/kiosk/kiosk-settings';
import { applyPulledPage, type ApplyContext } from './apply-pull';
import type { SyncClient } from './sync-client';
import { SyncFailure } from './sync-failure';
import { readPullCursor } from './sync-state';

export type PullOptions = Omit<ApplyContext, 'now'> & {
  now: () => Date;
  limit?: number | undefined;
  /** Called with the new settings each time a page changed them. */
  onSettings(settings: KioskSettings): void;
  /** Called with the form versions the kiosk kept its own definition of. */
  onConflicts(changeIds: string[]): void;
};

export async function pullChanges(client: SyncClient, options: PullOptions): Promise<void> {
  const limit = options.limit ?? DEFAULT_PULL_LIMIT;
  let cursor = readPullCursor(options.db);
  for (;;) {
    const page = await client.pull(cursor, limit);
    if (page.cursor < cursor || (page.hasMore && page.cursor === cursor)) {
      throw new SyncFailure(
        'invalid_response',
        `the server answered cursor ${page.cursor} (hasMore ${page.hasMore}) to a pull from ${cursor}`,
      );
    }
    const applied = applyPulledPage({ ...options, now: options.now() }, page);
    // Enrolled again meanwhile: the next round pulls for the new enrolment.
    if (!applied.saved) return;
    if (applied.settings !== undefined) options.onSettings(applied.settings);
    if (applied.conflicts.length > 0) options.onConflicts(applied.conflicts);
    cursor = page.cursor;
    if (!page.hasMore) return;
  }
}
