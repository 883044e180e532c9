// A field kiosk for each test of a file: opened by the test at 18:00 on the fair's day on a clock
// the test moves, closed with its files after it. Apart from field-fixtures.ts, which the
// durability child and the autosave benchmark load outside vitest.
import { afterEach } from 'vitest';
import { openFieldKiosk } from './field-fixtures';

export type FieldKiosk = Awaited<ReturnType<typeof openFieldKiosk>>;

const START = '2026-11-20T18:00:00.000Z';

export function fieldKioskPerTest() {
  let clock = new Date(START);
  let kiosk: FieldKiosk | undefined;
  afterEach(() => {
    kiosk?.close();
    kiosk = undefined;
  });
  const opened = (): FieldKiosk => {
    if (kiosk === undefined) throw new Error('the test opens the kiosk first');
    return kiosk;
  };
  return {
    /** Opens the test's kiosk, its clock at the start, with a staff caller. */
    open: async (): Promise<FieldKiosk> => {
      clock = new Date(START);
      kiosk = await openFieldKiosk(() => clock);
      return kiosk;
    },
    get core() {
      return opened().core;
    },
    /** A second handle on the kiosk's database. */
    get db() {
      return opened().db;
    },
    now: (): Date => clock,
    tick: (ms = 1000): void => {
      clock = new Date(clock.getTime() + ms);
    },
    setClock: (iso: string): void => {
      clock = new Date(iso);
    },
  };
}
