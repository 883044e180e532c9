import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { HARD_DEGRADATIONS } from './hard-shots';
import {
  DEGRADATIONS,
  FRAME_HEIGHT,
  FRAME_WIDTH,
  NO_CODE,
  signedTicketText,
  visitorPassText,
  writeFrameSet,
} from './frames';
import { seededRng } from './rng';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quiosco-frames-test-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('writeFrameSet', () => {
  it('writes the asked-for 640×480 PNGs, listed in frames.json with the text each encodes', async () => {
    const dir = tempDir();
    const frames = await writeFrameSet(dir, { seed: 1, perDegradation: 1, noCodeFrames: 1 });
    expect(frames.map((f) => f.kind)).toEqual([...DEGRADATIONS, NO_CODE]);
    const hard = await writeFrameSet(tempDir(), { set: 'hard', seed: 1, perDegradation: 1, noCodeFrames: 1 });
    expect(hard.map((f) => f.kind)).toEqual([...HARD_DEGRADATIONS, NO_CODE]);
    expect(frames.filter((f) => f.text === null).map((f) => f.kind)).toEqual([NO_CODE]);
    expect(JSON.parse(readFileSync(path.join(dir, 'frames.json'), 'utf8'))).toEqual(frames);
    for (const frame of frames) {
      const png = PNG.sync.read(readFileSync(path.join(dir, frame.file)));
      expect([png.width, png.height]).toEqual([FRAME_WIDTH, FRAME_HEIGHT]);
      // The listed code really is in the frame (and none in the no-code one), read by a third decoder.
      if (frame.kind === 'clean' || frame.kind === NO_CODE) {
        expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null).toBe(frame.text);
      }
    }
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    const first = await writeFrameSet(a, { seed: 5, perDegradation: 1, noCodeFrames: 1 });
    const again = await writeFrameSet(b, { seed: 5, perDegradation: 1, noCodeFrames: 1 });
    const other = await writeFrameSet(c, { seed: 6, perDegradation: 1, noCodeFrames: 1 });
    expect(again).toEqual(first);
    for (const frame of first) {
      expect(readFileSync(path.join(b, frame.file)).equals(readFileSync(path.join(a, frame.file)))).toBe(
        true,
      );
    }
    expect(other.map((f) => f.text)).not.toEqual(first.map((f) => f.text));
  });
});

describe('ticket texts', () => {
  it('are QR alphanumeric: a signed ticket in base32, a visitor pass as an uppercase UUID', () => {
    const rng = seededRng(9);
    for (let i = 0; i < 50; i++) {
      expect(signedTicketText(rng)).toMatch(/^QT1:[A-Z2-7]{100,130}$/);
      expect(visitorPassText(rng)).toMatch(
        /^QP1:[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/,
      );
    }
  });
});
