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

/** A read whose answers the test gives, one per call, in any order. */
function slowRead<T>() {
  const calls: { resolve: (data: T) => void; reject: (e: unknown) => void; answer: Promise<T> }[] = [];
  const read = () => {
    let resolve: (data: T) => void = () => undefined;
    let reject: (e: unknown) => void = () => undefined;
    const answer = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    calls.push({ resolve, reject, answer });
    return answer;
  };
  const call = (n: number) => {
    const found = calls[n];
    if (found === undefined) throw new Error(`no read ${n}`);
    return found;
  };
  return { read, calls, call };
}

// The poll's handlers were attached to the answer before these, so they have run when these return.
async function answer<T>(call: { resolve: (data: T) => void; answer: Promise<T> }, data: T) {
  call.resolve(data);
  await call.answer;
}
async function fail(call: { reject: (e: unknown) => void; answer: Promise<unknown> }, e: unknown) {
  call.reject(e);
  await call.answer.catch(() => undefined);
}

/** What reached the page, in order. */
function listener() {
  const seen: string[] = [];
  return {
    seen,
    on: { data: (data: string) => seen.push(`data ${data}`), error: (m: string) => seen.push(`error ${m}`) },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('startPoll', () => {
  it('reads at once, passes the answer on and reads again every everyMs', async () => {
    const { clock, tick, intervals } = fakeClock();
    const { read, calls, call } = slowRead<string>();
    const { seen, on } = listener();
    startPoll(read, 15_000, on, clock);
    expect(calls).toHaveLength(1);
    expect(intervals()).toEqual([15_000]);
    await answer(call(0), 'first');
    expect(seen).toEqual(['data first']);
    tick();
    expect(calls).toHaveLength(2);
    await answer(call(1), 'second');
    expect(seen).toEqual(['data first', 'data second']);
  });

  it('reports a failed read by its message and keeps reading', async () => {
    const { clock, tick } = fakeClock();
    const { read, calls, call } = slowRead<string>();
    const { seen, on } = listener();
    startPoll(read, 5000, on, clock);
    await fail(call(0), new Error('servidor caído'));
    tick();
    await fail(call(1), 'timeout');
    tick();
    await answer(call(2), 'back');
    expect(calls).toHaveLength(3);
    expect(seen).toEqual(['error servidor caído', 'error timeout', 'data back']);
  });

  it('reads no more once stopped, the read already scheduled included', async () => {
    const { clock, tick, intervals } = fakeClock();
    const { read, calls, call } = slowRead<string>();
    const { seen, on } = listener();
    const stop = startPoll(read, 10_000, on, clock);
    await answer(call(0), 'first');
    stop();
    expect(intervals()).toEqual([]);
    tick();
    expect(calls).toHaveLength(1);
    expect(seen).toEqual(['data first']);
  });

  it('passes on no answer or error that lands after stop', async () => {
    const { clock, tick } = fakeClock();
    const { read, call } = slowRead<string>();
    const { seen, on } = listener();
    const stop = startPoll(read, 30_000, on, clock);
    await answer(call(0), 'first');
    tick();
    stop();
    await answer(call(1), 'late');
    const failing = startPoll(read, 30_000, on, clock);
    failing();
    await fail(call(2), new Error('late'));
    expect(seen).toEqual(['data first']);
  });

  it('on the real clock, reads every everyMs and leaves no timer behind once stopped', async () => {
    vi.useFakeTimers();
    const { read, calls, call } = slowRead<string>();
    const { seen, on } = listener();
    const stop = startPoll(read, 60_000, on);
    await answer(call(0), 'first');
    vi.advanceTimersByTime(59_999);
    expect(calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(calls).toHaveLength(2);
    stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(600_000);
    expect(calls).toHaveLength(2);
    expect(seen).toEqual(['data first']);
  });
});
