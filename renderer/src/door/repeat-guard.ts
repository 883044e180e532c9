// A camera reads the same code ten times a second, and a ticket is often shown twice: the same text
// is let through once, then ignored while its scan is out and for a few seconds after its verdict.
// The camera adds one rule: a ticket held in view is one scan however long it stays there; it counts
// again only once the camera has not seen it for CAMERA_GONE_MS. A USB scanner types a code only
// when staff pull its trigger, so its repeats keep the time rule alone.
// Switching between entry and exit makes it a new scan (someone leaving right after coming in).
import type { Direction } from '../../../shared/tickets/scan-event';

export const REPEAT_IGNORE_MS = 3_000;
/** Longer than the gaps between reads of a code in view (a missed frame, a hand in the way). */
export const CAMERA_GONE_MS = 1_500;

export type ScanSource = 'camera' | 'keyboard';

export class RepeatGuard {
  /** Direction and text → when its verdict came, or 'out' while its scan call is. */
  private readonly seen = new Map<string, number | 'out'>();
  /** Direction and text → when the camera last read it. */
  private readonly inView = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly ignoreMs = REPEAT_IGNORE_MS,
    private readonly goneMs = CAMERA_GONE_MS,
  ) {}

  /** Whether `text` goes to the door now; if so, it counts as out until `settled`. */
  admit(text: string, direction: Direction, source: ScanSource = 'keyboard'): boolean {
    const now = this.now();
    for (const [key, at] of this.seen) {
      if (at !== 'out' && now - at >= this.ignoreMs) this.seen.delete(key);
    }
    for (const [key, at] of this.inView) if (now - at >= this.goneMs) this.inView.delete(key);
    const key = keyOf(text, direction);
    const stillInView = this.inView.has(key);
    if (source === 'camera') this.inView.set(key, now);
    if (this.seen.has(key) || (source === 'camera' && stillInView)) return false;
    this.seen.set(key, 'out');
    return true;
  }

  /** The scan of `text` has its verdict (or failed): repeats are ignored from now for a while. */
  settled(text: string, direction: Direction): void {
    this.seen.set(keyOf(text, direction), this.now());
  }
}

const keyOf = (text: string, direction: Direction) => `${direction}:${text}`;
