// How a scan's outcome looks, sounds and how long it stays: four tones a door person tells apart
// at a glance (colour, icon and, for attention, a striped frame), and at a distance by ear.
import type { DoorVerdict } from '../../../shared/ipc/contract';
import type { DoorOutcome } from '../store/door-slice';

/**
 * valid: let them through. info: nothing is wrong, read the line (an exit with no known entry, or
 * the same door scanning a ticket twice). refused: do not let them in. attention: a possible fraud.
 */
export type VerdictTone = 'valid' | 'info' | 'refused' | 'attention';

export function verdictTone({ scan, reason, needsAttention }: DoorVerdict): VerdictTone {
  if (needsAttention) return 'attention';
  if (scan.verdict === 'valid_entry' || scan.verdict === 'valid_exit') return 'valid';
  if (scan.verdict === 'not_inside' || reason === 'scanned_again_here') return 'info';
  return 'refused';
}

/** A failed call is a refusal: the scan was not recorded, the person waits. */
export function outcomeTone(outcome: DoorOutcome): VerdictTone {
  return outcome.kind === 'failed' ? 'refused' : verdictTone(outcome.verdict);
}

/** Long enough to read the words; a refusal has more to read and someone to talk to. */
export const CLOSE_AFTER_MS: Record<VerdictTone, number> = {
  valid: 3_000,
  info: 4_000,
  refused: 6_000,
  attention: 6_000,
};
