import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPoll, type Clock } from './poll';

/** A clock the test moves: `tick` runs each repeating callback still scheduled, once. */
function fakeClock() {
  const scheduled = new Map<() => void, number>();
  const clock: Clock = {
    every(ms, run) {
      scheduled.set(run, ms);
      return () => scheduled.delete(run);
    },
  };
  const tick = () => [...scheduled.keys()].forEach((run) => run());
  return { clock, tick, intervals: () => [...scheduled.values()] };
}

interface Read {
  resolve: (data: string) => void;
  reject: (e: unknown) => void;
  answer: Promise<string>;
}

/** A poll whose reads the test answers, one by one in any order, and what reached the page. */
function started(everyMs: number, clock?: Clock) {
  const reads: Read[] = [];
  const read = () => {
    let resolve: Read['resolve'] = () => undefined;
    let reject: Read['reject'] = () => undefined;
    const answer = new Promise<string>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    reads.push({ resolve, reject, answer });
    return answer;
  };
  const seen: string[] = [];
  const on = {
    data: (data: string) => seen.push(`data ${data}`),
    error: (m: string) => seen.push(`error ${m}`),
  };
  const stop = startPoll(read, everyMs, on, clock);
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
    const poll = started(15_000, clock);
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
    const poll = started(1000, clock);
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
    const poll = started(5000, clock);
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
    const poll = started(10_000, clock);
    await poll.answer(0, 'first');
    poll.stop();
    expect(intervals()).toEqual([]);
    tick();
    expect(poll.reads).toHaveLength(1);
    expect(poll.seen).toEqual(['data first']);
  });

  it('passes on no answer or error that lands after stop', async () => {
    const { clock, tick } = fakeClock();
    const answered = started(30_000, clock);
    await answered.answer(0, 'first');
    tick();
    answered.stop();
    await answered.answer(1, 'late');
    expect(answered.seen).toEqual(['data first']);
    const failed = started(30_000, clock);
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
});
