// The console's view of an event's forms: every version with how many records were made with it,
// and which kiosk runs which version: the version of the newest record each kiosk made of the
// form (kiosks that offer it and have sent none yet show no version).
import type { ConsoleForm } from '../../shared/console/setup-api';
import type { ServerDb } from '../db/server-database';
import { listDevices } from '../devices/devices-store';
import { listForms } from './events-store';

export async function formsOverview(s: ServerDb, eventId: string): Promise<ConsoleForm[]> {
  const forms = await listForms(s.db, eventId);
  const [counts, newest, devices] = await Promise.all([
    s.db
      .selectFrom('submissions')
      .select((eb) => ['form_id', 'form_version', eb.fn.countAll<number>().as('n')])
      .where('event_id', '=', eventId)
      .groupBy(['form_id', 'form_version'])
      .execute(),
    s.db
      .selectFrom('submissions')
      .innerJoin('devices', 'devices.id', 'submissions.device_id')
      .select((eb) => [
        'submissions.device_id',
        'devices.name',
        'submissions.form_id',
        'submissions.form_version',
        eb.fn.max('submissions.created_at').as('at'),
      ])
      .where('submissions.event_id', '=', eventId)
      .groupBy(['submissions.device_id', 'devices.name', 'submissions.form_id', 'submissions.form_version'])
      .execute(),
    listDevices(s, { eventId }),
  ]);
  const recordsOf = new Map(counts.map((c) => [`${c.form_id}@${c.form_version}`, Number(c.n)]));
  const byForm = new Map<string, ConsoleForm>();
  for (const f of forms) {
    const form = byForm.get(f.formId) ?? { formId: f.formId, versions: [], kiosks: [] };
    const { version, kind, title, createdAt } = f;
    form.versions.push({
      version,
      kind,
      title,
      createdAt,
      records: recordsOf.get(`${f.formId}@${version}`) ?? 0,
    });
    byForm.set(f.formId, form);
  }
  for (const row of newest) {
    const kiosks = byForm.get(row.form_id)?.kiosks;
    const at = String(row.at);
    const seen = kiosks?.find((k) => k.deviceId === row.device_id);
    if (seen === undefined) {
      kiosks?.push({ deviceId: row.device_id, name: row.name, version: row.form_version, lastRecordAt: at });
    } else if (seen.lastRecordAt === null || at > seen.lastRecordAt) {
      Object.assign(seen, { version: row.form_version, lastRecordAt: at });
    }
  }
  for (const device of devices.filter((d) => d.revokedAt === null)) {
    for (const offered of device.offeredForms) {
      const kiosks = byForm.get(offered.formId)?.kiosks;
      if (kiosks !== undefined && !kiosks.some((k) => k.deviceId === device.id)) {
        kiosks.push({ deviceId: device.id, name: device.name, version: null, lastRecordAt: null });
      }
    }
  }
  for (const form of byForm.values()) form.kiosks.sort((a, b) => a.name.localeCompare(b.name));
  return [...byForm.values()];
}
