// Puts the demo plan on the server the way real kiosks do: each demo kiosk is enrolled with a
// one-time code and assigned its forms, then pushes its outbox through the server's own push
// (answers checked against the form, received time, device sequence), so an export cannot tell
// demo records from synced ones. Running it again adds nothing: the kiosks' ids and records come
// from the seed, and a kiosk's pushes already stored are skipped. The heritage records' photos are
// drawn from the seed too and stored as complete attachments after the records that name them.
import packageJson from '../../package.json' with { type: 'json' };
import type { FormDefinition } from '../../shared/forms/form-definition';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { audit } from '../../sync-server/console/audit';
import type { ServerDb } from '../../sync-server/db/server-database';
import { enrolDevice } from '../../sync-server/devices/devices-store';
import { assignKiosk, issueEnrolCode } from '../../sync-server/devices/kiosk-setup';
import { eventFormDefinitions, requireEvent } from '../../sync-server/events/events-store';
import { FormCache } from '../../sync-server/sync/form-cache';
import { applyPush } from '../../sync-server/sync/push';
import { CliFailure } from '../cli-io';
import { cliActor } from '../commands/cli-actor';
import { DEMO_FORMS, planDemoData, type DemoKiosk } from './demo-plan';
import { demoPhoto, storeDemoPhoto } from './demo-photos';

export const DEMO_DATA_DEFAULTS = { count: 300, seed: 1 } as const;

export type DemoDataOptions = { eventId: string; count: number; seed: number };

export type DemoDataResult = {
  /** Records per form id, in form id order. */
  counts: Map<string, number>;
  kiosks: number;
  /** Records stored by this run; 0 when the same data was loaded before. */
  added: number;
  /** Photos the records name, and how many this run stored. */
  photos: number;
  photosAdded: number;
};

const SEEN = { appVersion: `quiosco-demo-data/${packageJson.version}`, protocolVersion: PROTOCOL_VERSION };

export async function loadDemoData(s: ServerDb, options: DemoDataOptions): Promise<DemoDataResult> {
  await requireEvent(s.db, options.eventId);
  const definitions = newestVersions(await eventFormDefinitions(s.db, options.eventId));
  if (!definitions.some((d) => DEMO_FORMS[d.formId] !== undefined)) {
    throw new CliFailure(
      `event ${options.eventId} has none of the demo forms (${Object.keys(DEMO_FORMS).join(', ')}): ` +
        `attach them first with "quiosco admin form add --event ${options.eventId} demo/forms"`,
    );
  }
  const plan = planDemoData({ ...options, definitions });
  const done = await storedSoFar(s, plan.kiosks, options);
  const forms = new FormCache();
  let added = 0;
  for (const kiosk of plan.kiosks) {
    const stored = done.get(kiosk.id);
    if (stored === undefined) await enrol(s, kiosk, options.eventId);
    let remaining = kiosk.records.length - (stored ?? 0);
    for (const push of kiosk.pushes) {
      const changes = push.records
        .filter((r) => r.seq > (stored ?? 0))
        .map(({ seq, payload }) => ({ seq, kind: 'submission' as const, id: payload.id, payload }));
      if (changes.length === 0) continue;
      remaining -= changes.length;
      const device = await s.db
        .selectFrom('devices')
        .selectAll()
        .where('id', '=', kiosk.id)
        .executeTakeFirstOrThrow();
      const body = { deviceId: kiosk.id, changes, backlog: remaining };
      const result = await applyPush(s, forms, device, body, { ...SEEN, backlog: remaining }, push.at);
      const [refused] = result.rejected;
      if (refused !== undefined) {
        throw new CliFailure(`the server refused demo record ${refused.id}: ${refused.message}`);
      }
      added += changes.length;
    }
  }
  // Uploaded once the records are in, as a field tablet does.
  const uploadedAt = new Date(
    Math.max(0, ...plan.kiosks.flatMap((k) => k.pushes.map((p) => p.at.getTime()))),
  );
  let photosAdded = 0;
  for (const [name, seed] of plan.photos) {
    if (await storeDemoPhoto(s, name, demoPhoto(seed), uploadedAt)) photosAdded++;
  }
  // One entry for the whole load, by counts (demo records are made up, but the log says what
  // put them there); a run that adds nothing writes none, as an unchanged set-up change.
  if (added + photosAdded > 0) {
    const detail = {
      eventId: options.eventId,
      kiosks: plan.kiosks.length,
      records: added,
      photos: photosAdded,
    };
    await audit(s, { actor: cliActor(), action: 'demo_data_loaded', detail });
  }
  return { counts: plan.counts, kiosks: plan.kiosks.length, added, photos: plan.photos.size, photosAdded };
}

