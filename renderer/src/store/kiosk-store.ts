// The kiosk's whole UI state, in slices, in a vanilla zustand store so tests can build one with
// their own transport and clock; the app binds one instance to React in use-kiosk.ts.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../api/transport';
import { createBootSlice, type BootSlice } from './boot-slice';
import { createDoorSlice, type DoorSlice } from './door-slice';
import { createScreenSlice, type ScreenSlice } from './screen-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createStaffSlice, type StaffSlice } from './staff-slice';
import type { Timers } from './timers';
import { createFieldSlice, type FieldSlice } from './field-slice';
import { createFieldFormSlice, type FieldFormSlice } from './field-form-slice';

export type KioskState = BootSlice &
  ScreenSlice &
  SessionSlice &
  StaffSlice &
  DoorSlice &
  FieldSlice &
  FieldFormSlice;

export type KioskDeps = {
  api: Api;
  now: () => Date;
  /** The real timers unless a test brings its own. */
  timers?: Timers;
};

export type SliceCreator<T> = (
  set: StoreApi<KioskState>['setState'],
  get: StoreApi<KioskState>['getState'],
  deps: KioskDeps,
) => T;

export type KioskStore = StoreApi<KioskState>;

export function createKioskStore(deps: KioskDeps): KioskStore {
  return createStore<KioskState>()((set, get) => ({
    ...createBootSlice(set, get, deps),
    ...createScreenSlice(set, get, deps),
    ...createSessionSlice(set, get, deps),
    ...createStaffSlice(set, get, deps),
    ...createDoorSlice(set, get, deps),
    ...createFieldSlice(set, get, deps),
    ...createFieldFormSlice(set, get, deps),
  }));
}
