// When rounds run, with the clock in the test's hands: at start, on the interval, soon after a
// save, never two at once, backing off while they fail, and not at all once revoked or stopped.
import { describe, expect, it } from 'vitest';
import { createSyncScheduler, type RoundOutcome } from './sync-scheduler';
import { manualTimers } from './testing/manual-timers';

/** A round whose outcome the test decides, counting how many ran and how many at once. */
function controlledRound() {
  const waiting: ((outcome: RoundOutcome) => void)[] = [];
  let running = 0;
  const stats = { started: 0, mostAtOnce: 0 };
  const round = () =>
    new Promise<RoundOutcome>((resolve) => {
      stats.started++;
      running++;
      stats.mostAtOnce = Math.max(stats.mostAtOnce, running);
      waiting.push((outcome) => {
        running--;
        resolve(outcome);
      });
    });
  const finish = async (outcome: RoundOutcome) => {
    const next = waiting.shift();
    if (next === undefined) throw new Error('no round is running');
    next(outcome);
    // Let the scheduler's continuation run.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { round, finish, stats };
}

const setUp = (random = () => 0.5) => {
  const clock = manualTimers();
  const rounds = controlledRound();
  const scheduler = createSyncScheduler(rounds.round, { timers: clock.timers, random });
  return { clock, rounds, scheduler };
};

describe('sync scheduler', () => {
  it('runs a round at start, then one every 30 s', async () => {
    const { clock, rounds, scheduler } = setUp();
    scheduler.start();
    expect(clock.fire()).toBe(0);
    expect(rounds.stats.started).toBe(1);
    await rounds.finish('ok');
    expect(clock.pending()).toEqual([30_000]);
    expect(clock.fire()).toBe(30_000);
    await rounds.finish('ok');
    expect(rounds.stats.started).toBe(2);
  });

  it('follows a round that left photos for later with another at once, then keeps the interval', async () => {
    const { clock, rounds, scheduler } = setUp();
    scheduler.start();
    clock.fire();
    await rounds.finish('more');
    expect(clock.pending()).toEqual([0]);
    clock.fire();
    await rounds.finish('ok');
    expect(clock.pending()).toEqual([30_000]);
    expect(rounds.stats.started).toBe(2);
  });

  it('runs a round 1.5 s after a save; more saves meanwhile join it instead of putting it off', async () => {
    const { clock, rounds, scheduler } = setUp();
    scheduler.start();
    clock.fire();
    await rounds.finish('ok');
    scheduler.saved();
    expect(clock.pending()).toEqual([1500]);
    scheduler.saved();
    scheduler.saved();
    expect(clock.pending()).toEqual([1500]);
    clock.fire();
    expect(rounds.stats.started).toBe(2);
    // A save during that round: the one after comes 1.5 s later, not 30 s.
    scheduler.saved();
    await rounds.finish('ok');
    expect(clock.pending()).toEqual([1500]);
  });

  it('never runs two rounds at once: callers during a round share one follow-up round', async () => {
    const { rounds, scheduler } = setUp();
    const first = scheduler.runNow();
    const second = scheduler.runNow();
    const third = scheduler.runNow();
    expect(rounds.stats.started).toBe(1);
    await rounds.finish('failed');
    expect(await first).toBe('failed');
    expect(rounds.stats.started).toBe(2);
    await rounds.finish('ok');
    expect(await second).toBe('ok');
    expect(await third).toBe('ok');
    expect(rounds.stats).toEqual({ started: 2, mostAtOnce: 1 });
  });

  it('backs off exponentially with jitter while rounds fail, up to 60 s, and is back to 30 s after a success', async () => {
    for (const [random, expected] of [
      [0, [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]],
      [0.999, [1999, 3998, 7996, 15_992, 31_984, 59_970, 59_970]],
    ] as const) {
      const { clock, rounds, scheduler } = setUp(() => random);
      scheduler.start();
      const delays: number[] = [];
      clock.fire();
      for (let i = 0; i < expected.length; i++) {
        await rounds.finish('failed');
        delays.push(...clock.pending());
        clock.fire();
      }
      expect(delays).toEqual(expected);
      // Saves while failing leave the backoff alone.
      scheduler.saved();
      expect(clock.pending()).toEqual([]);
      await rounds.finish('ok');
      expect(clock.pending()).toEqual([30_000]);
    }
  });

  it('stops trying once halted (revoked, say), until started again', async () => {
    const { clock, rounds, scheduler } = setUp();
    scheduler.start();
    clock.fire();
    await rounds.finish('halted');
    expect(clock.pending()).toEqual([]);
    scheduler.saved();
    expect(clock.pending()).toEqual([]);
    scheduler.start();
    expect(clock.pending()).toEqual([0]);
  });

  it('schedules nothing after stop, even when a round was running', async () => {
    const { clock, rounds, scheduler } = setUp();
    scheduler.start();
    clock.fire();
    scheduler.stop();
    await rounds.finish('ok');
    scheduler.saved();
    expect(clock.pending()).toEqual([]);
  });
});