/** The newest attached version of each form (eventFormDefinitions lists them oldest first). */
function newestVersions(definitions: FormDefinition[]): FormDefinition[] {
  return [...new Map(definitions.map((d) => [d.formId, d])).values()];
}

/**
 * How many of each demo kiosk's records the server holds (kiosks not enrolled yet are absent).
 * They must be the first ones the plan gives that kiosk: otherwise the data came from another
 * --count, and adding this plan's records would mix two sets.
 */
async function storedSoFar(
  s: ServerDb,
  kiosks: DemoKiosk[],
  options: DemoDataOptions,
): Promise<Map<string, number>> {
  const stored = new Map<string, number>();
  for (const kiosk of kiosks) {
    const device = await s.db
      .selectFrom('devices')
      .select('last_seq')
      .where('id', '=', kiosk.id)
      .executeTakeFirst();
    if (device === undefined) continue;
    const ids = await s.db
      .selectFrom('submissions')
      .select('id')
      .where('device_id', '=', kiosk.id)
      .orderBy('device_seq')
      .execute();
    const planned = kiosk.records.map((r) => r.payload.id);
    if (ids.length !== Number(device.last_seq) || ids.some((row, i) => row.id !== planned[i])) {
      throw new CliFailure(
        `event ${options.eventId} already has demo data of seed ${options.seed} made with another --count: ` +
          'run again with that --count (it adds nothing), or choose another --seed to add a second set',
      );
    }
    stored.set(kiosk.id, ids.length);
  }
  return stored;
}

/**
 * As a coordinator sets up a kiosk: a one-time code, enrolment with it, then its forms; the code
 * and the forms audited as the console's are. The kiosk is enrolled at the plan's time, as its
 * records are pushed at theirs; the entries are written at the real time, as every entry is.
 */
async function enrol(s: ServerDb, kiosk: DemoKiosk, eventId: string): Promise<void> {
  const actor = cliActor();
  const { code } = await issueEnrolCode(s, { eventId }, actor);
  await enrolDevice(s, { code, deviceId: kiosk.id, deviceName: kiosk.name }, kiosk.enrolledAt);
  await assignKiosk(s, kiosk.id, { eventId, offeredForms: kiosk.offeredForms }, actor);
}

/** "300 encuesta_impacto_economico, 100 registro_visitantes and 10 patrimonio_inmaterial records" */
export function describeCounts(counts: Map<string, number>): string {
  const parts = [...counts].map(([formId, n]) => `${n.toLocaleString('en')} ${formId}`);
  const listed = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts.join('');
  return `${listed} records`;
}

/**
 * For the demo (`quiosco start`): the default demo data, loaded only while the event has no
 * records at all, so it is there the first time and never mixed into what kiosks synced later.
 * Answers the line to show, or undefined when nothing was loaded.
 */
export async function loadDemoDataOnce(s: ServerDb, eventId: string): Promise<string | undefined> {
  const any = await s.db
    .selectFrom('submissions')
    .select('id')
    .where('event_id', '=', eventId)
    .limit(1)
    .execute();
  if (any.length > 0) return undefined;
  const result = await loadDemoData(s, { eventId, ...DEMO_DATA_DEFAULTS });
  return `Demo data for exports: ${describeCounts(result.counts)} from ${result.kiosks} demo kiosks (see "For statisticians" in README.md)`;
}
