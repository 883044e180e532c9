import { describe, expect, test } from 'vitest';
import { formatNumber } from './format-number';

describe('formatNumber', () => {
  test.each<[number, string]>([
    [2107.24 + 420.2 + 430.2, '2957.64'],
    [0.1 + 0.2, '0.3'],
    [1 / 3, '0.333333333333333'],
    [850.5 + 0.1, '850.6'],
    [42, '42'],
    [-0, '0'],
    [-12.5, '-12.5'],
    [1e21, '1000000000000000000000'],
    [123456789012345.67 * 1000, '123456789012346000'],
    [1.5e-7, '0.00000015'],
    [-2.5e-9, '-0.0000000025'],
  ])('%d reads %s', (n, text) => {
    expect(formatNumber(n)).toBe(text);
  });

  test('no number to show is empty', () => {
    expect(formatNumber(NaN)).toBe('');
    expect(formatNumber(Infinity)).toBe('');
  });
});
