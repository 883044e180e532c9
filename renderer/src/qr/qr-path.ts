// A QR code as one SVG path: crisp at any size, no canvas and no data: URL for the CSP to allow.
import { create } from 'qrcode';

export type QrShape = {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** One rectangle per horizontal run of dark modules, in module units. */
  path: string;
};

export function qrShape(text: string): QrShape {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const { size } = modules;
  let path = '';
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && modules.get(row, col)) col++;
      path += `M${start} ${row}h${col - start}v1h${start - col}z`;
    }
  }
  return { size, path };
}
