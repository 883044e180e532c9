import { describe, expect, it } from 'vitest';
import { holdWhileShown } from './hold-while-shown';

type Device = { id: string };

/** A device start the test finishes by hand, and what the view was told. */
function harness() {
  let resolve: (device: Device) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const starting = new Promise<Device>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const told: string[] = [];
  const hold = holdWhileShown(starting, {
    started: (device) => told.push(`started ${device.id}`),
    failed: (error) => told.push(`failed ${String(error)}`),
    release: (device) => told.push(`released ${device.id}`),
  });
  // Settles after the hold's own handlers have run.
  const settled = starting.then(
    () => undefined,
    () => undefined,
  );
  return { hold, told, resolve, reject, settled };
}

describe('holdWhileShown', () => {
  it('hands the started device to the view and releases it when the view goes', async () => {
    const { hold, told, resolve, settled } = harness();
    resolve({ id: 'cam' });
    await settled;
    expect(hold.held()).toEqual({ id: 'cam' });
    hold.leave();
    expect(told).toEqual(['started cam', 'released cam']);
    expect(hold.gone()).toBe(true);
  });

  it('releases a device that arrives after the view has gone, without telling the view', async () => {
    const { hold, told, resolve, settled } = harness();
    hold.leave();
    resolve({ id: 'late' });
    await settled;
    expect(told).toEqual(['released late']);
  });

  it('tells a failure only while the view shows', async () => {
    const shown = harness();
    shown.reject('NotAllowedError');
    await shown.settled;
    expect(shown.told).toEqual(['failed NotAllowedError']);

    const gone = harness();
    gone.hold.leave();
    gone.reject('NotAllowedError');
    await gone.settled;
    expect(gone.told).toEqual([]);
  });
});
