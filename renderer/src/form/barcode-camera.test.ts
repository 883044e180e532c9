import { describe, expect, it } from 'vitest';
import type { DoorCamera } from '../door/camera/door-camera';
import { readBarcode, type BarcodeStatus } from './barcode-camera';

/** A camera start the test finishes by hand and reads codes into by hand. */
function harness() {
  let resolve: (camera: DoorCamera | null) => void = () => undefined;
  let read: (text: string) => void = () => undefined;
  const starting = new Promise<DoorCamera | null>((res) => {
    resolve = res;
  });
  const shown: BarcodeStatus[] = [];
  const codes: string[] = [];
  const stopped: string[] = [];
  const camera = (name: string): DoorCamera => ({ stop: () => stopped.push(name) });
  const hold = readBarcode(
    (onText) => {
      read = onText;
      return starting;
    },
    (status) => shown.push(status),
    (text) => codes.push(text),
  );
  // Settles after the hold's own handlers have run.
  const settled = starting.then(() => undefined);
  return { hold, shown, codes, stopped, camera, resolve, read: (text: string) => read(text), settled };
}

describe('readBarcode', () => {
  it('stops a camera that starts after the question has gone, and shows nothing', async () => {
    const { hold, shown, stopped, camera, resolve, settled } = harness();
    hold.leave();
    resolve(camera('late'));
    await settled;
    expect(stopped).toEqual(['late']);
    expect(shown).toEqual([]);
  });

  it('puts the first code read into the answer and turns the camera off', async () => {
    const { shown, codes, stopped, camera, resolve, read, settled } = harness();
    resolve(camera('question'));
    await settled;
    read('7501234567890');
    read('7501234567890');
    expect(codes).toEqual(['7501234567890']);
    expect(stopped).toEqual(['question']);
    expect(shown).toEqual(['on', 'off']);
  });

  it('hands a code read after the question has gone to nobody', async () => {
    const { hold, shown, codes, stopped, camera, resolve, read, settled } = harness();
    resolve(camera('question'));
    await settled;
    hold.leave();
    read('7501234567890');
    expect(codes).toEqual([]);
    expect(stopped).toEqual(['question']);
    expect(shown).toEqual(['on']);
  });

  it('tells a question with no camera that the camera failed', async () => {
    const { shown, resolve, settled } = harness();
    resolve(null);
    await settled;
    expect(shown).toEqual(['failed']);
  });
});
