// Test photos: JPEGs made by ffmpeg, an EXIF block (orientation and GPS) written here byte by byte,
// and a look at what a JPEG carries before its image data.
import { spawn } from 'node:child_process';

/** Runs ffmpeg with `args` (after the quiet, overwrite flags). */
export function ffmpeg(args: string[]): Promise<void> {
  const all = ['-hide_banner', '-loglevel', 'error', '-y', ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.FFMPEG_PATH ?? 'ffmpeg', all, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}: ${stderr.trim()}`)),
    );
  });
}

/** An APP1 "Exif" segment, big-endian TIFF: IFD0 with Orientation and a GPS IFD (lat/long, refs). */
export function exifSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(140);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  let at = 8;
  const entry = (tag: number, type: number, count: number, value: (offset: number) => void) => {
    tiff.writeUInt16BE(tag, at);
    tiff.writeUInt16BE(type, at + 2);
    tiff.writeUInt32BE(count, at + 4);
    value(at + 8);
    at += 12;
  };
  const SHORT = 3;
  const LONG = 4;
  const ASCII = 2;
  const RATIONAL = 5;
  const GPS_IFD = 38;
  tiff.writeUInt16BE(2, at);
  at += 2;
  entry(0x0112, SHORT, 1, (o) => tiff.writeUInt16BE(orientation, o));
  entry(0x8825, LONG, 1, (o) => tiff.writeUInt32BE(GPS_IFD, o));
  tiff.writeUInt32BE(0, at); // no IFD1
  at = GPS_IFD;
  tiff.writeUInt16BE(4, at);
  at += 2;
  const rationals = (offset: number, values: [number, number][]) =>
    values.forEach(([n, d], i) => {
      tiff.writeUInt32BE(n, offset + i * 8);
      tiff.writeUInt32BE(d, offset + i * 8 + 4);
    });
  entry(0x0001, ASCII, 2, (o) => tiff.write('N\0', o, 'latin1'));
  entry(0x0002, RATIONAL, 3, (o) => tiff.writeUInt32BE(92, o));
  entry(0x0003, ASCII, 2, (o) => tiff.write('W\0', o, 'latin1'));
  entry(0x0004, RATIONAL, 3, (o) => tiff.writeUInt32BE(116, o));
  tiff.writeUInt32BE(0, at);
  rationals(92, [
    [20, 1],
    [7, 1],
    [3000, 100],
  ]); // 20° 7′ 30″ N: Pachuca
  rationals(116, [
    [98, 1],
    [44, 1],
    [1500, 100],
  ]); // 98° 44′ 15″ W
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** The JPEG with `segment` right after its start-of-image marker. */
export function withSegment(jpeg: Buffer, segment: Buffer): Buffer {
  if (jpeg.readUInt16BE(0) !== 0xffd8) throw new Error('not a JPEG');
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

/** The markers of the segments before the image data (0xffe1 is APP1, where EXIF lives). */
export function markersBeforeScan(jpeg: Buffer): number[] {
  if (jpeg.readUInt16BE(0) !== 0xffd8) throw new Error('not a JPEG');
  const markers: number[] = [];
  for (let at = 2; at + 4 <= jpeg.length;) {
    const marker = jpeg.readUInt16BE(at);
    markers.push(marker);
    if (marker === 0xffda) break;
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return markers;
}
