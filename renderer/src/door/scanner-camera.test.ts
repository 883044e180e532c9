import { describe, expect, it } from 'vitest';
import type { DoorCamera } from './camera/door-camera';
import { holdScannerCamera, type CameraState } from './scanner-camera';

/** A camera start the test finishes by hand, the states shown and the cameras stopped. */
function harness() {
  let resolve: (camera: DoorCamera | null) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const starting = new Promise<DoorCamera | null>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const shown: CameraState[] = [];
  const stopped: string[] = [];
  const camera = (name: string): DoorCamera => ({ stop: () => stopped.push(name) });
  const hold = holdScannerCamera(starting, (state) => shown.push(state));
  // Settles after the hold's own handlers have run.
  const settled = starting.then(
    () => undefined,
    () => undefined,
  );
  return { hold, shown, stopped, camera, resolve, reject, settled };
}

describe('holdScannerCamera', () => {
  it('stops a camera that starts after the door screen has gone, and shows nothing', async () => {
    const { hold, shown, stopped, camera, resolve, settled } = harness();
    hold.leave();
    resolve(camera('late'));
    await settled;
    expect(stopped).toEqual(['late']);
    expect(shown).toEqual([]);
  });

  it('shows the camera on, and stops it when the screen goes', async () => {
    const { hold, shown, stopped, camera, resolve, settled } = harness();
    resolve(camera('door'));
    await settled;
    expect(shown).toEqual([{ kind: 'on' }]);
    expect(stopped).toEqual([]);
    hold.leave();
    expect(stopped).toEqual(['door']);
  });

  it('shows no camera, for none to start and for one not found', async () => {
    const absent = harness();
    absent.resolve(null);
    await absent.settled;
    absent.hold.leave();
    expect(absent.shown).toEqual([{ kind: 'none' }]);

    const unplugged = harness();
    unplugged.reject(new DOMException('Requested device not found', 'NotFoundError'));
    await unplugged.settled;
    expect(unplugged.shown).toEqual([{ kind: 'none' }]);
  });

  it('tells a failure only while the screen shows', async () => {
    const refused = new DOMException('Permission denied', 'NotAllowedError');
    const shown = harness();
    shown.reject(refused);
    await shown.settled;
    expect(shown.shown).toEqual([{ kind: 'error', message: 'NotAllowedError: Permission denied' }]);

    const gone = harness();
    gone.hold.leave();
    gone.reject(refused);
    await gone.settled;
    expect(gone.shown).toEqual([]);
  });
});
