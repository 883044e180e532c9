import { describe, expect, it } from 'vitest';
import { printedText } from './printed-code';

describe('printedText', () => {
  it('answers a UPC-E with the 8 digits zxing-wasm keeps in extra, not its 13-digit GTIN', () => {
    expect(printedText({ format: 'UPCE', text: '0012345000065', extra: '{"UPCE":"01234565"}' })).toBe(
      '01234565',
    );
  });

  it('goes by the reported format only: a 13-digit EAN-13 or UPC-A starting with 0 is kept whole', () => {
    for (const format of ['EAN13', 'UPCA'] as const) {
      expect(printedText({ format, text: '0012345678905', extra: '{"UPCE":"01234565"}' })).toBe(
        '0012345678905',
      );
    }
  });

  it('keeps the GTIN of a UPC-E whose extra lacks the printed digits', () => {
    for (const extra of ['', '{}', '{"UPCE":"1234"}', 'not json']) {
      expect(printedText({ format: 'UPCE', text: '0012345000065', extra })).toBe('0012345000065');
    }
  });
});
