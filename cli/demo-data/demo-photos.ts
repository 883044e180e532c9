// The demo heritage records' photos: small generated PNGs (a landscape in seeded colours), named
// by their SHA-256 as kiosks name photos, so exports of the demo data carry real images. The same
// seed draws the same pictures; the plan keeps only each photo's seed and the bytes are drawn
// again when it is stored.
import { createHash } from 'node:crypto';
import { isInstanceList, ownAnswer } from '../../shared/forms/answer-values';
import type { Answers, FormNode } from '../../shared/forms/form-definition';
import type { Random } from '../../shared/forms/node/sample-answers';
import type { ServerDb } from '../../sync-server/db/server-database';
import { encodePng } from './png-image';

const WIDTH = 160;
const HEIGHT = 120;
/** Bytes per stored chunk, as the server stores uploads. */
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
 * Stores a photo as a complete attachment, as an upload leaves one (the attachment row with its
 * verified time, the bytes in chunks), unless the server has it already. The demo writes it here
 * rather than through the upload route: it is the server's own database, and no kiosk uploads.
 */
export async function storeDemoPhoto(s: ServerDb, name: string, bytes: Buffer, now: Date): Promise<boolean> {
  return s.transaction(async (trx) => {
    const known = await trx
      .selectFrom('attachments')
      .select('name')
      .where('name', '=', name)
      .executeTakeFirst();
    if (known !== undefined) return false;
    const at = now.toISOString();
    await trx
      .insertInto('attachments')
      .values({
        name,
        mime: 'image/png',
        size: bytes.length,
        received: bytes.length,
        created_at: at,
        complete_at: at,
      })
      .execute();
    for (let idx = 0; idx * CHUNK_BYTES < bytes.length; idx++) {
      const data = bytes.subarray(idx * CHUNK_BYTES, (idx + 1) * CHUNK_BYTES);
      await trx.insertInto('attachment_chunks').values({ name, idx, data }).execute();
    }
    return true;
  });
}
