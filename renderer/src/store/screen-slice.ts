// Which screen shows, and the one way back to the attract screen that leaves nothing behind.
import { NO_DOOR } from './door-slice';
import { NO_FIELD } from './field-slice';
import type { SliceCreator } from './kiosk-store';
import { incompleteSubmission } from './session-slice';
import { NO_STAFF } from './staff-slice';

/**
 * 'attract' is the door-locked screen on a door kiosk; 'door' is the door's check-in screen;
 * 'field-…' are the staff's field records: the list, a draft being filled in, a conflict's merge.
 */
export type Screen =
  | 'attract'
  | 'language'
  | 'form'
  | 'thanks'
  | 'staff-pin'
  | 'staff'
  | 'door'
  | 'ended'
  | 'field-list'
  | 'field-form'
  | 'field-merge';

export type ScreenSlice = {
  screen: Screen;
  /** The visitor asked for larger text; App turns it off whenever the attract screen comes back. */
  largerText: boolean;
  setLargerText(on: boolean): void;
  /**
   * Back to the attract screen with no trace of the visitor, staff or door session. A half-filled form
   * whose onIdle is "keep" is saved as incomplete; the screen clears first, then the calls run.
   * A field draft that the idle lock left open stays (saved already), for staff to return to.
   */
  resetKiosk(): Promise<void>;
};

export const createScreenSlice: SliceCreator<ScreenSlice> = (set, get, { api }) => ({
  screen: 'attract',
  largerText: false,
  setLargerText(on) {
    set({ largerText: on });
  },
  async resetKiosk() {
    const state = get();
    const kept = incompleteSubmission(state);
    const { token } = state.staff;
    set({
      screen: 'attract',
      session: null,
      thanks: null,
      staff: NO_STAFF,
      door: NO_DOOR,
      field: { ...NO_FIELD, forms: state.field.forms },
    });
    await Promise.all([
      token === null ? null : api('staff:lock', { token }),
      kept === null ? null : api('submission:save', kept),
    ]);
  },
});
