// Which of two scans came first, and what a ticket's scans say about where its holder is.
//
// Scans are never ordered by time. A door's clock may be days off, and its offset to the server is
// only as fresh as its last sync, so corrected times can still disagree across doors. The order is:
//  1. the server's change sequence (`serverSeq`), assigned when the scan commits on the server:
//     every party that has synced sees the same number, whatever any clock says;
//  2. a scan the server has not numbered yet comes after every numbered one: when it syncs it will
//     get a number above all numbers already handed out, so a kiosk's provisional order is the
//     order the server will reach;
//  3. unnumbered scans (in practice all from this device) by device id, then by the device's own
//     scan counter;
//  4. the random nonce, so even a broken counter still gives one total order.
// A double entry admitted by two offline doors therefore has the same winner (the scan the server
// took first) on the server and on every door, and a skewed clock cannot change it.
import { VerdictKindSchema, type Direction, type VerdictKind } from './scan-event';

export type OrderableScan = { serverSeq: number | null; deviceId: string; seq: number; nonce: string };

export function orderScans(a: OrderableScan, b: OrderableScan): number {
  if (a.serverSeq !== b.serverSeq) {
    if (a.serverSeq === null) return 1;
    if (b.serverSeq === null) return -1;
    return a.serverSeq - b.serverSeq;
  }
  if (a.serverSeq === null) {
    if (a.deviceId !== b.deviceId) return compareText(a.deviceId, b.deviceId);
    if (a.seq !== b.seq) return a.seq - b.seq;
  }
  return compareText(a.nonce, b.nonce);
}

export type MovementScan = OrderableScan & { direction: Direction; verdict: VerdictKind };

/**
 * Whether a scan moved its holder in or out. An exit with no known entry still counts as out: the
 * person left, and the entry may only arrive with a later sync.
 */
export function presenceChange(scan: { verdict: VerdictKind }): 'in' | 'out' | null {
  if (scan.verdict === 'valid_entry') return 'in';
  if (scan.verdict === 'valid_exit' || scan.verdict === 'not_inside') return 'out';
  return null;
}

const verdictsThatMove = (change: 'in' | 'out') =>
  VerdictKindSchema.options.filter((verdict) => presenceChange({ verdict }) === change);
/** The verdicts that let someone in, and those that let someone out: what occupancy counts. */
export const ENTERING_VERDICTS = verdictsThatMove('in');
export const LEAVING_VERDICTS = verdictsThatMove('out');

export type Presence<S> = {
  inside: boolean;
  /** The entry that began the current stay (the winner if doors admitted twice). */
  currentEntry: S | null;
  firstEntry: S | null;
  lastExit: S | null;
};

export function presenceOf<S extends MovementScan>(scans: readonly S[]): Presence<S> {
  const state: Presence<S> = { inside: false, currentEntry: null, firstEntry: null, lastExit: null };
  for (const scan of [...scans].sort(orderScans)) {
    const change = presenceChange(scan);
    if (change === 'in') {
      state.firstEntry ??= scan;
      if (!state.inside) state.currentEntry = scan;
      state.inside = true;
    } else if (change === 'out') {
      state.inside = false;
      state.currentEntry = null;
      state.lastExit = scan;
    }
  }
  return state;
}

export type DoubleEntry<S> = {
  winner: S;
  duplicate: S;
  /** while_inside: admitted twice with no exit between; reentry: came back where the list forbids it. */
  kind: 'while_inside' | 'reentry';
};

/**
 * The admissions that should not have happened, found when scans from doors that were offline
 * meet (on the server at merge, or on a door after a pull). Both scans stay; this only names them.
 */
export function findDoubleEntries<S extends MovementScan>(
  scans: readonly S[],
  rules: { allowReentry: boolean },
): DoubleEntry<S>[] {
  const found: DoubleEntry<S>[] = [];
  let inside: S | null = null;
  let first: S | null = null;
  for (const scan of [...scans].sort(orderScans)) {
    const change = presenceChange(scan);
    if (change === 'in') {
      if (inside !== null) found.push({ winner: inside, duplicate: scan, kind: 'while_inside' });
      else if (first !== null && !rules.allowReentry)
        found.push({ winner: first, duplicate: scan, kind: 'reentry' });
      first ??= scan;
      inside ??= scan;
    } else if (change === 'out') {
      inside = null;
    }
  }
  return found;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
