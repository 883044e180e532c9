// For the camera decoder's unit tests: Node has no ImageData, and the decoder's looks (sharpen.ts,
// steady-mean.ts) make theirs with `new ImageData(w, h)`. Tests stub the global with this.
export class NodeImageData {
  readonly data: Uint8ClampedArray<ArrayBuffer>;
  readonly colorSpace = 'srgb';
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8ClampedArray(width * height * 4);
  }
}
