// The type a recording or chosen file is saved as, from real bytes ffmpeg made.
import { describe, expect, it } from 'vitest';
import { HAND_MADE_PDF, recording, WINDOWS_PROGRAM } from '../../../shared/sync/node/media-fixtures';
import { chooseMime, HEAD_BYTES, type Candidate } from './media-choice';

const candidate = (bytes: Buffer, fileName: string, size = bytes.length): Candidate => ({
  head: bytes.subarray(0, HEAD_BYTES),
  size,
  fileName,
});

describe('chooseMime', () => {
  it('a WebM recording is audio/webm for an audio question, video/webm for a video or file question', () => {
    const tone = candidate(recording('tone.webm'), 'grabacion');
    expect(chooseMime(tone, 'audio', undefined)).toEqual({ ok: true, mime: 'audio/webm' });
    expect(chooseMime(candidate(recording('picture.webm'), 'danza.webm'), 'video', undefined)).toEqual({
      ok: true,
      mime: 'video/webm',
    });
    expect(chooseMime(candidate(recording('tone.webm'), 'voz.weba'), 'file', undefined)).toEqual({
      ok: true,
      mime: 'audio/webm',
    });
  });

  it('an M4A by its brand, an MP4 video, MP3, WAV and Ogg by their bytes', () => {
    expect(chooseMime(candidate(recording('tone.m4a'), 'x'), 'file', undefined)).toEqual({
      ok: true,
      mime: 'audio/mp4',
    });
    expect(chooseMime(candidate(recording('picture.mp4'), 'x'), 'video', undefined)).toEqual({
      ok: true,
      mime: 'video/mp4',
    });
    expect(chooseMime(candidate(recording('tone.mp3'), 'x'), 'audio', undefined)).toEqual({
      ok: true,
      mime: 'audio/mpeg',
    });
    expect(chooseMime(candidate(recording('tone.wav'), 'x'), 'audio', undefined)).toEqual({
      ok: true,
      mime: 'audio/wav',
    });
    expect(chooseMime(candidate(recording('tone.ogg'), 'x'), 'audio', undefined)).toEqual({
      ok: true,
      mime: 'audio/ogg',
    });
  });

  it('a PDF or text is no sound recording nor video; a program is nothing', () => {
    expect(chooseMime(candidate(Buffer.from('hola'), 'x.mp3'), 'audio', undefined)).toEqual({
      ok: false,
      problem: 'unsupported',
    });
    expect(chooseMime(candidate(HAND_MADE_PDF, 'a.pdf'), 'video', undefined)).toEqual({
      ok: false,
      problem: 'unsupported',
    });
    expect(chooseMime(candidate(WINDOWS_PROGRAM, 'voz.webm'), 'file', undefined)).toEqual({
      ok: false,
      problem: 'unsupported',
    });
  });

  it('text is CSV by its name, else plain text', () => {
    const text = Buffer.from('nombre,edad\nAna,30\n');
    expect(chooseMime(candidate(text, 'lista.CSV'), 'file', undefined)).toEqual({
      ok: true,
      mime: 'text/csv',
    });
    expect(chooseMime(candidate(text, 'notas.txt'), 'file', undefined)).toEqual({
      ok: true,
      mime: 'text/plain',
    });
  });

  it('body::accept narrows a file question by extension, type or family', () => {
    const pdf = candidate(HAND_MADE_PDF, 'acta.pdf');
    expect(chooseMime(pdf, 'file', '.pdf,.csv')).toEqual({ ok: true, mime: 'application/pdf' });
    expect(chooseMime(pdf, 'file', 'application/pdf')).toEqual({ ok: true, mime: 'application/pdf' });
    expect(chooseMime(pdf, 'file', 'audio/*')).toEqual({ ok: false, problem: 'notAccepted' });
    expect(chooseMime(candidate(recording('tone.ogg'), 'x.ogg'), 'file', 'audio/*')).toEqual({
      ok: true,
      mime: 'audio/ogg',
    });
  });

  it('over the type limit: 50 MiB for recordings, 20 MiB for documents', () => {
    expect(
      chooseMime(candidate(recording('tone.webm'), 'x', 50 * 1024 * 1024 + 1), 'audio', undefined),
    ).toEqual({
      ok: false,
      problem: 'tooLarge',
      maxMiB: 50,
    });
    expect(chooseMime(candidate(HAND_MADE_PDF, 'a.pdf', 20 * 1024 * 1024 + 1), 'file', undefined)).toEqual({
      ok: false,
      problem: 'tooLarge',
      maxMiB: 20,
    });
  });
});
