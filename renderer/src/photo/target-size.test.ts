import { describe, expect, it } from 'vitest';
import type { Question } from '../../../shared/forms/form-definition';
import { DEFAULT_MAX_PIXELS, maxPixelsOf, targetSize } from './target-size';

const photo: Question = {
  kind: 'question',
  type: 'image',
  name: 'foto',
  label: { es: 'Foto' },
  required: false,
  pii: true,
  row: 2,
};
const withParameters = (parameters: Record<string, string>): Question => {
  const question = { ...photo, parameters };
  return question;
};

describe('targetSize', () => {
  it('scales a 4000×3000 photo to a long edge of 2048', () => {
    expect(targetSize({ width: 4000, height: 3000 })).toEqual({ width: 2048, height: 1536 });
  });

  it('scales portrait photos by their height', () => {
    expect(targetSize({ width: 3000, height: 4000 })).toEqual({ width: 1536, height: 2048 });
  });

  it('never enlarges a small photo', () => {
    expect(targetSize({ width: 640, height: 480 })).toEqual({ width: 640, height: 480 });
    expect(targetSize({ width: 2048, height: 2048 })).toEqual({ width: 2048, height: 2048 });
  });

  it('follows the max-pixels parameter', () => {
    expect(targetSize({ width: 4000, height: 3000 }, 1024)).toEqual({ width: 1024, height: 768 });
    expect(targetSize({ width: 1280, height: 720 }, 640)).toEqual({ width: 640, height: 360 });
  });

  it('rounds the short edge and keeps at least one pixel', () => {
    expect(targetSize({ width: 4001, height: 3 }, 2000)).toEqual({ width: 2000, height: 1 });
    expect(targetSize({ width: 1, height: 100_000 })).toEqual({ width: 1, height: DEFAULT_MAX_PIXELS });
    expect(targetSize({ width: 3001, height: 2000 }, 1000)).toEqual({ width: 1000, height: 666 });
  });

  it('refuses sizes and limits that are not pixels', () => {
    expect(() => targetSize({ width: 0, height: 10 })).toThrow(RangeError);
    expect(() => targetSize({ width: Number.NaN, height: 10 })).toThrow(RangeError);
    expect(() => targetSize({ width: 10, height: 10 }, 0)).toThrow(RangeError);
    expect(() => targetSize({ width: 10, height: 10 }, 12.5)).toThrow(RangeError);
  });
});

describe('maxPixelsOf', () => {
  it('reads the max-pixels parameter', () => {
    expect(maxPixelsOf(withParameters({ 'max-pixels': '1024' }))).toBe(1024);
  });

  it('falls back to 2048 without a usable one', () => {
    expect(maxPixelsOf(photo)).toBe(DEFAULT_MAX_PIXELS);
    expect(maxPixelsOf(withParameters({}))).toBe(DEFAULT_MAX_PIXELS);
    expect(maxPixelsOf(withParameters({ 'max-pixels': '0' }))).toBe(DEFAULT_MAX_PIXELS);
    expect(maxPixelsOf(withParameters({ 'max-pixels': 'big' }))).toBe(DEFAULT_MAX_PIXELS);
    expect(maxPixelsOf(withParameters({ 'max-pixels': '-5' }))).toBe(DEFAULT_MAX_PIXELS);
  });
});
