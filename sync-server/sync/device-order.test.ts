import { describe, expect, it } from 'vitest';
import { DeviceOrder, type PlaceInLine, type PredecessorWait } from './device-order';
import { Turns } from './push-turns';

/** Whether a promise has settled by the time everything already queued has run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise<void>((resolve) => setImmediate(resolve));
  return done;
}

/**
 * A line whose waits for a missing predecessor run out when the test says (`runOut`, one a wait);
 * `aborted` says which waits ended because they were no longer needed.
 */
function lineWithPatience() {
  const runOut: (() => void)[] = [];
  const aborted: boolean[] = [];
  const wait: PredecessorWait = (done) =>
    new Promise<void>((resolve) => {
      const index = runOut.push(resolve) - 1;
      aborted.push(false);
      done.addEventListener('abort', () => (aborted[index] = true));
    });
  return { order: new DeviceOrder({ waitForPredecessor: wait }), runOut, aborted };
}

/** A push as applyPush runs it: in line, in a turn, checked, then settled after those ahead. */
async function push(turns: Turns, place: PlaceInLine, name: string, log: string[]): Promise<void> {
  try {
    await place.ready(0);
    await turns.run(async () => {
      place.started();
      // A kiosk's first push has the longest checks: the ones behind it finish theirs first.
      for (let i = name.endsWith('1') ? 3 : 1; i > 0; i--) {
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await place.aheadSettled();
      log.push(name);
    });
  } finally {
    place.leave();
  }
}

describe('a kiosk’s pushes in line', () => {
  it('the second starts only once the first has, and settles only after it', async () => {
    const order = new DeviceOrder();
    const first = order.enter('kiosk');
    const second = order.enter('kiosk');
    const other = order.enter('another kiosk');
    expect(await settled(second.ready(0))).toBe(false);
    expect(await settled(other.ready(0))).toBe(true);
    first.started();
    expect(await settled(second.ready(0))).toBe(true);
    const behind = second.aheadSettled();
    expect(await settled(behind)).toBe(false);
    first.leave();
    expect(await settled(behind)).toBe(true);
    second.leave();
    other.leave();
    expect(order.size).toBe(0);
  });

  it('a push that ends before its turn (refused token, bad body) holds up nothing', async () => {
    const order = new DeviceOrder();
    const refused = order.enter('kiosk');
    const next = order.enter('kiosk');
    refused.leave();
    // Leaving twice (answered, then the connection closed) is the same as once.
    refused.leave();
    expect(await settled(next.ready(0))).toBe(true);
    expect(await settled(next.aheadSettled())).toBe(true);
    next.leave();
    expect(order.size).toBe(0);
  });

  it('settles each kiosk’s pushes in arrival order, and never deadlocks on the turns', async () => {
    const order = new DeviceOrder();
    const turns = new Turns(3);
    const log: string[] = [];
    // Pushes arrive a1, b1, b2, a2, a3 but reach their checks in the opposite order (a body
    // slower to come in, a slower token check): had a3, a2 and b2 taken the three turns to wait
    // for a1 and b1, those could never have one.
    const places = ['a1', 'b1', 'b2', 'a2', 'a3'].map(
      (name) => [name, order.enter(name[0] as string)] as const,
    );
    const pushes = places.reverse().map(([name, place]) => push(turns, place, name, log));
    await Promise.all(pushes);
    expect(log.filter((n) => n.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(log.filter((n) => n.startsWith('b'))).toEqual(['b1', 'b2']);
    expect(order.size).toBe(0);
  });
});

describe('a kiosk’s pushes in line by their first seq', () => {
  it('one that comes after a later batch goes ahead of it, which waits for it before its turn', async () => {
    const { order, ...p } = lineWithPatience();
    const second = order.enter('kiosk', 301);
    const secondReady = second.ready(0);
    expect(await settled(secondReady)).toBe(false);
    expect(p.runOut).toHaveLength(1);
    const first = order.enter('kiosk', 1);
    expect(await settled(first.ready(0))).toBe(true);
    // Its predecessor came: no more waiting for one, only for it to start.
    expect(p.aborted).toEqual([true]);
    expect(await settled(secondReady)).toBe(false);
    first.started();
    expect(await settled(secondReady)).toBe(true);
    second.started();
    const behind = second.aheadSettled();
    expect(await settled(behind)).toBe(false);
    first.leave();
    expect(await settled(behind)).toBe(true);
    second.leave();
    expect(order.size).toBe(0);
  });

  it('the batch after the mark, or one behind its predecessor, does not wait', async () => {
    const { order, ...p } = lineWithPatience();
    const first = order.enter('kiosk', 301);
    expect(await settled(first.ready(300))).toBe(true);
    const second = order.enter('kiosk', 601);
    first.started();
    expect(await settled(second.ready(300))).toBe(true);
    // Its predecessor settled and left before it read the mark: it came, all the same.
    first.leave();
    expect(await settled(second.ready(0))).toBe(true);
    second.leave();
    expect(p.runOut).toHaveLength(0);
    expect(order.size).toBe(0);
  });

  it('a predecessor that never comes is waited for only until the wait runs out', async () => {
    const { order, ...p } = lineWithPatience();
    const second = order.enter('kiosk', 301);
    const ready = second.ready(0);
    expect(await settled(ready)).toBe(false);
    p.runOut[0]?.();
    expect(await settled(ready)).toBe(true);
    second.leave();
    expect(order.size).toBe(0);
  });

  it('a predecessor that comes and leaves unsettled ends the wait', async () => {
    const { order, ...p } = lineWithPatience();
    const second = order.enter('kiosk', 301);
    const ready = second.ready(0);
    const first = order.enter('kiosk', 1);
    expect(await settled(ready)).toBe(false);
    first.leave();
    expect(await settled(ready)).toBe(true);
    expect(p.aborted).toEqual([true]);
    second.leave();
  });

  it('a push that left stops waiting (its connection closed)', async () => {
    const { order } = lineWithPatience();
    const second = order.enter('kiosk', 301);
    const ready = second.ready(0);
    second.leave();
    expect(await settled(ready)).toBe(true);
    expect(order.size).toBe(0);
  });

  it('nothing goes ahead of a push that started, nor of one without a first seq', async () => {
    const { order } = lineWithPatience();
    const started = order.enter('kiosk', 301);
    await started.ready(300);
    started.started();
    const unsaid = order.enter('kiosk');
    const retry = order.enter('kiosk', 1);
    // Behind both: it waits for them to start, then for them to settle.
    expect(await settled(unsaid.ready(300))).toBe(true);
    const retryReady = retry.ready(0);
    expect(await settled(retryReady)).toBe(false);
    unsaid.started();
    expect(await settled(retryReady)).toBe(true);
    retry.started();
    const behind = retry.aheadSettled();
    started.leave();
    expect(await settled(behind)).toBe(false);
    unsaid.leave();
    expect(await settled(behind)).toBe(true);
    retry.leave();
    expect(order.size).toBe(0);
  });

  it('copies of one batch keep their arrival order', async () => {
    const { order } = lineWithPatience();
    const original = order.enter('kiosk', 1);
    const copy = order.enter('kiosk', 1);
    const copyReady = copy.ready(0);
    expect(await settled(copyReady)).toBe(false);
    original.started();
    expect(await settled(copyReady)).toBe(true);
    copy.started();
    expect(await settled(copy.aheadSettled())).toBe(false);
    original.leave();
    copy.leave();
    expect(order.size).toBe(0);
  });
});
