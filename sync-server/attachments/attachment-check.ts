// What a complete upload must be before it counts as stored: bytes whose SHA-256 is the one in
// their name, and an image of the type the name says (JPEG SOI…EOI, PNG signature…IEND).
import { createHash } from 'node:crypto';

export type AttachmentProblem = { code: 'hash_mismatch' | 'not_an_image'; message: string };

type ImageType = { mime: string; label: string; head: Buffer; tail: Buffer };

const IMAGE_TYPES: Record<'jpg' | 'png', ImageType> = {
  jpg: {
    mime: 'image/jpeg',
    label: 'JPEG',
    head: Buffer.from([0xff, 0xd8, 0xff]),
    tail: Buffer.from([0xff, 0xd9]),
  },
  png: {
    mime: 'image/png',
    label: 'PNG',
    head: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    // The IEND chunk: zero length, its type and its CRC.
    tail: Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
  },
};

/** Only for names AttachmentNameSchema accepted ("<sha256>.jpg|png"). */
function imageTypeOf(name: string): ImageType {
  return name.endsWith('.png') ? IMAGE_TYPES.png : IMAGE_TYPES.jpg;
}

export const mimeOf = (name: string): string => imageTypeOf(name).mime;

/** Reads an attachment's bytes piece by piece: the SHA-256, the first and the last few bytes. */
export class AttachmentCheck {
  private readonly hash = createHash('sha256');
  private head = Buffer.alloc(0);
  private tail = Buffer.alloc(0);

  constructor(private readonly name: string) {}

  update(bytes: Buffer): void {
    this.hash.update(bytes);
    if (this.head.length < 16) this.head = Buffer.concat([this.head, bytes.subarray(0, 16)]);
    this.tail = Buffer.concat([this.tail, bytes.subarray(-16)]).subarray(-16);
  }

  /** undefined when the bytes are what the name says. */
  problem(): AttachmentProblem | undefined {
    const digest = this.hash.digest('hex');
    if (!this.name.startsWith(digest)) {
      return {
        code: 'hash_mismatch',
        message: `The bytes received hash to ${digest}, not to the name ${this.name}: the copy was discarded; upload it again from offset 0`,
      };
    }
    const type = imageTypeOf(this.name);
    const head = this.head.subarray(0, type.head.length);
    const tail = this.tail.subarray(-type.tail.length);
    if (!head.equals(type.head) || !tail.equals(type.tail)) {
      return {
        code: 'not_an_image',
        message: `${this.name} is not a whole ${type.label} image (by its first and last bytes): the copy was discarded`,
      };
    }
    return undefined;
  }
}
