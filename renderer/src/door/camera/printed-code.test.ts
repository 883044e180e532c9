import { describe, expect, it } from 'vitest';
import { printedText } from './printed-code';

describe('printedText', () => {
  it('answers a UPC-E with the 8 digits zxing-wasm keeps in extra, not its 13-digit GTIN', () => {
    expect(printedText({ format: 'UPCE', text: '0012345000065', extra: '{"UPCE":"01234565"}' })).toBe(
      '01234565',
    );
  });

  it('answers a UPC-A, read as an EAN-13 starting with 0 (or as a UPC-A), with its 12 digits', () => {
    for (const format of ['EAN13', 'UPCA'] as const) {
      expect(printedText({ format, text: '0036000291452', extra: '' })).toBe('036000291452');
    }
  });

  it('drops exactly one 0 from an EAN-13 starting with 00', () => {
    expect(printedText({ format: 'EAN13', text: '0012345678905', extra: '' })).toBe('012345678905');
  });

  it('keeps an EAN-13 starting with another digit, and an EAN-8, as read', () => {
    expect(printedText({ format: 'EAN13', text: '7501234567893', extra: '' })).toBe('7501234567893');
    expect(printedText({ format: 'EAN8', text: '01234565', extra: '' })).toBe('01234565');
  });

  it('goes by the reported format: other codes of 13 digits starting with 0 are kept whole', () => {
    for (const format of ['Code128', 'ITF', 'QRCode'] as const) {
      expect(printedText({ format, text: '0036000291452', extra: '{"UPCE":"01234565"}' })).toBe(
        '0036000291452',
      );
    }
    // The UPC-E digits in extra count for a UPC-E only.
    expect(printedText({ format: 'EAN13', text: '0036000291452', extra: '{"UPCE":"01234565"}' })).toBe(
      '036000291452',
    );
  });

  it('keeps the GTIN of a UPC-E whose extra lacks the printed digits', () => {
    for (const extra of ['', '{}', '{"UPCE":"1234"}', 'not json']) {
      expect(printedText({ format: 'UPCE', text: '0012345000065', extra })).toBe('0012345000065');
    }
  });
});
