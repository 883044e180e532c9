// The demo's sync server: SQLite beside the demo kiosk, one event with the demo forms, and the
// demo kiosk enrolled in it, so `npm start` shows sync working with nothing to set up. Set up
// through the functions the console and `quiosco admin` use, so the audit log shows it as theirs.
import { loadForms } from '../electron/core/forms/form-files';
import { openKioskCore } from '../electron/core/kiosk-core';
import type { OfferedForm } from '../shared/kiosk/kiosk-settings';
import type { ServerDb } from '../sync-server/db/server-database';
import { assignKiosk, issueEnrolCode } from '../sync-server/devices/kiosk-setup';
import { setUpEvent } from '../sync-server/events/event-setup';
import { listEvents } from '../sync-server/events/events-store';
import { attachForm } from '../sync-server/events/form-upload';
import { startSyncServer, type SyncServer } from '../sync-server/server';
import { cliActor } from './commands/cli-actor';

export const DEMO_EVENT = { id: 'demo', name: 'Feria demo' };

/** The kiosk offers the visitor forms; the heritage record is for field staff. */
const DEMO_OFFERED: OfferedForm[] = [
  { formId: 'registro_visitantes', onIdle: 'discard' },
  { formId: 'encuesta_impacto_economico', onIdle: 'keep' },
];

export async function startDemoServer(opts: {
  dataDir: string;
  port: number;
  formsDir: string;
}): Promise<SyncServer> {
  const server = await startSyncServer({
    database: { kind: 'sqlite', dataDir: opts.dataDir },
    host: '127.0.0.1',
    port: opts.port,
    logLevel: 'warn',
    // As `quiosco server`: the demo kiosks seal their USB bundles to the key in its database.
    keptBundleKey: { legacyDir: opts.dataDir },
  });
  try {
    await prepareDemoEvent(server.db, opts.formsDir);
    return server;
  } catch (e) {
    await server.close();
    throw e;
  }
}

/**
 * The demo event (the first time) and the demo forms, audited under the CLI actor. A later start
 * attaches the same forms again: attachForm answers "unchanged" and audits nothing (changed
 * content under the same version is refused).
 */
export async function prepareDemoEvent(s: ServerDb, formsDir: string): Promise<void> {
  const actor = cliActor();
  if (!(await listEvents(s)).some((event) => event.id === DEMO_EVENT.id))
    await setUpEvent(s, DEMO_EVENT, actor);
  for (const { definition } of loadForms(formsDir)) await attachForm(s, DEMO_EVENT.id, definition, [], actor);
}

/**
 * Enrols the demo kiosk with the demo server unless it already is, through the staff API as
 * staff would. Returns a line for the person starting the demo.
 */
export async function enrolDemoKiosk(opts: {
  kioskDir: string;
  pin: string;
  server: SyncServer;
  /** How the lines returned name the kiosk. */
  label?: string;
}): Promise<string> {
  const label = opts.label ?? 'Demo kiosk';
  const core = openKioskCore({ dataDir: opts.kioskDir, sync: { auto: false } });
  try {
    const unlocked = await core.call('staff:unlock', { pin: opts.pin });
    if (!unlocked.ok)
      return `${label} not enrolled (${unlocked.error.message}); enrol it from the staff screen.`;
    const { token } = unlocked.value;
    const status = await core.call('staff:status', { token });
    if (status.ok && status.value.sync.enrolled && !status.value.sync.revoked) {
      return `${label} enrolled with ${status.value.sync.serverUrl ?? opts.server.url}`;
    }
    const actor = cliActor();
    const { code } = await issueEnrolCode(opts.server.db, { eventId: DEMO_EVENT.id }, actor);
    const enrolled = await core.call('staff:enrol', { token, serverUrl: opts.server.url, code });
    if (!enrolled.ok) return `${label} not enrolled: ${enrolled.error.message}`;
    if (enrolled.value.lastError) return `${label} not enrolled: ${enrolled.value.lastError.message}`;
    const assignment = { eventId: DEMO_EVENT.id, offeredForms: DEMO_OFFERED };
    await assignKiosk(opts.server.db, core.deviceId, assignment, actor);
    await core.syncNow();
    return `${label} enrolled with ${opts.server.url}`;
  } finally {
    core.close();
  }
}
