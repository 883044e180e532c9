// The camera decoding bench's frame sets: ticket and visitor-pass QR codes (error correction M, as
// printed) photographed by a simulated 640×480 webcam (scene.ts), with the ways door scans go wrong.
// The standard set (shots.ts): noise, defocus, a tilted or rotated ticket, dim light, glare, a phone
// screen, a code far from the lens. The hard set (hard-shots.ts): what the standard set was too kind
// about. Seeded, so every run and machine measures the same frames.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HARD_DEGRADATIONS, type HardDegradation, hardShotFor } from './hard-shots';
import { encodePng } from './raster';
import { type Rng, seededRng } from './rng';
import { renderFrame } from './scene';
import { shotFor } from './shots';

export { FRAME_HEIGHT, FRAME_WIDTH } from './scene';

export const DEGRADATIONS = [
  'clean',
  'noise',
  'blur-1',
  'blur-2',
  'blur-3',
  'rotation',
  'perspective',
  'low-contrast',
  'glare',
  'phone-screen',
  'small',
  'combo',
] as const;
export type Degradation = (typeof DEGRADATIONS)[number];

/** Most frames a door camera sees show no code; they measure idle cost and false reads. */
export const NO_CODE = 'no-code';
export const FRAME_KINDS = [...DEGRADATIONS, ...HARD_DEGRADATIONS, NO_CODE] as const;
export type FrameKind = (typeof FRAME_KINDS)[number];

/** `text`: what the frame's QR code encodes; null on a no-code frame. */
export type Frame = { file: string; text: string | null; kind: FrameKind };

export type FrameSetName = 'standard' | 'hard';

export type FrameSetOptions = {
  set?: FrameSetName;
  seed?: number;
  perDegradation?: number;
  noCodeFrames?: number;
};

const SETS = {
  standard: { seed: 20_240_601, perDegradation: 25, noCodeFrames: 25, kinds: DEGRADATIONS },
  hard: { seed: 20_260_113, perDegradation: 30, noCodeFrames: 50, kinds: HARD_DEGRADATIONS },
} as const;

/** Writes the PNGs and `frames.json` into `dir`; returns the frames with the text each one encodes. */
export async function writeFrameSet(dir: string, options: FrameSetOptions = {}): Promise<Frame[]> {
  const set = SETS[options.set ?? 'standard'];
  const seed = options.seed ?? set.seed;
  const perDegradation = options.perDegradation ?? set.perDegradation;
  const kinds: readonly FrameKind[] = set.kinds;
  const plan: FrameKind[] = kinds.flatMap((d) => Array<FrameKind>(perDegradation).fill(d));
  plan.push(...Array<FrameKind>(options.noCodeFrames ?? set.noCodeFrames).fill(NO_CODE));
  await mkdir(dir, { recursive: true });
  const frames: Frame[] = [];
  for (const [index, kind] of plan.entries()) {
    // A stream of its own per frame: no frame depends on how much randomness the others drew.
    const rng = seededRng(seed ^ Math.imul(index + 1, 0x9e3779b1));
    const text = kind === NO_CODE ? null : index % 3 === 2 ? visitorPassText(rng) : signedTicketText(rng);
    const file = `${String(index).padStart(3, '0')}-${kind}.png`;
    const shot =
      set === SETS.hard
        ? // A hard no-code frame has one of the hard conditions too: shadows and moiré must not read as codes.
          hardShotFor(
            kind === NO_CODE
              ? (HARD_DEGRADATIONS[index % HARD_DEGRADATIONS.length] as HardDegradation)
              : (kind as HardDegradation),
            rng,
          )
        : shotFor(kind === NO_CODE ? 'clean' : (kind as Degradation), rng);
    await writeFile(path.join(dir, file), encodePng(renderFrame(text, shot, rng)));
    frames.push({ file, text, kind });
  }
  await writeFile(path.join(dir, 'frames.json'), JSON.stringify(frames, null, 1));
  return frames;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789ABCDEF';

/** Shaped like our signed tickets: prefix + uppercase base32 (QR alphanumeric mode). */
export function signedTicketText(rng: Rng): string {
  const length = rng.int(100, 130);
  let body = '';
  for (let i = 0; i < length; i++) body += BASE32[rng.int(0, 31)];
  return `QT1:${body}`;
}

/** A registration's visitor pass: prefix + uppercase UUID. */
export function visitorPassText(rng: Rng): string {
  let hex = '';
  for (let i = 0; i < 32; i++) hex += HEX[rng.int(0, 15)];
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return `QP1:${uuid}`;
}
