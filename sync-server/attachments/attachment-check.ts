// What a complete upload must be before it counts as stored: bytes whose SHA-256 is the one in
// their name, and a file of the type the name says, by its content (shared/sync/media-header.ts).
// The bytes stream past once: the head is sniffed, images and PDFs end as their type ends, and
// text is checked as it arrives. The kiosk checked the whole framing before it named the file.
import { createHash } from 'node:crypto';
import { formatOfName, type KnownFormat } from '../../shared/sync/attachment-formats';
import { sniffContainer, TextCheck } from '../../shared/sync/media-header';

export type AttachmentProblem = { code: 'hash_mismatch' | 'not_an_image'; message: string };

/** The bytes sniffed at the start: enough for every container's signature. */
const HEAD_BYTES = 64;
/** A PDF's %%EOF may be followed by a little whitespace or an incremental-update marker. */
const TAIL_BYTES = 1024;

/** How each image type must end: JPEG's end-of-image marker, PNG's IEND chunk (its CRC fixed). */
const IMAGE_TAILS: Partial<Record<KnownFormat['container'], { label: string; tail: Buffer }>> = {
  jpeg: { label: 'JPEG', tail: Buffer.from([0xff, 0xd9]) },
  png: { label: 'PNG', tail: Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]) },
};

/** Only for names AttachmentNameSchema accepted ("<sha256>.<extension>"). */
export const mimeOf = (name: string): string => formatOfName(name).mime;

/** Reads an attachment's bytes piece by piece: the SHA-256, the first and the last bytes. */
export class AttachmentCheck {
  private readonly hash = createHash('sha256');
  private readonly format: KnownFormat;
  private readonly text: TextCheck | undefined;
  private head = Buffer.alloc(0);
  private tail = Buffer.alloc(0);

  constructor(private readonly name: string) {
    this.format = formatOfName(name);
    this.text = this.format.container === 'text' ? new TextCheck() : undefined;
  }

  update(bytes: Buffer): void {
    this.hash.update(bytes);
    this.text?.push(bytes);
    if (this.head.length < HEAD_BYTES) this.head = Buffer.concat([this.head, bytes.subarray(0, HEAD_BYTES)]);
    this.tail = Buffer.concat([this.tail, bytes.subarray(-TAIL_BYTES)]).subarray(-TAIL_BYTES);
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
    const { container, mime } = this.format;
    const image = IMAGE_TAILS[container];
    if (image) {
      return sniffContainer(this.head) === container &&
        this.tail.subarray(-image.tail.length).equals(image.tail)
        ? undefined
        : {
            code: 'not_an_image',
            message: `${this.name} is not a whole ${image.label} image (by its first and last bytes): the copy was discarded`,
          };
    }
    const problem =
      container === 'text'
        ? this.text?.end()
        : sniffContainer(this.head) !== container
          ? 'its first bytes are not its type'
          : container === 'pdf' && !this.tail.toString('latin1').includes('%%EOF')
            ? 'no %%EOF at the end'
            : undefined;
    return problem === undefined
      ? undefined
      : {
          code: 'not_an_image',
          message: `${this.name} is not a whole ${mime} file (${problem}): the copy was discarded`,
        };
  }
}
