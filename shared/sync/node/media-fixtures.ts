// Real recordings for tests, made by ffmpeg on first use (one second of a 440 Hz tone, or of a
// test picture) and kept for the test process; a PDF written by hand; a Windows program's head.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TONE = ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1'];
const PICTURE = ['-f', 'lavfi', '-i', 'testsrc=duration=1:size=64x48:rate=10'];
/** File name → ffmpeg arguments; the extension picks the container. */
const RECIPES = {
  'tone.webm': [...TONE, '-c:a', 'libopus'],
  'tone.ogg': [...TONE, '-c:a', 'libopus'],
  'tone.m4a': [...TONE, '-c:a', 'aac'],
  'tone.mp3': [...TONE, '-c:a', 'libmp3lame'],
  'tone.wav': [...TONE, '-c:a', 'pcm_s16le'],
  'picture.webm': [...PICTURE, '-c:v', 'libvpx'],
  'picture.mp4': [...PICTURE, '-c:v', 'libx264', '-pix_fmt', 'yuv420p'],
};
export type Recording = keyof typeof RECIPES;

const made = new Map<Recording, Buffer>();

export function recording(name: Recording): Buffer {
  const known = made.get(name);
  if (known) return known;
  const dir = mkdtempSync(join(tmpdir(), 'quiosco-media-'));
  try {
    const file = join(dir, name);
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', ...RECIPES[name], file]);
    made.set(name, readFileSync(file));
    return made.get(name) as Buffer;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A minimal PDF: one empty page, its catalogue and trailer. */
export const HAND_MADE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n' +
    'trailer<</Root 1 0 R/Size 4>>\n%%EOF\n',
);

/** The first bytes of a Windows program (the DOS stub's "MZ" and its message). */
export const WINDOWS_PROGRAM = Buffer.concat([
  Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]),
  Buffer.from('This program cannot be run in DOS mode.\r\r\n$'),
  Buffer.alloc(64),
]);
