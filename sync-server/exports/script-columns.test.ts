import { describe, expect, it } from 'vitest';
import { scriptTimeZone } from './script-columns';

describe('the time zone of the R script', () => {
  it('is the utc-offset asked for, as a POSIX fixed zone (sign reversed)', () => {
    expect(scriptTimeZone(-360, 'America/Mexico_City')).toBe('Etc/GMT+6');
    expect(scriptTimeZone(120, undefined)).toBe('Etc/GMT-2');
    expect(scriptTimeZone(0, 'America/Mexico_City')).toBe('UTC');
  });

  it('is UTC for an offset no fixed zone has, else the event’s zone, else UTC', () => {
    expect(scriptTimeZone(330, 'Asia/Kolkata')).toBe('UTC');
    expect(scriptTimeZone(undefined, 'America/Mexico_City')).toBe('America/Mexico_City');
    expect(scriptTimeZone(undefined, undefined)).toBe('UTC');
  });
});
