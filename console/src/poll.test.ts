import { afterEach, describe, expect, it, vi } from 'vitest';
import { NoAnswerError } from './api';
import { startPoll, type Clock, type PollOptions, type Visibility } from './poll';

/**
 * A clock the test moves: `tick` runs each repeating callback still scheduled, once; `giveUp` runs
 * each one-off callback still waiting (a read's time running out).
 */
function fakeClock() {
  const scheduled = new Map<() => void, number>();
  const waiting = new Map<() => void, number>();
  const clock: Clock = {
    every(ms, run) {
      scheduled.set(run, ms);
      return () => scheduled.delete(run);
    },
    after(ms, run) {
      waiting.set(run, ms);
      return () => waiting.delete(run);
    },
  };
  const tick = () => [...scheduled.keys()].forEach((run) => run());
  const giveUp = () =>
    [...waiting.keys()].forEach((run) => {
      waiting.delete(run);
      run();
    });
  return {
    clock,
    tick,
    giveUp,
    intervals: () => [...scheduled.values()],
    waits: () => [...waiting.values()],
  };
}

/** A tab the test hides and shows, as the browser's visibilitychange would. */
function fakeTab(hidden = false) {
  const watchers = new Set<() => void>();
  const visibility: Visibility = {
    hidden: () => hidden,
    onChange(run) {
      watchers.add(run);
      return () => watchers.delete(run);
    },
  };
  const set = (now: boolean) => {
    hidden = now;
    watchers.forEach((run) => run());
  };
  return { visibility, hide: () => set(true), show: () => set(false), watchers: () => watchers.size };
}

interface Read {
  resolve: (data: string) => void;
  reject: (e: unknown) => void;
  answer: Promise<string>;
  signal: AbortSignal;
}

