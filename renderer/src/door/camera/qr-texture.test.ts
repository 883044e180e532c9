import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrTextureScore } from './qr-texture';
import { RETRY_TEXTURE } from './zxing-decoder';

const WIDTH = 640;
const HEIGHT = 480;

/** A grey 640×480 frame whose pixel at (x, y) is `shade(x, y)`. */
function frame(shade: (x: number, y: number) => number) {
  const data = new Uint8ClampedArray(WIDTH * HEIGHT * 4);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const i = (y * WIDTH + x) * 4;
      data.fill(shade(x, y), i, i + 3);
      data[i + 3] = 255;
    }
  }
  return { data, width: WIDTH, height: HEIGHT };
}

/** A ticket's QR code, `module` px per module, dark on light at (100, 60), dimmed by `light`. */
function qrFrame(module: number, light = 1) {
  const { modules } = QRCode.create('QT1:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSTUVWXYZ', {
    errorCorrectionLevel: 'M',
  });
  return frame((x, y) => {
    const [mx, my] = [Math.floor((x - 100) / module), Math.floor((y - 60) / module)];
    const inside = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size;
    return Math.round((inside && modules.get(my, mx) ? 20 : 230) * light);
  });
}

describe('qrTextureScore', () => {
  it('scores a plain frame and smooth gradients as no texture', () => {
    expect(qrTextureScore(frame(() => 200))).toBe(0);
    expect(qrTextureScore(frame((x, y) => (x + y) / 5))).toBeLessThan(RETRY_TEXTURE / 4);
  });

  it('scores stripes (blinds, a barcode-free poster) low: they step one way only', () => {
    expect(qrTextureScore(frame((x) => (Math.floor(x / 4) % 2 ? 30 : 220)))).toBeLessThan(RETRY_TEXTURE / 4);
  });

  it('scores a QR code well above the retry threshold, small or in dim light', () => {
    expect(qrTextureScore(qrFrame(3))).toBeGreaterThan(RETRY_TEXTURE * 2);
    expect(qrTextureScore(qrFrame(6, 0.25))).toBeGreaterThan(RETRY_TEXTURE * 2);
  });
});
