// Calls that need the staff session's token, for every slice that makes them (staff, door).
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/ipc/contract';
import type { CallError, Result } from '../../../shared/ipc/result';
import type { Api } from '../api/transport';
import type { KioskStore } from './kiosk-store';
import { NO_STAFF } from './staff-slice';

/** The channels whose input carries the staff token. */
export type StaffChannel = {
  [C in Channel]: ChannelInput<C> extends { token: string } ? C : never;
}[Channel];
/** What a staff call takes besides the token. */
export type StaffExtra<C extends StaffChannel> = Omit<ChannelInput<C>, 'token'>;

export type StaffCall = <C extends StaffChannel>(
  channel: C,
  extra: StaffExtra<C>,
) => Promise<Result<ChannelOutput<C>>>;

const NOT_UNLOCKED: CallError = { code: 'staff_only', message: 'no staff session' };

/**
 * A staff call with the current token; an expired token sends staff back to the PIN pad (unless
 * staff already locked or unlocked again while the call was out).
 */
export const staffCaller =
  (set: KioskStore['setState'], get: KioskStore['getState'], api: Api): StaffCall =>
  async (channel, extra) => {
    const { token } = get().staff;
    if (token === null) return { ok: false, error: NOT_UNLOCKED };
    // TypeScript cannot rebuild ChannelInput<C> from its parts; `extra` is exactly the rest of it.
    const input = { ...extra, token } as ChannelInput<typeof channel>;
    const result = await api(channel, input);
    if (!result.ok && result.error.code === 'staff_only' && get().staff.token === token) {
      set({ staff: NO_STAFF, screen: 'staff-pin' });
    }
    return result;
  };
