import { describe, expect, it } from 'vitest';
import { atOffset, boundMs, exportOptions, ExportQuerySchema, parseOffset } from './export-options';

describe('export options', () => {
  it('reads offsets', () => {
    expect(parseOffset('Z')).toBe(0);
    expect(parseOffset('-06:00')).toBe(-360);
    expect(parseOffset('+05:30')).toBe(330);
  });

  it('takes a bare date as a whole day at the offset, a time as it is', () => {
    expect(new Date(boundMs('2026-11-20', -360, 'start')).toISOString()).toBe('2026-11-20T06:00:00.000Z');
    expect(new Date(boundMs('2026-11-20', -360, 'end')).toISOString()).toBe('2026-11-21T05:59:59.999Z');
    expect(new Date(boundMs('2026-11-20', 0, 'end')).toISOString()).toBe('2026-11-20T23:59:59.999Z');
    expect(boundMs('2026-11-20T10:00:00-06:00', 0, 'start')).toBe(Date.parse('2026-11-20T16:00:00Z'));
  });

  it('writes times at an offset', () => {
    expect(atOffset('2026-11-20T16:03:00.000Z', -360)).toBe('2026-11-20T10:03:00.000-06:00');
    expect(atOffset('2026-11-21T02:30:00Z', -360)).toBe('2026-11-20T20:30:00.000-06:00');
    expect(atOffset('2026-11-20T10:00:00+05:30', 0)).toBe('2026-11-20T04:30:00.000Z');
  });

  it('has defaults and refuses what it does not know, naming the option', () => {
    const options = exportOptions('f', ExportQuerySchema.parse({}), true);
    expect(options).toMatchObject({
      format: 'csv',
      headers: 'names',
      values: 'codes',
      multi: 'both',
      anonymised: true,
    });
    const labelled = exportOptions(
      'f',
      ExportQuerySchema.parse({ labels: 'en', 'utc-offset': '-06:00' }),
      false,
    );
    expect(labelled).toMatchObject({ headers: 'labels', language: 'en', utcOffsetMinutes: -360 });

    const issue = (query: unknown) => ExportQuerySchema.safeParse(query).error?.issues[0];
    expect(issue({ format: 'sav' })?.path).toEqual(['format']);
    expect(issue({ from: '20/11/2026' })?.message).toBe('a date YYYY-MM-DD or an ISO 8601 time with offset');
    expect(issue({ kiosk: 'Entrada' })?.path).toEqual(['kiosk']);
    expect(issue({ 'utc-offset': '-6' })?.message).toBe('an offset like -06:00, +01:00 or Z');
    expect(issue({ colour: 'red' })?.code).toBe('unrecognized_keys');
  });
});
