// The app's one store, bound to the real transport and clock.
import { useStore } from 'zustand';
import { call } from '../api/transport';
import { createKioskStore, type KioskState } from './kiosk-store';

export const kioskStore = createKioskStore({ api: call, now: () => new Date() });

/** Subscribes to a part of the store; select primitives or stable references. */
export function useKiosk<T>(selector: (state: KioskState) => T): T {
  return useStore(kioskStore, selector);
}
