import { describe, expect, it } from 'vitest';
import { createRaster, gaussianBlur, homography, project } from './raster';

describe('homography', () => {
  it('maps each source corner onto its target corner, and lines to lines', () => {
    const from = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
    ];
    const to = [
      { x: 100, y: 50 },
      { x: 180, y: 60 },
      { x: 170, y: 150 },
      { x: 90, y: 130 },
    ];
    const h = homography(from, to);
    from.forEach((p, i) => {
      const q = project(h, p.x, p.y);
      expect(q.x).toBeCloseTo(to[i]?.x ?? NaN, 9);
      expect(q.y).toBeCloseTo(to[i]?.y ?? NaN, 9);
    });
    // The source square's centre lands where the target quad's diagonals cross.
    const centre = project(h, 5, 5);
    const [a, , c] = to as [{ x: number; y: number }, unknown, { x: number; y: number }];
    const cross = (centre.x - a.x) * (c.y - a.y) - (centre.y - a.y) * (c.x - a.x);
    expect(Math.abs(cross)).toBeLessThan(1e-6);
  });

  it('refuses a quadrilateral collapsed onto a line', () => {
    const square = [
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 1, y: 1 },
      { x: 0, y: 1 },
    ];
    const line = [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: 2 },
      { x: 3, y: 3 },
    ];
    expect(() => homography(line, square)).toThrow('degenerate quadrilateral');
  });
});

describe('gaussianBlur', () => {
  it('keeps a flat image flat and softens an edge symmetrically', () => {
    const raster = createRaster(40, 10);
    for (let y = 0; y < 10; y++) for (let x = 0; x < 40; x++) raster.r[y * 40 + x] = x < 20 ? 0 : 200;
    raster.g.fill(77);
    gaussianBlur(raster, 2);
    for (const v of raster.g) expect(v).toBeCloseTo(77, 3);
    const row = Array.from(raster.r.subarray(5 * 40, 6 * 40));
    expect(row[0]).toBeCloseTo(0, 3);
    expect(row[39]).toBeCloseTo(200, 3);
    expect(row[19]).toBeGreaterThan(40);
    expect(row[20]).toBeLessThan(160);
    expect((row[19] ?? NaN) + (row[20] ?? NaN)).toBeCloseTo(200, 3);
  });
});
