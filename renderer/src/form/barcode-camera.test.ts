import { describe, expect, it } from 'vitest';
import type { DoorCamera } from '../door/camera/door-camera';
import { readBarcode, type BarcodeStatus } from './barcode-camera';

const CODE = '7501234567890';

/**
 * A barcode read whose camera the test starts by hand (`arrive`) and reads codes into by hand, with
 * everything the question saw: statuses, codes, and the cameras stopped.
 */
function question() {
  const seen = { statuses: [] as BarcodeStatus[], codes: [] as string[], stopped: 0 };
  let arrive: (withCamera: boolean) => void = () => undefined;
  let readCode: (text: string) => void = () => undefined;
  const starting = new Promise<DoorCamera | null>((res) => {
    arrive = (withCamera) => res(withCamera ? { stop: () => void seen.stopped++ } : null);
  });
  const hold = readBarcode(
    (onText) => {
      readCode = onText;
      return starting;
    },
    (status) => seen.statuses.push(status),
    (text) => seen.codes.push(text),
  );
  // Chained after the hold's own handler, so it settles once that has run.
  const settled = starting.then(() => undefined);
  const started = async (withCamera = true) => {
    arrive(withCamera);
    await settled;
  };
  return { seen, leave: hold.leave, started, read: (text: string) => readCode(text) };
}

describe('readBarcode', () => {
  it('stops a camera that starts after the question has gone, and what it reads then goes nowhere', async () => {
    const { seen, leave, started, read } = question();
    leave();
    await started();
    read(CODE);
    expect(seen).toEqual({ statuses: [], codes: [], stopped: 1 });
  });

  it('hands a code read after the question has gone to nobody', async () => {
    const { seen, leave, started, read } = question();
    await started();
    leave();
    read(CODE);
    expect(seen).toEqual({ statuses: ['on'], codes: [], stopped: 1 });
  });

  it('puts the first code read into the answer and turns the camera off', async () => {
    const { seen, started, read } = question();
    await started();
    read(CODE);
    read(CODE);
    expect(seen).toEqual({ statuses: ['on', 'off'], codes: [CODE], stopped: 1 });
  });

  it('tells a question with no camera that the camera failed', async () => {
    const { seen, started } = question();
    await started(false);
    expect(seen).toEqual({ statuses: ['failed'], codes: [], stopped: 0 });
  });
});
