// The demo heritage records' photos: small generated PNGs (a landscape in seeded colours), named
// by their SHA-256 as kiosks name photos, so exports of the demo data carry real images. The same
// seed draws the same pictures; the plan keeps only each photo's seed and the bytes are drawn
// again when it is stored.
import { createHash } from 'node:crypto';
import { isInstanceList, ownAnswer } from '../../shared/forms/answer-values';
import type { Answers, FormNode } from '../../shared/forms/form-definition';
import type { Random } from '../../shared/forms/node/sample-answers';
import { appendChunk, attachmentState } from '../../sync-server/attachments/attachment-store';
import type { ServerDb } from '../../sync-server/db/server-database';
import { encodePng } from './png-image';

const WIDTH = 160;
const HEIGHT = 120;
/** Bytes per uploaded chunk (kiosks send up to MAX_ATTACHMENT_CHUNK_BYTES). */
const CHUNK_BYTES = 256 * 1024;

type Rgb = readonly [number, number, number];

/** The picture for a seed: a sky, a sun and hills, each in a colour of its own. */
export function demoPhoto(seed: number): Buffer {
  const colour = (n: number): Rgb => [
    (seed * 37 * n) % 200,
    (seed * 91 + 60 * n) % 200,
    (seed * 53 * n + 90) % 256,
  ];
  const [sky, sun, hill] = [colour(1), colour(2), colour(3)];
  const sunX = 20 + (seed % 120);
  const horizon = 60 + (seed % 40);
  return encodePng(WIDTH, HEIGHT, (x, y) => {
    if ((x - sunX) ** 2 + (y - 30) ** 2 < 225) return sun;
    const ground = horizon + 12 * Math.sin((x + seed) / 17);
    if (y > ground) return hill;
    const fade = y / HEIGHT;
    return [sky[0] * (1 - fade) + 255 * fade, sky[1] * (1 - fade) + 255 * fade, sky[2]];
  });
}

export function photoName(bytes: Buffer): string {
  return `${createHash('sha256').update(bytes).digest('hex')}.png`;
}

/**
 * The answers with every image answer (repeats included) replaced by a drawn photo's name;
 * `photos` gets each name's seed.
 */
export function withDemoPhotos(
  nodes: readonly FormNode[],
  answers: Answers,
  rand: Random,
  photos: Map<string, number>,
): Answers {
  const result: Answers = { ...answers };
  for (const node of nodes) {
    const value = ownAnswer(answers, node.name);
    if (node.kind === 'question') {
      if (node.type !== 'image' || typeof value !== 'string') continue;
      const seed = Math.floor(rand() * 2 ** 31);
      const name = photoName(demoPhoto(seed));
      photos.set(name, seed);
      result[node.name] = name;
    } else if (node.kind === 'group') {
      Object.assign(result, withDemoPhotos(node.children, result, rand, photos));
    } else if (isInstanceList(value)) {
      result[node.name] = value.map((instance) => withDemoPhotos(node.children, instance, rand, photos));
    }
  }
  return result;
}

/**
 * Uploads a photo as a kiosk's upload stores it (the server's appendChunk: chunks appended at the
 * server's offset, the whole verified against its name), unless the server has it already; answers
 * whether it stored it. A copy left halfway is resumed where it stopped.
 */
export async function storeDemoPhoto(s: ServerDb, name: string, bytes: Buffer, now: Date): Promise<boolean> {
  let state = await attachmentState(s.db, name);
  if (state.complete) return false;
  while (!state.complete) {
    const offset = state.received;
    const chunk = bytes.subarray(offset, offset + CHUNK_BYTES);
    state = await appendChunk(s, name, { offset, size: bytes.length }, chunk, now);
  }
  return true;
}
