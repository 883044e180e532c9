import { create } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { encodeVisitorPass } from '../../../shared/passes/visitor-pass';
import { qrShape } from './qr-path';

/** Paints the path's rectangles back onto a grid. */
function paint(size: number, path: string): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, width] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let col = Number(x); col < Number(x) + Number(width); col++) {
      const row = grid[Number(y)];
      if (row) row[col] = true;
    }
  }
  return grid;
}

describe('qrShape', () => {
  it('draws exactly the dark modules of the code', () => {
    const text = 'https://cultura.hidalgo.gob.mx/aviso-de-privacidad';
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    const { size, path } = qrShape(text);
    expect(size).toBe(modules.size);
    const grid = paint(size, path);
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) expect(grid[row]?.[col]).toBe(modules.get(row, col) === 1);
    }
  });

  it('encodes a visitor pass in the compact alphanumeric mode', () => {
    const pass = encodeVisitorPass('0199a3b2-7c4e-7d21-9f00-1234567890ab');
    expect(pass).toBe('QP1:0199A3B2-7C4E-7D21-9F00-1234567890AB');
    const { segments } = create(pass, { errorCorrectionLevel: 'M' });
    expect(segments.map((segment) => segment.mode.id)).not.toContain('Byte');
  });
});
