// Sniffing and whole-file checks on real recordings ffmpeg makes here (one second of a tone, and of
// a test picture), a PDF written by hand, text, and the impostors a kiosk must refuse.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from './attachment-formats';
import { checkMedia, sniffContainer, TextCheck } from './media-header';

const TONE = ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1'];
const PICTURE = ['-f', 'lavfi', '-i', 'testsrc=duration=1:size=64x48:rate=10'];
/** file name → ffmpeg arguments between the inputs and the output. */
const RECIPES: Record<string, string[]> = {
  'tone.webm': [...TONE, '-c:a', 'libopus'],
  'tone.ogg': [...TONE, '-c:a', 'libopus'],
  'tone.m4a': [...TONE, '-c:a', 'aac'],
  'tone.mp3': [...TONE, '-c:a', 'libmp3lame'],
  'tone.wav': [...TONE, '-c:a', 'pcm_s16le'],
  'picture.webm': [...PICTURE, '-c:v', 'libvpx'],
  'picture.mp4': [...PICTURE, '-c:v', 'libx264', '-pix_fmt', 'yuv420p'],
};

/** A minimal PDF: one empty page, its cross-reference table and trailer. */
export const HAND_MADE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n' +
    'trailer<</Root 1 0 R/Size 4>>\n%%EOF\n',
);
/** The first bytes of a Windows program (the DOS stub's "MZ" and its message). */
const EXE = Buffer.concat([
  Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]),
  Buffer.from('This program cannot be run in DOS mode.\r\r\n$'),
  Buffer.alloc(64),
]);

let dir: string;
const files = new Map<string, Buffer>();
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'quiosco-media-'));
  for (const [name, args] of Object.entries(RECIPES)) {
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', ...args, join(dir, name)]);
    files.set(name, readFileSync(join(dir, name)));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string): Buffer => files.get(name) as Buffer;

const WHOLE: [string, Container][] = [
  ['tone.webm', 'webm'],
  ['picture.webm', 'webm'],
  ['tone.ogg', 'ogg'],
  ['tone.m4a', 'mp4'],
  ['picture.mp4', 'mp4'],
  ['tone.mp3', 'mp3'],
  ['tone.wav', 'wav'],
];

describe('recordings made by ffmpeg', () => {
  it.each(WHOLE)('%s is sniffed as %s and passes its whole-file check', (name, container) => {
    expect(sniffContainer(file(name).subarray(0, 4096))).toBe(container);
    expect(checkMedia(file(name), container as Exclude<Container, 'jpeg' | 'png'>)).toBeUndefined();
  });

  it.each([
    ['tone.webm', 'webm', 'the WebM file is cut short'],
    ['picture.webm', 'webm', 'the WebM file is cut short'],
    ['tone.ogg', 'ogg', 'the Ogg file is cut short'],
    ['tone.m4a', 'mp4', 'the MP4 file is cut short'],
    ['picture.mp4', 'mp4', 'the MP4 file is cut short'],
    ['tone.wav', 'wav', 'the WAV file is cut short'],
  ] as const)('%s cut in half is refused: %s', (name, container, message) => {
    const half = file(name).subarray(0, Math.floor(file(name).length / 2));
    expect(checkMedia(half, container)).toBe(message);
  });

  it('a WAV claimed as something else is refused by each other check', () => {
    expect(checkMedia(file('tone.wav'), 'webm')).toBe('not a WebM file');
    expect(checkMedia(file('tone.wav'), 'ogg')).toBe('not an Ogg file');
    expect(checkMedia(file('tone.wav'), 'mp4')).toBe('not an MP4 file');
    expect(checkMedia(file('tone.wav'), 'mp3')).toBe('not an MP3 file');
    expect(checkMedia(file('tone.wav'), 'pdf')).toBe('not a PDF document');
    expect(checkMedia(file('tone.wav'), 'text')).toBe('not plain text (it is not UTF-8)');
  });
});

describe('documents', () => {
  it('a hand-written PDF is whole; without its %%EOF it is cut short', () => {
    expect(sniffContainer(HAND_MADE_PDF)).toBe('pdf');
    expect(checkMedia(HAND_MADE_PDF, 'pdf')).toBeUndefined();
    expect(checkMedia(HAND_MADE_PDF.subarray(0, 60), 'pdf')).toBe(
      'the PDF document is cut short (no %%EOF at the end)',
    );
  });

  it('UTF-8 text and CSV are text; Latin-1 and empty text are not', () => {
    const csv = Buffer.from('nombre,municipio\r\nMaría,Pachuca de Soto\r\n');
    expect(sniffContainer(csv)).toBe('text');
    expect(checkMedia(csv, 'text')).toBeUndefined();
    expect(checkMedia(Buffer.from('Mar\xeda', 'latin1'), 'text')).toBe('not plain text (it is not UTF-8)');
    expect(checkMedia(Buffer.alloc(0), 'text')).toBe('the text is empty');
  });

  it('a head cut inside a character is still text; the whole file cut there is not', () => {
    const bytes = Buffer.from('ñandú');
    expect(sniffContainer(bytes.subarray(0, 6))).toBe('text');
    expect(checkMedia(bytes.subarray(0, 6), 'text')).toBe('not plain text (it is not UTF-8)');
  });

  it('text checked piece by piece finds a control character in a later piece', () => {
    const check = new TextCheck();
    check.push(Buffer.from('uno,dos\n'));
    expect(check.problem).toBeUndefined();
    check.push(Buffer.from([0x74, 0x00]));
    expect(check.end()).toBe(
      'not plain text (it holds control characters, as a program or binary file does)',
    );
  });
});

describe('programs', () => {
  it('a Windows program is no known container, and fails every check', () => {
    expect(sniffContainer(EXE)).toBeUndefined();
    for (const container of ['webm', 'ogg', 'mp4', 'mp3', 'wav', 'pdf', 'text'] as const)
      expect(checkMedia(EXE, container)).toMatch(/^not (a|an|plain) /);
  });

  it('an ELF program is no known container', () => {
    expect(sniffContainer(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]))).toBeUndefined();
  });
});
