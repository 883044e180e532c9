// The staff session: a token from the PIN, and what the staff screen shows and changes.
import type { ChannelOutput, SyncStatus } from '../../../shared/ipc/contract';
import type { CallError, Result } from '../../../shared/ipc/result';
import type { KioskSettings } from '../../../shared/kiosk/kiosk-settings';
import type { SliceCreator } from './kiosk-store';
import { selectSettings } from './selectors';
import { staffCaller, type StaffExtra } from './staff-call';

export type StaffStatus = ChannelOutput<'staff:status'>;
export type StaffConfig = ChannelOutput<'staff:config'>;
export type DeadLetterList = ChannelOutput<'staff:dead-letters'>;

export type StaffData = {
  token: string | null;
  status: StaffStatus | null;
  config: StaffConfig | null;
  /** The records the server refused, once staff asked to see them. */
  deadLetters: DeadLetterList | null;
};

export const NO_STAFF: StaffData = { token: null, status: null, config: null, deadLetters: null };

export type StaffSlice = {
  staff: StaffData;
  openStaffPin(): void;
  /**
   * Resolves to the refusal (wrong PIN, locked out), or null once the staff screen (the door
   * screen on a door kiosk, the open field draft after an idle lock) shows.
   */
  unlockStaff(pin: string): Promise<CallError | null>;
  /** The staff screen (settings, sync), from the door screen. */
  openStaffScreen(): void;
  /** Refreshes counts and configuration. */
  loadStaff(): Promise<CallError | null>;
  configureKiosk(settings: KioskSettings): Promise<CallError | null>;
  changeStaffPin(newPin: string): Promise<CallError | null>;
  /**
   * One sync round now. Resolves to the sync status right after it: a round that failed is no
   * failed call, its `lastError` says why.
   */
  syncNow(): Promise<Result<SyncStatus>>;
  /**
   * Enrols the kiosk with a sync server. Resolves to the sync status right after it: a server's
   * refusal (code used, unreachable…) is no failed call, its `lastError` says why.
   */
  enrolKiosk(request: EnrolRequest): Promise<Result<SyncStatus>>;
  /** Loads the records the server refused (the newest, with their total). */
  loadDeadLetters(): Promise<CallError | null>;
  /**
   * Queues the refused records `seqs` again; a sync round follows soon. Resolves to the sync status
   * right after, with the list and the counts reloaded.
   */
  resendDeadLetters(seqs: number[]): Promise<Result<SyncStatus>>;
  /** No network: the pending records onto a USB drive (renderer/src/staff/UsbPanel.tsx). */
  writeBundle(directory: string): Promise<Result<ChannelOutput<'staff:write-bundle'>>>;
  /** The server's receipt or set-up from a USB drive; the counts are loaded again after it. */
  loadBundle(path: string): Promise<Result<ChannelOutput<'staff:load-bundle'>>>;
  lockStaff(): Promise<void>;
  exitKioskMode(): Promise<CallError | null>;
};

export type EnrolRequest = StaffExtra<'staff:enrol'>;

export const createStaffSlice: SliceCreator<StaffSlice> = (set, get, deps) => {
  const staffCall = staffCaller(set, get, deps.api);

  /** The dead letters again, if staff have opened them. */
  const reloadDeadLetters = () => (get().staff.deadLetters ? get().loadDeadLetters() : Promise.resolve(null));

  /**
   * Enrolment, sync-now and re-sending answer with the sync status: shown at once, then the counts
   * and whatever else the call may have changed (`reload`) are loaded again.
   */
  const syncCall = async <C extends 'staff:enrol' | 'staff:sync-now' | 'staff:resend-dead-letters'>(
    channel: C,
    extra: StaffExtra<C>,
    reload: () => Promise<unknown>,
  ): Promise<Result<SyncStatus>> => {
    const { token } = get().staff;
    const result = await staffCall(channel, extra);
    if (!result.ok) return result;
    const sync: SyncStatus = result.value;
    const { staff } = get();
    if (staff.token === token && staff.status)
      set({ staff: { ...staff, status: { ...staff.status, sync } } });
    const [error] = await Promise.all([get().loadStaff(), reload()]);
    return error ? { ok: false, error } : { ok: true, value: sync };
  };

  return {
    staff: NO_STAFF,

    openStaffPin() {
      set({ screen: 'staff-pin' });
    },

    async unlockStaff(pin) {
      const result = await deps.api('staff:unlock', { pin });
      if (!result.ok) return result.error;
      // Staff gave up (or the kiosk went idle) while the PIN was being checked.
      if (get().screen !== 'staff-pin') {
        await deps.api('staff:lock', { token: result.value.token });
        return null;
      }
      const token = result.value.token;
      if (selectSettings(get())?.mode === 'door') {
        // A fresh door screen: no verdict left from a session that expired.
        set({ staff: { ...NO_STAFF, token }, door: { ...get().door, outcome: null }, screen: 'door' });
        return get().loadDoorStatus();
      }
      if (get().fieldSession) {
        // Locked while filling in a field record: straight back into it, saving what was pending.
        set({ staff: { ...NO_STAFF, token }, screen: 'field-form' });
        return get().saveFieldDraft();
      }
      set({ staff: { ...NO_STAFF, token }, screen: 'staff' });
      return get().loadStaff();
    },

    openStaffScreen() {
      if (get().staff.token !== null) set({ screen: 'staff' });
    },

    async loadStaff() {
      const [status, config] = await Promise.all([
        staffCall('staff:status', {}),
        staffCall('staff:config', {}),
      ]);
      if (!status.ok) return status.error;
      if (!config.ok) return config.error;
      const { staff } = get();
      if (staff.token !== null) set({ staff: { ...staff, status: status.value, config: config.value } });
      return null;
    },

    async configureKiosk(settings) {
      const result = await staffCall('staff:configure', { settings });
      if (!result.ok) return result.error;
      const { staff } = get();
      if (staff.token !== null) set({ staff: { ...staff, config: result.value } });
      await get().loadBootstrap();
      return null;
    },

    async changeStaffPin(newPin) {
      const result = await staffCall('staff:change-pin', { newPin });
      return result.ok ? null : result.error;
    },

    // A round may refuse records, and bring this kiosk's name, event and forms.
    syncNow: () =>
      syncCall('staff:sync-now', {}, () => Promise.all([get().loadBootstrap(), reloadDeadLetters()])),

    enrolKiosk: (request) => syncCall('staff:enrol', request, () => get().loadBootstrap()),

    async loadDeadLetters() {
      const result = await staffCall('staff:dead-letters', {});
      if (!result.ok) return result.error;
      const { staff } = get();
      if (staff.token !== null) set({ staff: { ...staff, deadLetters: result.value } });
      return null;
    },

    resendDeadLetters: (seqs) =>
      syncCall('staff:resend-dead-letters', { seqs }, () => get().loadDeadLetters()),

    writeBundle: (directory) => staffCall('staff:write-bundle', { directory }),

    async loadBundle(path) {
      const result = await staffCall('staff:load-bundle', { path });
      if (result.ok) await Promise.all([get().loadStaff(), reloadDeadLetters()]);
      return result;
    },

    async lockStaff() {
      await get().resetKiosk();
    },

    async exitKioskMode() {
      const result = await staffCall('staff:exit', {});
      if (!result.ok) return result.error;
      set({ staff: NO_STAFF, session: null, thanks: null, screen: 'ended' });
      return null;
    },
  };
};
