import { describe, expect, it } from 'vitest';
import { Turns } from './push-turns';

/** A piece of work that finishes when the test says so, noting when it started. */
function held(started: string[], name: string) {
  let finish = (): void => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    work: async () => {
      started.push(name);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

/** Lets every promise that can settle settle. */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('push turns', () => {
  it('runs at most the allowed number at once, the rest in arrival order', async () => {
    const turns = new Turns(2);
    const started: string[] = [];
    const works = ['a', 'b', 'c', 'd'].map((name) => held(started, name));
    const results = works.map((w) => turns.run(w.work));
    await settled();
    expect(started).toEqual(['a', 'b']);
    works[1]?.finish();
    await settled();
    expect(started).toEqual(['a', 'b', 'c']);
    works[0]?.finish();
    await settled();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    works[2]?.finish();
    works[3]?.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a failed turn passes to the next and its error goes to its caller only', async () => {
    const turns = new Turns(1);
    const failing = turns.run(() => Promise.reject(new Error('batch refused')));
    const next = turns.run(() => Promise.resolve('stored'));
    await expect(failing).rejects.toThrow('batch refused');
    await expect(next).resolves.toBe('stored');
    // Nothing is left running: a new turn starts at once.
    const started: string[] = [];
    const later = held(started, 'later');
    const result = turns.run(later.work);
    await settled();
    expect(started).toEqual(['later']);
    later.finish();
    await expect(result).resolves.toBe('later');
  });
});