/** A poll whose reads the test answers, one by one in any order, and what reached the page. */
function started(everyMs: number, options?: PollOptions) {
  const reads: Read[] = [];
  const read = (signal: AbortSignal) => {
    let resolve: Read['resolve'] = () => undefined;
    let reject: Read['reject'] = () => undefined;
    const answer = new Promise<string>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    reads.push({ resolve, reject, answer, signal });
    return answer;
  };
  const seen: string[] = [];
  const on = {
    data: (data: string) => seen.push(`data ${data}`),
    error: (e: Error) =>
      seen.push(e instanceof NoAnswerError ? `no answer in ${e.ms} ms` : `error ${e.message}`),
  };
  const stop = startPoll(read, everyMs, on, options);
  const nth = (n: number) => {
    const found = reads[n];
    if (found === undefined) throw new Error(`no read ${n}`);
    return found;
  };
  // The poll's handlers were attached to the answer before these, so they have run when these return.
  const answer = async (n: number, data: string) => {
    nth(n).resolve(data);
    await nth(n).answer;
  };
  const fail = async (n: number, e: unknown) => {
    nth(n).reject(e);
    await nth(n).answer.catch(() => undefined);
  };
  return { reads, seen, stop, answer, fail };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('startPoll', () => {
  it('reads at once, passes the answer on and reads again every everyMs', async () => {
    const { clock, tick, intervals } = fakeClock();
    const poll = started(15_000, { clock });
    expect(poll.reads).toHaveLength(1);
    expect(intervals()).toEqual([15_000]);
    await poll.answer(0, 'first');
    expect(poll.seen).toEqual(['data first']);
    tick();
    expect(poll.reads).toHaveLength(2);
    await poll.answer(1, 'second');
    expect(poll.seen).toEqual(['data first', 'data second']);
  });

  it('starts no read while one is pending, so a slow answer never lands after a newer one', async () => {
    const { clock, tick } = fakeClock();
    const poll = started(1000, { clock });
    tick();
    tick();
    expect(poll.reads).toHaveLength(1);
    await poll.answer(0, 'slow');
    tick();
    expect(poll.reads).toHaveLength(2);
    await poll.answer(1, 'next');
    expect(poll.seen).toEqual(['data slow', 'data next']);
  });

  it('reports a failed read by its message and keeps reading', async () => {
    const { clock, tick } = fakeClock();
    const poll = started(5000, { clock });
    await poll.fail(0, new Error('servidor caído'));
    tick();
    await poll.fail(1, 'timeout');
    tick();
    await poll.answer(2, 'back');
    expect(poll.reads).toHaveLength(3);
    expect(poll.seen).toEqual(['error servidor caído', 'error timeout', 'data back']);
  });

  it('reads no more once stopped, the read already scheduled included', async () => {
    const { clock, tick, intervals } = fakeClock();
    const poll = started(10_000, { clock });
    await poll.answer(0, 'first');
    poll.stop();
    expect(intervals()).toEqual([]);
    tick();
    expect(poll.reads).toHaveLength(1);
    expect(poll.seen).toEqual(['data first']);
  });

  it('passes on no answer or error that lands after stop', async () => {
    const { clock, tick } = fakeClock();
    const answered = started(30_000, { clock });
    await answered.answer(0, 'first');
    tick();
    answered.stop();
    await answered.answer(1, 'late');
    expect(answered.seen).toEqual(['data first']);
    const failed = started(30_000, { clock });
    failed.stop();
    await failed.fail(0, new Error('late'));
    expect(failed.seen).toEqual([]);
  });

  it('on the real clock, reads every everyMs and leaves no timer behind once stopped', async () => {
    vi.useFakeTimers();
    const poll = started(60_000);
    await poll.answer(0, 'first');
    vi.advanceTimersByTime(59_999);
    expect(poll.reads).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(poll.reads).toHaveLength(2);
    poll.stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(600_000);
    expect(poll.reads).toHaveLength(2);
    expect(poll.seen).toEqual(['data first']);
  });

  it('gives up on a read unanswered after timeoutMs, aborts it and reads again at the next tick', async () => {
    const { clock, tick, giveUp, waits } = fakeClock();
    const poll = started(3000, { clock, timeoutMs: 15_000 });
    expect(waits()).toEqual([15_000]);
    tick();
    expect(poll.reads).toHaveLength(1);
    giveUp();
    expect(poll.reads[0]?.signal.aborted).toBe(true);
    expect(poll.seen).toEqual(['no answer in 15000 ms']);
    tick();
    expect(poll.reads).toHaveLength(2);
    await poll.answer(1, 'new');
    expect(waits()).toEqual([]);
    expect(poll.seen).toEqual(['no answer in 15000 ms', 'data new']);
  });

  it('never passes on the late answer or error of a read it gave up on', async () => {
    const { clock, tick, giveUp } = fakeClock();
    const poll = started(3000, { clock, timeoutMs: 15_000 });
    giveUp();
    tick();
    await poll.answer(1, 'new');
    await poll.answer(0, 'old');
    tick();
    giveUp();
    tick();
    // Answering while the next read is out: still dropped, and that read is still awaited.
    await poll.answer(2, 'old too');
    giveUp();
    await poll.fail(3, new Error('late'));
    expect(poll.seen).toEqual([
      'no answer in 15000 ms',
      'data new',
      'no answer in 15000 ms',
      'no answer in 15000 ms',
    ]);
    expect(poll.reads).toHaveLength(4);
  });

  it('reads nothing while the tab is hidden and reads at once when it is shown again', async () => {
    const { clock, tick, intervals } = fakeClock();
    const tab = fakeTab(true);
    const poll = started(3000, { clock, visibility: tab.visibility });
    expect(poll.reads).toHaveLength(0);
    expect(intervals()).toEqual([]);
    tab.show();
    expect(poll.reads).toHaveLength(1);
    expect(intervals()).toEqual([3000]);
    await poll.answer(0, 'first');
    tab.hide();
    expect(intervals()).toEqual([]);
    tick();
    expect(poll.reads).toHaveLength(1);
    tab.show();
    expect(poll.reads).toHaveLength(2);
    // Hidden and shown while that read is out: no second read beside it.
    tab.hide();
    tab.show();
    expect(poll.reads).toHaveLength(2);
    await poll.answer(1, 'again');
    tick();
    expect(poll.reads).toHaveLength(3);
    poll.stop();
    expect(tab.watchers()).toBe(0);
    tab.show();
    expect(poll.reads).toHaveLength(3);
    expect(poll.seen).toEqual(['data first', 'data again']);
  });

  it('once stopped, aborts the read still out and leaves no wait behind', () => {
    const { clock, waits } = fakeClock();
    const poll = started(3000, { clock });
    poll.stop();
    expect(poll.reads[0]?.signal.aborted).toBe(true);
    expect(waits()).toEqual([]);
  });

  it('on the real clock, gives up on a read after the default 15 s', async () => {
    vi.useFakeTimers();
    const poll = started(60_000);
    vi.advanceTimersByTime(14_999);
    expect(poll.seen).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(poll.seen).toEqual(['no answer in 15000 ms']);
    expect(poll.reads[0]?.signal.reason).toBeInstanceOf(NoAnswerError);
    poll.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
