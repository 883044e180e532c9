// How many bytes a ZIP file (an .xlsx workbook) unpacks to, found by unpacking it with a ceiling
// rather than by trusting the sizes it declares: a few MiB of deflate can hold gigabytes of XML,
// which the workbook reader would parse on the server's one thread. Entries are found through
// the central directory, as the workbook reader finds them.
import { inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_BYTES = 22;
const MAX_COMMENT = 0xffff;
const STORED = 0;
const DEFLATED = 8;

export class ZipSizeError extends Error {
  override readonly name = 'ZipSizeError';
  constructor(
    message: string,
    /** true: a readable ZIP that unpacks to more than the limit; false: not a ZIP this check reads. */
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

/**
 * The total size of the entries unpacked; throws ZipSizeError when it would pass `limit` (checked
 * while unpacking, never past it) or when the file is not a ZIP this check can read.
 */
export function unpackedZipSize(zip: Uint8Array, limit: number): number {
  const bytes = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = endRecord(bytes);
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL)
      throw new ZipSizeError(`entry ${i + 1} of its directory cannot be read`);
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const localAt = bytes.readUInt32LE(at + 42);
    if (localAt + 30 > bytes.length || bytes.readUInt32LE(localAt) !== LOCAL)
      throw new ZipSizeError(`entry ${i + 1} cannot be found`);
    const dataAt = localAt + 30 + bytes.readUInt16LE(localAt + 26) + bytes.readUInt16LE(localAt + 28);
    // ZIP64 sizes (0xffffffff) point past the file: no workbook of a form needs them.
    if (dataAt + compressedSize > bytes.length)
      throw new ZipSizeError(`entry ${i + 1} runs past the end of the file`);
    const data = bytes.subarray(dataAt, dataAt + compressedSize);
    total += unpacked(method, data, limit - total, i + 1, limit);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return total;
}

function endRecord(bytes: Buffer): number {
  const last = Math.max(0, bytes.length - EOCD_BYTES - MAX_COMMENT);
  for (let at = bytes.length - EOCD_BYTES; at >= last; at--) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  throw new ZipSizeError('it is not a ZIP file');
}

function unpacked(method: number, data: Buffer, room: number, entry: number, limit: number): number {
  const tooLarge = () => new ZipSizeError(`it unpacks to more than ${limit / 1024 / 1024} MiB`, true);
  if (method === STORED) {
    if (data.length > room) throw tooLarge();
    return data.length;
  }
  if (method !== DEFLATED) throw new ZipSizeError(`entry ${entry} uses compression method ${method}`);
  let size: number;
  try {
    // One byte of room more than allowed, so a body exactly at the limit is told from one over it.
    size = inflateRawSync(data, { maxOutputLength: room + 1 }).length;
  } catch (e) {
    if (e instanceof RangeError) throw tooLarge();
    throw new ZipSizeError(`entry ${entry} cannot be unpacked`);
  }
  if (size > room) throw tooLarge();
  return size;
}
