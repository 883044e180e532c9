import { describe, expect, it } from 'vitest';
import { pngImage } from '../../sync-server/branding/test-images';
import { sniffBrandImage } from './brand-image';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffBrandImage', () => {
  it('reads a real PNG and its size from its content', () => {
    expect(sniffBrandImage(pngImage(40, 30, [200, 20, 60]))).toEqual({
      ok: true,
      contentType: 'image/png',
      width: 40,
      height: 30,
    });
  });

  it('finds a JPEG frame header past its other segments', () => {
    const app0 = [0xff, 0xe0, 0x00, 0x10, ...bytes('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
    const sof2 = [0xff, 0xc2, 0x00, 0x11, 8, 0x04, 0x38, 0x07, 0x80, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
    expect(sniffBrandImage(bytes([0xff, 0xd8], app0, sof2, [0xff, 0xd9]))).toEqual({
      ok: true,
      contentType: 'image/jpeg',
      width: 1920,
      height: 1080,
    });
  });

  it('reads the three kinds of WebP header', () => {
    const riff = (chunk: string, body: number[]) =>
      bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, [0, 0, 0, 0], body);
    // Lossy: a key frame's start code, then 14-bit width and height.
    const lossy = riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01]);
    expect(sniffBrandImage(lossy)).toMatchObject({ ok: true, width: 640, height: 480 });
    // Lossless: 0x2f, then width-1 and height-1 in 14 bits each: 100×50.
    const bits = 99 | (49 << 14);
    const lossless = riff('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, 0]);
    expect(sniffBrandImage(lossless)).toMatchObject({ ok: true, width: 100, height: 50 });
    const extended = riff('VP8X', [0, 0, 0, 0, 0xff, 0x03, 0x00, 0xff, 0x02, 0x00]);
    expect(sniffBrandImage(extended)).toMatchObject({
      ok: true,
      contentType: 'image/webp',
      width: 1024,
      height: 768,
    });
  });

  it('refuses SVG, text named like an image, an empty file, and a too-big or too-large image', () => {
    const svg = new TextEncoder().encode(
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    expect(sniffBrandImage(svg)).toEqual({
      ok: false,
      error: 'SVG images are refused (they can carry scripts and links): export it as PNG',
    });
    expect(sniffBrandImage(new TextEncoder().encode('GIF89a not really'))).toEqual({
      ok: false,
      error: 'not a PNG, JPEG or WebP image (read from its content, whatever its name says)',
    });
    expect(sniffBrandImage(new Uint8Array())).toEqual({ ok: false, error: 'the file is empty' });
    const big = new Uint8Array(1024 * 1024 + 1);
    big.set(pngImage(2, 2, [0, 0, 0]));
    expect(sniffBrandImage(big)).toEqual({
      ok: false,
      error: 'the image has 1048577 bytes; at most 1048576 (1 MiB) are accepted',
    });
    const wide = pngImage(2, 2, [0, 0, 0]);
    wide.writeUInt32BE(5000, 16);
    expect(sniffBrandImage(wide)).toEqual({
      ok: false,
      error: 'the image is 5000×2 pixels; each side must be 1 to 4096',
    });
  });

  it('refuses a JPEG cut before its frame header', () => {
    expect(sniffBrandImage(bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0, 0, 0, 0, 0, 0]))).toEqual({
      ok: false,
      error: 'a JPEG without a frame header',
    });
  });
});
