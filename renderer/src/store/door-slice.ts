// The door screen's state: which way people pass, what the door knows (polled from the core), and
// the outcome of the latest scan, shown full screen until it closes or the next scan replaces it.
import type { DoorStatus, DoorVerdict } from '../../../shared/ipc/contract';
import { MAX_DOOR_SCAN_INPUT } from '../../../shared/ipc/door-limits';
import type { CallError, Result } from '../../../shared/ipc/result';
import type { Direction } from '../../../shared/tickets/scan-event';
import type { SliceCreator } from './kiosk-store';
import { staffCaller } from './staff-call';

/** A scan's outcome; `id` grows with every scan sent, so a late answer never hides a newer one. */
export type DoorOutcome =
  { id: number; kind: 'verdict'; verdict: DoorVerdict } | { id: number; kind: 'failed'; error: CallError };

export type DoorData = {
  direction: Direction;
  status: DoorStatus | null;
  /** Why the last status poll failed; cleared by the next that succeeds. */
  statusError: CallError | null;
  outcome: DoorOutcome | null;
};

export const NO_DOOR: DoorData = { direction: 'entry', status: null, statusError: null, outcome: null };

export type DoorSlice = {
  door: DoorData;
  /** Back to the door screen from the staff screen, with no verdict left from before. */
  openDoorScreen(): void;
  setDirection(direction: Direction): void;
  /** Sends what the camera or the USB scanner read; the outcome shows once the core answers. */
  scan(text: string): Promise<Result<DoorVerdict>>;
  loadDoorStatus(): Promise<CallError | null>;
  /** Closes the outcome `id` (a timer of an older outcome leaves a newer one alone). */
  dismissOutcome(id: number): void;
};

export const createDoorSlice: SliceCreator<DoorSlice> = (set, get, deps) => {
  const staffCall = staffCaller(set, get, deps.api);
  let lastSent = 0;
  const update = (change: Partial<DoorData>) => set({ door: { ...get().door, ...change } });

  return {
    door: NO_DOOR,

    openDoorScreen() {
      if (get().staff.token !== null) set({ screen: 'door', door: { ...get().door, outcome: null } });
    },

    setDirection(direction) {
      update({ direction });
    },

    async scan(text) {
      const { token } = get().staff;
      const id = ++lastSent;
      const result = await staffCall('door:scan', {
        text: text.slice(0, MAX_DOOR_SCAN_INPUT),
        direction: get().door.direction,
      });
      // Locked, or expired (back to the PIN pad), while the scan was out: nobody is looking.
      if (get().staff.token !== token || get().screen !== 'door') return result;
      if ((get().door.outcome?.id ?? 0) < id) {
        update({
          outcome: result.ok
            ? { id, kind: 'verdict', verdict: result.value }
            : { id, kind: 'failed', error: result.error },
        });
      }
      // Occupancy and pending uploads changed with this scan.
      if (result.ok) await get().loadDoorStatus();
      return result;
    },

    async loadDoorStatus() {
      const { token } = get().staff;
      const result = await staffCall('door:status', {});
      if (get().staff.token !== token) return result.ok ? null : result.error;
      if (result.ok) update({ status: result.value, statusError: null });
      else update({ statusError: result.error });
      return result.ok ? null : result.error;
    },

    dismissOutcome(id) {
      if (get().door.outcome?.id === id) update({ outcome: null });
    },
  };
};
