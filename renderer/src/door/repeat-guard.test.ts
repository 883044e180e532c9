import { describe, expect, it } from 'vitest';
import { REPEAT_IGNORE_MS, RepeatGuard } from './repeat-guard';

function guarded() {
  let now = 1_000;
  const guard = new RepeatGuard(() => now);
  return { guard, advance: (ms: number) => (now += ms) };
}

describe('repeat guard', () => {
  it('lets a text through once while its scan is out, however long that takes', () => {
    const { guard, advance } = guarded();
    expect(guard.admit('QT1:ABC', 'entry')).toBe(true);
    expect(guard.admit('QT1:ABC', 'entry')).toBe(false);
    advance(60_000);
    expect(guard.admit('QT1:ABC', 'entry')).toBe(false);
  });

  it('ignores the same text for three seconds after its verdict, then lets it through again', () => {
    const { guard, advance } = guarded();
    guard.admit('QT1:ABC', 'entry');
    advance(5_000);
    guard.settled('QT1:ABC', 'entry');
    advance(REPEAT_IGNORE_MS - 1);
    expect(guard.admit('QT1:ABC', 'entry')).toBe(false);
    advance(1);
    expect(guard.admit('QT1:ABC', 'entry')).toBe(true);
  });

  it('lets other texts through meanwhile, each with its own three seconds', () => {
    const { guard, advance } = guarded();
    guard.admit('FIRST', 'entry');
    guard.settled('FIRST', 'entry');
    advance(1_000);
    expect(guard.admit('SECOND', 'entry')).toBe(true);
    guard.settled('SECOND', 'entry');
    advance(2_000);
    expect(guard.admit('FIRST', 'entry')).toBe(true);
    expect(guard.admit('SECOND', 'entry')).toBe(false);
  });

  it('takes the same text in the other direction as a new scan', () => {
    const { guard } = guarded();
    guard.admit('QT1:ABC', 'entry');
    guard.settled('QT1:ABC', 'entry');
    expect(guard.admit('QT1:ABC', 'exit')).toBe(true);
    expect(guard.admit('QT1:ABC', 'exit')).toBe(false);
    expect(guard.admit('QT1:ABC', 'entry')).toBe(false);
  });
});
