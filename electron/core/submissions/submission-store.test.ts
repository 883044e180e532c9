import { validate as isUuid, version as uuidVersion } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { KioskCore } from '../kiosk-core';
import {
  countRows,
  FORM_VERSION,
  makeTempDir,
  NEVER_SYNCED,
  openTestKiosk,
  readSubmission,
  REGISTRATION_ANSWERS,
  SURVEY_ANSWERS,
  surveySave,
  TEST_PIN,
} from '../testing/kiosk-fixtures';

let dir: ReturnType<typeof makeTempDir>;
let core: KioskCore;
afterEach(() => {
  core.close();
  dir.remove();
});

let clock: Date;
const open = async () => {
  clock = new Date(2026, 10, 20, 12, 0, 0);
  dir = makeTempDir();
  core = await openTestKiosk(dir.path, { now: () => clock });
};

async function save(input: unknown): Promise<ChannelOutput<'submission:save'>> {
  const result = await core.dispatch('submission:save', input);
  if (!result.ok) throw new Error(`save failed: ${result.error.code} ${result.error.message}`);
  return result.value as ChannelOutput<'submission:save'>;
}

describe('saving a submission', () => {
  it('stores a valid survey under a UUIDv7 id with its outbox row, in one go', async () => {
    await open();
    const saved = await save(surveySave());
    expect(isUuid(saved.id) && uuidVersion(saved.id)).toBe(7);
    expect(saved).toEqual({ id: saved.id, passId: null, savedAt: clock.toISOString() });

    const { submission, outbox } = readSubmission(dir.path, saved.id);
    const answers = { ...SURVEY_ANSWERS, gasto_total: 1550.5 };
    expect(JSON.parse(String(submission?.answers))).toEqual(answers);
    expect(submission).toEqual({
      id: saved.id,
      form_id: 'encuesta_impacto_economico',
      form_version: FORM_VERSION,
      device_id: core.deviceId,
      event_id: 'demo',
      language: 'es',
      complete: 1,
      answers: expect.any(String),
      pass_id: null,
      privacy_notice_version: null,
      started_at: '2026-11-20T16:00:00.000Z',
      created_at: clock.toISOString(),
      // A visitor response is its own record, at revision 1.
      record_id: saved.id,
      revision: 1,
      parents: '[]',
      edited_by: null,
      current: 1,
    });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      seq: 1,
      entity_kind: 'submission',
      entity_id: saved.id,
      acked_at: null,
      created_at: clock.toISOString(),
    });
    const payload = JSON.parse(String(outbox[0]?.payload));
    expect(payload).toMatchObject({ id: saved.id, deviceId: core.deviceId, answers, complete: true });
    // Exactly as before field records: no revision fields on a visitor response.
    expect(['recordId', 'revision', 'parents', 'editedBy'].filter((key) => key in payload)).toEqual([]);
  });

  it('gives a complete registration a pass id (its own id) and records the privacy notice version', async () => {
    await open();
    const saved = await save({ ...surveySave(REGISTRATION_ANSWERS), formId: 'registro_visitantes' });
    expect(saved.passId).toBe(saved.id);
    const { submission } = readSubmission(dir.path, saved.id);
    expect(submission).toMatchObject({ pass_id: saved.id, privacy_notice_version: '2026-11', complete: 1 });
  });

  it('drops answers to questions the visitor skipped', async () => {
    await open();
    const saved = await save(surveySave({ ...SURVEY_ANSWERS, noches: 3, hospedaje: 'hotel' }));
    const stored = JSON.parse(String(readSubmission(dir.path, saved.id).submission?.answers));
    expect(stored).not.toHaveProperty('noches');
    expect(stored).not.toHaveProperty('hospedaje');
  });

  it('refuses answers the form rejects with the issues, and writes nothing', async () => {
    await open();
    const before = countRows(dir.path);
    const { pais: _pais, ...withoutCountry } = SURVEY_ANSWERS;
    const result = await core.dispatch('submission:save', surveySave({ ...withoutCountry, tamano_grupo: 0 }));
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'answers_invalid',
        message: '2 answer(s) do not satisfy the form: pais (required), tamano_grupo (constraint)',
        details: {
          issues: [
            {
              path: 'pais',
              code: 'required',
              message: { es: 'Esta pregunta es obligatoria', en: 'This question is required' },
            },
            {
              path: 'tamano_grupo',
              code: 'constraint',
              message: { es: 'Escriba un número entre 1 y 60', en: 'Enter a number between 1 and 60' },
            },
          ],
        },
      },
    });
    expect(countRows(dir.path)).toEqual(before);
  });

  it('keeps the partial answers of an incomplete response, without a pass', async () => {
    await open();
    const saved = await save({ ...surveySave({ acepta: 'si', pais: 'us' }, false) });
    const { submission, outbox } = readSubmission(dir.path, saved.id);
    expect(submission).toMatchObject({ complete: 0 });
    expect(JSON.parse(String(submission?.answers))).toEqual({ acepta: 'si', pais: 'us', gasto_total: 0 });
    expect(outbox).toHaveLength(1);

    const registration = await save({
      ...surveySave({ acepta_aviso: 'si' }, false),
      formId: 'registro_visitantes',
    });
    expect(registration.passId).toBeNull();
  });

  it('refuses a form version that is not installed', async () => {
    await open();
    const result = await core.dispatch('submission:save', { ...surveySave(), formVersion: '1999' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'form_not_found',
        message: 'Form encuesta_impacto_economico version 1999 is not installed on this kiosk',
        details: { formId: 'encuesta_impacto_economico', formVersion: '1999' },
      },
    });
    expect(countRows(dir.path)).toEqual({ submissions: 0, outbox: 0 });
  });

  it('numbers outbox rows without gaps, even around refused saves', async () => {
    await open();
    const first = await save(surveySave());
    await core.dispatch('submission:save', surveySave({ acepta: 'tal vez' }));
    const second = await save(surveySave());
    expect(readSubmission(dir.path, first.id).outbox[0]?.seq).toBe(1);
    expect(readSubmission(dir.path, second.id).outbox[0]?.seq).toBe(2);
  });

  it('counts what was saved today (local day) and in all for staff', async () => {
    await open();
    clock = new Date(2026, 10, 19, 23, 59, 0);
    await save(surveySave());
    clock = new Date(2026, 10, 20, 0, 1, 0);
    await save(surveySave());
    await save(surveySave({ acepta: 'no' }));
    const unlocked = await core.dispatch('staff:unlock', { pin: TEST_PIN });
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    const { token } = unlocked.value as ChannelOutput<'staff:unlock'>;
    expect(await core.dispatch('staff:status', { token })).toEqual({
      ok: true,
      value: {
        deviceId: core.deviceId,
        deviceName: expect.any(String),
        eventId: 'demo',
        // Never synced: the event's name has not come down yet (the screens show the id).
        eventName: null,
        savedToday: 2,
        savedTotal: 3,
        pendingSync: 3,
        photosWaiting: 0,
        sync: NEVER_SYNCED,
      },
    });
  });
});
