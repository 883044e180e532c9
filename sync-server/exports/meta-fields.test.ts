import { describe, expect, it } from 'vitest';
import { durationSeconds, isoMs } from './meta-fields';
import type { ExportRecord } from './record-pages';

describe('times read from their digits', () => {
  it('agree with Date.parse on what kiosks write, and on every other form', () => {
    const times = [
      '2026-11-20T16:03:00.000Z',
      '1999-12-31T23:59:59.999Z',
      '2026-11-20T10:03:00.000-06:00',
      '2026-11-20T16:03:00Z',
      '2026-13-20T16:03:00.000Z',
      '2026-11-20T24:03:00.000Z',
      '2026-11-2xT16:03:00.000Z',
      '2x26-11-20T16:03:00.000Z',
      '2026-11-20T16:03:00.0x0Z',
      '2026-11-20T16:0x:00.000Z',
      '2026-11-20 16:03:00.000Z',
      'not a time at all, 24 ch',
    ];
    for (let ms = Date.UTC(2020, 0, 1); ms < Date.UTC(2030, 0, 1); ms += 86_399_917)
      times.push(new Date(ms).toISOString());
    for (const text of times) expect([text, isoMs(text)]).toEqual([text, Date.parse(text)]);
  });
});

describe('the interview duration', () => {
  it('is what Date.parse makes of its two times, on the same day or not', () => {
    const times = [
      '2026-11-20T16:03:00.000Z',
      '2026-11-20T15:54:31.304Z',
      '2026-11-20T00:00:00.000Z',
      '2026-11-20T23:59:59.999Z',
      '2026-11-19T23:58:00.500Z',
      '2026-11-20T24:00:00.000Z',
      '2026-11-20T16:60:00.000Z',
      '2026-11-31T10:00:00.000Z',
      '2026-11-31T10:00:05.000Z',
      '2026-13-20T16:03:00.000Z',
      '2026-13-20T16:04:00.000Z',
      '2026-11-20T16:03:00.0x0Z',
      '2026-11-20T10:03:00.000-06:00',
      'no es una hora',
    ];
    for (const createdAt of times) {
      for (const startedAt of times) {
        const ms = Date.parse(createdAt) - Date.parse(startedAt);
        const expected = createdAt === startedAt ? 0 : Number.isNaN(ms) ? null : Math.round(ms / 1000);
        const record = { createdAt, startedAt } as ExportRecord;
        expect([createdAt, startedAt, durationSeconds(record)]).toEqual([createdAt, startedAt, expected]);
      }
    }
  });
});
