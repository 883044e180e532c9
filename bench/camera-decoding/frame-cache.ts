// The frame set takes tens of seconds to render; it is deterministic, so it is rendered once per
// version of the generator and kept in the OS temp dir.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { FRAME_KINDS, type Frame, type FrameSetOptions, writeFrameSet } from './frames';

const GENERATOR_SOURCES = [
  'frames.ts',
  'hard-shots.ts',
  'raster.ts',
  'raster-effects.ts',
  'rng.ts',
  'scene.ts',
  'shots.ts',
];

const frameListSchema = z.array(
  z.object({ file: z.string(), text: z.string().nullable(), kind: z.enum(FRAME_KINDS) }),
);

export async function cachedFrameSet(
  options: FrameSetOptions = {},
): Promise<{ dir: string; frames: Frame[] }> {
  const hash = createHash('sha256').update(JSON.stringify(options));
  for (const source of GENERATOR_SOURCES) hash.update(readFileSync(path.join(import.meta.dirname, source)));
  const dir = path.join(os.tmpdir(), `quiosco-camera-frames-${hash.digest('hex').slice(0, 16)}`);
  const list = path.join(dir, 'frames.json');
  if (existsSync(list))
    return { dir, frames: frameListSchema.parse(JSON.parse(await readFile(list, 'utf8'))) };
  // A run interrupted mid-way leaves no frames.json: start that directory over.
  await rm(dir, { recursive: true, force: true });
  return { dir, frames: await writeFrameSet(dir, options) };
}
