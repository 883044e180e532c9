// The barcode question's camera, the door's (scanner-camera.ts) for one read: the first code read
// goes into the answer and turns the camera off. Once the question has gone, a camera still
// starting is stopped as it arrives and a code read late reaches nothing (holdWhileShown).
import type { Holding } from '../app/hold-while-shown';
import type { DoorCamera } from '../door/camera/door-camera';
import { holdScannerCamera } from '../door/scanner-camera';

export type BarcodeStatus = 'off' | 'starting' | 'on' | 'failed';

/** `start` resolves to null where there is no camera, which the question tells as a failure. */
export function readBarcode(
  start: (onText: (text: string) => void) => Promise<DoorCamera | null>,
  show: (status: BarcodeStatus) => void,
  onCode: (text: string) => void,
): Holding<DoorCamera | null> {
  // The camera reads only after it has started, long after `hold` is there.
  const hold = holdScannerCamera(
    start((text) => {
      if (hold.gone()) return;
      hold.leave();
      show('off');
      onCode(text);
    }),
    (state) => show(state.kind === 'on' ? 'on' : 'failed'),
  );
  return hold;
}
