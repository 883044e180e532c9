import { describe, expect, it } from 'vitest';
import { DeviceOrder, type PlaceInLine } from './device-order';
import { Turns } from './push-turns';

/** Whether a promise has settled by the time everything already queued has run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise<void>((resolve) => setImmediate(resolve));
  return done;
}

/** A push as applyPush runs it: in line, in a turn, checked, then settled after those ahead. */
async function push(turns: Turns, place: PlaceInLine, name: string, log: string[]): Promise<void> {
  try {
    await place.ready;
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
    expect(await settled(second.ready)).toBe(false);
    expect(await settled(other.ready)).toBe(true);
    first.started();
    expect(await settled(second.ready)).toBe(true);
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
    expect(await settled(next.ready)).toBe(true);
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
