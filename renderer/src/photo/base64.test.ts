import { describe, expect, it } from 'vitest';
import { bytesToBase64, dataUrl } from './base64';

describe('bytesToBase64', () => {
  it('matches Node over chunk boundaries and every padding length', () => {
    for (const length of [0, 1, 2, 3, 24_575, 24_576, 24_577, 100_003]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 7919 + length) % 256);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});

describe('dataUrl', () => {
  it('names the type', () => {
    expect(dataUrl('AAAA')).toBe('data:image/jpeg;base64,AAAA');
    expect(dataUrl('AAAA', 'image/png')).toBe('data:image/png;base64,AAAA');
  });
});
