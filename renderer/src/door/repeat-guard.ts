// A camera reads the same code ten times a second, and a ticket is often shown twice: the same text
// is let through once, then ignored while its scan is out and for a few seconds after its verdict.
// Switching between entry and exit makes it a new scan (someone leaving right after coming in).
import type { Direction } from '../../../shared/tickets/scan-event';

export const REPEAT_IGNORE_MS = 3_000;

export class RepeatGuard {
  /** Direction and text → when its verdict came, or 'out' while its scan call is. */
  private readonly seen = new Map<string, number | 'out'>();

  constructor(
    private readonly now: () => number,
    private readonly ignoreMs = REPEAT_IGNORE_MS,
  ) {}

  /** Whether `text` goes to the door now; if so, it counts as out until `settled`. */
  admit(text: string, direction: Direction): boolean {
    const now = this.now();
    for (const [key, at] of this.seen) {
      if (at !== 'out' && now - at >= this.ignoreMs) this.seen.delete(key);
    }
    const key = keyOf(text, direction);
    if (this.seen.has(key)) return false;
    this.seen.set(key, 'out');
    return true;
  }

  /** The scan of `text` has its verdict (or failed): repeats are ignored from now for a while. */
  settled(text: string, direction: Direction): void {
    this.seen.set(keyOf(text, direction), this.now());
  }
}

const keyOf = (text: string, direction: Direction) => `${direction}:${text}`;
