// Real images for branding tests: PNGs encoded by pngjs, of one colour or a diagonal gradient.
import { PNG } from 'pngjs';

export function pngImage(width: number, height: number, rgb: readonly [number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      // A gradient towards the corner, so that two images of one colour still differ by size.
      const shade = (x + y) / (width + height);
      png.data[at] = Math.round(rgb[0] * (1 - shade / 2));
      png.data[at + 1] = Math.round(rgb[1] * (1 - shade / 2));
      png.data[at + 2] = Math.round(rgb[2] * (1 - shade / 2));
      png.data[at + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}
