// One batch bringing an id again: the push tests send repeats across pushes, this the repeats
// within one batch that submissions and scans both drop or refuse here.
import { describe, expect, it } from 'vitest';
import { firstCopies } from './first-copies';

describe('firstCopies', () => {
  it('keeps the first copy of each id in order, drops a same-content retry and refuses a differing copy', () => {
    const a = { id: 'a', device_seq: 1, content_hash: 'h1' };
    const b = { id: 'b', device_seq: 2, content_hash: 'h2' };
    const retry = { id: 'a', device_seq: 3, content_hash: 'h1' };
    const altered = { id: 'a', device_seq: 4, content_hash: 'h9' };
    const scans = [a, b, retry, altered].map((row) => ({ row }));
    expect(firstCopies(scans, (scan) => scan.row, 'Scan')).toEqual({
      unique: [{ row: a }, { row: b }],
      rejections: [
        {
          seq: 4,
          id: 'a',
          code: 'conflict',
          message: 'Scan a was received before with different content; this copy was not stored',
        },
      ],
    });
  });
});
