// The store's staff flows: PIN, status, settings, sync, enrolment and refused records, against a
// scripted kiosk core.
import { describe, expect, it } from 'vitest';
import type { ChannelOutput, DeadLetter, SyncStatus } from '../../../shared/ipc/contract';
import { KioskSettingsSchema, type KioskSettings } from '../../../shared/kiosk/kiosk-settings';
import { NEVER_SYNCED } from '../../../shared/ipc/testing/sync-status';
import {
  ENROLLED,
  NOW,
  SETTINGS,
  STAFF_SESSION,
  TOKEN,
  readyStore,
  survey,
  type Handlers,
} from './testing/scripted-kiosk';

function staffStatus(pendingSync: number, sync: SyncStatus): ChannelOutput<'staff:status'> {
  return {
    deviceId: 'device-1',
    deviceName: SETTINGS.deviceName,
    eventId: SETTINGS.eventId,
    eventName: null,
    savedToday: 12,
    savedTotal: 40,
    pendingSync,
    photosWaiting: 0,
    sync,
  };
}

describe('staff', () => {
  const staffHandlers: Handlers = {
    ...STAFF_SESSION,
    'staff:status': () => ({ ok: true, value: staffStatus(7, NEVER_SYNCED) }),
    'staff:config': () => ({ ok: true, value: { settings: SETTINGS, availableForms: [] } }),
    'staff:exit': () => ({ ok: true, value: { exited: true } }),
  };

  it('refuses a wrong PIN with the core error and stays on the PIN pad', async () => {
    const { store } = await readyStore(staffHandlers);
    store.getState().openStaffPin();
    expect(await store.getState().unlockStaff('1111')).toEqual({
      code: 'pin_wrong',
      message: 'Wrong PIN',
      details: { attemptsLeft: 4 },
    });
    expect(store.getState()).toMatchObject({ screen: 'staff-pin', staff: { token: null } });
  });

  it('unlocks, loads counts and configuration, and locks again', async () => {
    const { store, calls } = await readyStore(staffHandlers);
    store.getState().openStaffPin();
    expect(await store.getState().unlockStaff('2468')).toBeNull();
    expect(store.getState()).toMatchObject({
      screen: 'staff',
      staff: { token: TOKEN, status: { savedToday: 12, pendingSync: 7 }, config: { settings: SETTINGS } },
    });
    expect(calls.filter((call) => call.channel === 'staff:status').map((call) => call.input)).toEqual([
      { token: TOKEN },
    ]);
    await store.getState().lockStaff();
    expect(store.getState()).toMatchObject({
      screen: 'attract',
      staff: { token: null, status: null, config: null },
    });
    expect(calls.at(-1)).toEqual({ channel: 'staff:lock', input: { token: TOKEN } });
  });

  it('sends staff back to the PIN pad when the session has expired', async () => {
    const { store } = await readyStore({
      ...staffHandlers,
      'staff:status': () => ({ ok: false, error: { code: 'staff_only', message: 'expired' } }),
    });
    store.getState().openStaffPin();
    expect(await store.getState().unlockStaff('2468')).toEqual({ code: 'staff_only', message: 'expired' });
    expect(store.getState()).toMatchObject({ screen: 'staff-pin', staff: { token: null } });
  });

  it('saves settings and reloads what the attract screen offers', async () => {
    let settings = SETTINGS;
    const { store, calls } = await readyStore({
      ...staffHandlers,
      'kiosk:bootstrap': () => ({ ok: true, value: { deviceId: 'device-1', settings, forms: [survey] } }),
      'staff:configure': (input) => {
        // As the core does: the schema fills in what the renderer left out.
        settings = KioskSettingsSchema.parse(input.settings);
        return { ok: true, value: { settings, availableForms: [] } };
      },
    });
    store.getState().openStaffPin();
    await store.getState().unlockStaff('2468');
    const changed: KioskSettings = {
      ...SETTINGS,
      offeredForms: [{ formId: 'encuesta_impacto_economico', onIdle: 'discard' }],
    };
    expect(await store.getState().configureKiosk(changed)).toBeNull();
    expect(calls.find((call) => call.channel === 'staff:configure')?.input).toEqual({
      token: TOKEN,
      settings: changed,
    });
    const { boot } = store.getState();
    expect(
      boot.status === 'ready' && boot.forms.map((form) => [form.definition.formId, form.onIdle]),
    ).toEqual([['encuesta_impacto_economico', 'discard']]);
  });

  it('ends kiosk mode', async () => {
    const { store } = await readyStore(staffHandlers);
    store.getState().openStaffPin();
    await store.getState().unlockStaff('2468');
    expect(await store.getState().exitKioskMode()).toBeNull();
    expect(store.getState()).toMatchObject({ screen: 'ended', staff: { token: null } });
  });

  it('locks a staff session on idle reset', async () => {
    const { store, calls } = await readyStore(staffHandlers);
    store.getState().openStaffPin();
    await store.getState().unlockStaff('2468');
    await store.getState().resetKiosk();
    expect(store.getState()).toMatchObject({ screen: 'attract', staff: { token: null } });
    expect(calls.at(-1)).toEqual({ channel: 'staff:lock', input: { token: TOKEN } });
  });

  it('syncs now, then shows the new sync status and fresh counts', async () => {
    let sync: SyncStatus = {
      ...ENROLLED,
      lastSuccessAt: null,
      lastError: { code: 'server_unreachable', message: 'ECONNREFUSED' },
    };
    let pending = 7;
    const { store, calls } = await readyStore({
      ...staffHandlers,
      'staff:status': () => ({ ok: true, value: staffStatus(pending, sync) }),
      'staff:sync-now': () => {
        sync = { ...ENROLLED, deadLetters: 1 };
        pending = 0;
        return { ok: true, value: sync };
      },
    });
    store.getState().openStaffPin();
    await store.getState().unlockStaff('2468');
    expect(store.getState().staff.status?.sync.lastError?.code).toBe('server_unreachable');
    const before = calls.length;
    expect(await store.getState().syncNow()).toEqual({ ok: true, value: { ...ENROLLED, deadLetters: 1 } });
    expect(store.getState().staff.status).toMatchObject({
      pendingSync: 0,
      sync: { lastSuccessAt: NOW.toISOString(), lastError: null, deadLetters: 1 },
    });
    expect(
      calls
        .slice(before)
        .map((call) => call.channel)
        .sort(),
    ).toEqual(['kiosk:bootstrap', 'staff:config', 'staff:status', 'staff:sync-now']);
    expect(calls[before]).toEqual({ channel: 'staff:sync-now', input: { token: TOKEN } });
  });

  it('enrols with what staff typed, then reloads the settings and forms the server sent', async () => {
    let sync = NEVER_SYNCED;
    let settings = SETTINGS;
    const { store, calls } = await readyStore({
      ...staffHandlers,
      'kiosk:bootstrap': () => ({ ok: true, value: { deviceId: 'device-1', settings, forms: [survey] } }),
      'staff:status': () => ({ ok: true, value: staffStatus(7, sync) }),
      'staff:enrol': () => {
        sync = ENROLLED;
        settings = {
          ...SETTINGS,
          deviceName: 'Entrada norte',
          offeredForms: [{ formId: 'encuesta_impacto_economico', onIdle: 'keep' }],
        };
        return { ok: true, value: sync };
      },
    });
    store.getState().openStaffPin();
    await store.getState().unlockStaff('2468');
    const request = { serverUrl: 'http://10.0.0.5:8080', code: 'ABCD-EFGH-JKMN' };
    expect(await store.getState().enrolKiosk(request)).toEqual({ ok: true, value: ENROLLED });
    expect(calls.find((call) => call.channel === 'staff:enrol')?.input).toEqual({ token: TOKEN, ...request });
    expect(store.getState().staff.status?.sync).toEqual(ENROLLED);
    const { boot } = store.getState();
    expect(
      boot.status === 'ready' && [boot.settings.deviceName, boot.forms.map((form) => form.onIdle)],
    ).toEqual(['Entrada norte', ['keep']]);
  });

  it('hands back an enrolment refusal as it came and reloads nothing', async () => {
    const refusal = {
      code: 'invalid_input' as const,
      message: 'staff:enrol: ✖ Invalid URL → at serverUrl',
      details: { issues: [{ path: 'serverUrl', message: 'Invalid URL' }] },
    };
    const { store, calls } = await readyStore({
      ...staffHandlers,
      'staff:enrol': () => ({ ok: false, error: refusal }),
    });
    store.getState().openStaffPin();
    await store.getState().unlockStaff('2468');
    const before = store.getState().staff;
    expect(await store.getState().enrolKiosk({ serverUrl: 'http://', code: 'ABCD' })).toEqual({
      ok: false,
      error: refusal,
    });
    expect(calls.at(-1)?.channel).toBe('staff:enrol');
    expect(store.getState().staff).toBe(before);
  });

  it('sends staff back to the PIN pad when the session expired before a sync', async () => {
    const { store } = await readyStore({
      ...staffHandlers,
      'staff:sync-now': () => ({ ok: false, error: { code: 'staff_only', message: 'expired' } }),
    });
    store.getState().openStaffPin();
    await store.getState().unlockStaff('2468');
    expect(await store.getState().syncNow()).toEqual({
      ok: false,
      error: { code: 'staff_only', message: 'expired' },
    });
    expect(store.getState()).toMatchObject({ screen: 'staff-pin', staff: { token: null } });
  });

  describe('refused records', () => {
    const letter = (seq: number, code: DeadLetter['code']): DeadLetter => ({
      seq,
      kind: 'submission',
      id: `0193a1b2-0000-7000-8000-00000000000${seq}`,
      code,
      message: `refused ${seq}`,
      rejectedAt: NOW.toISOString(),
    });

    /** A core holding these dead letters, which re-sending moves to the outbox. */
    function refusedKiosk(letters: DeadLetter[]): Handlers {
      let pending = 0;
      const sync = () => ({ ...ENROLLED, deadLetters: letters.length });
      return {
        ...staffHandlers,
        'staff:status': () => ({ ok: true, value: staffStatus(pending, sync()) }),
        'staff:sync-now': () => ({ ok: true, value: sync() }),
        'staff:dead-letters': () => ({
          ok: true,
          value: { deadLetters: [...letters].reverse(), total: letters.length },
        }),
        'staff:resend-dead-letters': ({ seqs }) => {
          const unknown = seqs.filter((seq) => !letters.some((l) => l.seq === seq));
          if (unknown.length > 0) {
            return {
              ok: false,
              error: {
                code: 'invalid_input',
                message: `seqs: no dead letter with seq ${unknown.join(', ')} (already re-sent, or never refused)`,
                details: { field: 'seqs', unknown },
              },
            };
          }
          pending += seqs.length;
          letters = letters.filter((l) => !seqs.includes(l.seq));
          return { ok: true, value: sync() };
        },
      };
    }

    it('lists them, sends chosen ones again, then shows the new status, counts and list', async () => {
      const { store, calls } = await readyStore(
        refusedKiosk([letter(2, 'unknown_form'), letter(5, 'event_not_assigned'), letter(9, 'conflict')]),
      );
      store.getState().openStaffPin();
      await store.getState().unlockStaff('2468');
      expect(store.getState().staff.deadLetters).toBeNull();
      expect(await store.getState().loadDeadLetters()).toBeNull();
      expect(store.getState().staff.deadLetters).toEqual({
        deadLetters: [letter(9, 'conflict'), letter(5, 'event_not_assigned'), letter(2, 'unknown_form')],
        total: 3,
      });
      expect(calls.at(-1)).toEqual({ channel: 'staff:dead-letters', input: { token: TOKEN } });

      const before = calls.length;
      expect(await store.getState().resendDeadLetters([9, 2])).toEqual({
        ok: true,
        value: { ...ENROLLED, deadLetters: 1 },
      });
      expect(calls[before]).toEqual({
        channel: 'staff:resend-dead-letters',
        input: { token: TOKEN, seqs: [9, 2] },
      });
      expect(store.getState().staff).toMatchObject({
        status: { pendingSync: 2, sync: { deadLetters: 1 } },
        deadLetters: { deadLetters: [letter(5, 'event_not_assigned')], total: 1 },
      });
    });

    it('hands back a refusal of seqs that are no dead letters as it came, and reloads nothing', async () => {
      const { store, calls } = await readyStore(refusedKiosk([letter(2, 'unknown_form')]));
      store.getState().openStaffPin();
      await store.getState().unlockStaff('2468');
      await store.getState().loadDeadLetters();
      const before = store.getState().staff;
      expect(await store.getState().resendDeadLetters([2, 7])).toEqual({
        ok: false,
        error: {
          code: 'invalid_input',
          message: 'seqs: no dead letter with seq 7 (already re-sent, or never refused)',
          details: { field: 'seqs', unknown: [7] },
        },
      });
      expect(calls.at(-1)?.channel).toBe('staff:resend-dead-letters');
      expect(store.getState().staff).toBe(before);
    });

    it('reloads the list after a sync round once staff have opened it', async () => {
      const { store, calls } = await readyStore(refusedKiosk([letter(2, 'unknown_form')]));
      store.getState().openStaffPin();
      await store.getState().unlockStaff('2468');
      await store.getState().syncNow();
      expect(calls.some((call) => call.channel === 'staff:dead-letters')).toBe(false);
      await store.getState().loadDeadLetters();
      const before = calls.length;
      await store.getState().syncNow();
      expect(calls.slice(before).filter((call) => call.channel === 'staff:dead-letters')).toHaveLength(1);
    });

    it('sends staff back to the PIN pad when the session expired before listing', async () => {
      const { store } = await readyStore({
        ...staffHandlers,
        'staff:dead-letters': () => ({ ok: false, error: { code: 'staff_only', message: 'expired' } }),
      });
      store.getState().openStaffPin();
      await store.getState().unlockStaff('2468');
      expect(await store.getState().loadDeadLetters()).toEqual({ code: 'staff_only', message: 'expired' });
      expect(store.getState()).toMatchObject({
        screen: 'staff-pin',
        staff: { token: null, deadLetters: null },
      });
    });
  });
});
