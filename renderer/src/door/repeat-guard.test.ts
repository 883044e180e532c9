import { describe, expect, it } from 'vitest';
import { CAMERA_GONE_MS, REPEAT_IGNORE_MS, RepeatGuard } from './repeat-guard';

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

  it('takes a code the camera keeps seeing as one scan, however long it stays in view', () => {
    const { guard, advance } = guarded();
    expect(guard.admit('QT1:ABC', 'entry', 'camera')).toBe(true);
    guard.settled('QT1:ABC', 'entry');
    // 30 s of reads ten times a second (the 19 → 33): none of them is a new scan.
    for (let read = 0; read < 300; read++) {
      advance(100);
      expect(guard.admit('QT1:ABC', 'entry', 'camera')).toBe(false);
    }
    // A few frames without it (a hand in the way) do not end its stay.
    advance(CAMERA_GONE_MS - 1);
    expect(guard.admit('QT1:ABC', 'entry', 'camera')).toBe(false);
  });

  it('counts a code again once the camera has not seen it for a while', () => {
    const { guard, advance } = guarded();
    guard.admit('QT1:ABC', 'entry', 'camera');
    guard.settled('QT1:ABC', 'entry');
    advance(REPEAT_IGNORE_MS + CAMERA_GONE_MS);
    expect(guard.admit('QT1:ABC', 'entry', 'camera')).toBe(true);
  });

  it('still ignores a code shown again within three seconds of its verdict, out of view meanwhile', () => {
    const { guard, advance } = guarded();
    guard.admit('QT1:ABC', 'entry', 'camera');
    guard.settled('QT1:ABC', 'entry');
    advance(CAMERA_GONE_MS);
    expect(guard.admit('QT1:ABC', 'entry', 'camera')).toBe(false);
  });

  it("keeps the USB scanner's time rule: its repeats count again after three seconds", () => {
    const { guard, advance } = guarded();
    guard.admit('QT1:ABC', 'entry', 'keyboard');
    guard.settled('QT1:ABC', 'entry');
    for (let press = 0; press < 4; press++) {
      advance(REPEAT_IGNORE_MS / 5);
      expect(guard.admit('QT1:ABC', 'entry', 'keyboard')).toBe(false);
    }
    advance(REPEAT_IGNORE_MS / 5);
    expect(guard.admit('QT1:ABC', 'entry', 'keyboard')).toBe(true);
  });

  it('lets the USB scanner read a code the camera is holding, once its three seconds are over', () => {
    const { guard, advance } = guarded();
    guard.admit('QT1:ABC', 'entry', 'camera');
    guard.settled('QT1:ABC', 'entry');
    for (let read = 0; read < REPEAT_IGNORE_MS / 100; read++) {
      advance(100);
      expect(guard.admit('QT1:ABC', 'entry', 'camera')).toBe(false);
    }
    expect(guard.admit('QT1:ABC', 'entry', 'keyboard')).toBe(true);
  });
});
