// Sniffing and whole-file checks on real recordings ffmpeg makes here (one second of a tone, and of
// a test picture), a PDF written by hand, text, and the impostors a kiosk must refuse.
import { describe, expect, it } from 'vitest';
import type { Container } from './attachment-formats';
import { checkMedia, sniffContainer, TextCheck } from './media-header';
import {
  HAND_MADE_PDF,
  recording as file,
  type Recording,
  WINDOWS_PROGRAM as EXE,
} from './node/media-fixtures';

const WHOLE: [Recording, Container][] = [
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
