import { describe, expect, it } from 'vitest';
import { type ScanVerdict, ScanEventSchema, buildScanEvent, ticketKey } from './scan-event';

const place = {
  eventId: 'feria-2026',
  gate: 'A',
  deviceId: '0199a3b2-0000-7000-8000-00000000000a',
  direction: 'entry' as const,
};
const verdict: ScanVerdict = {
  kind: 'unreadable',
  reason: 'too_long',
  detail: '5000 characters',
  needsAttention: false,
  ticket: null,
  previousScan: null,
};

describe('scan events', () => {
  it('builds an outbox record that passes its own schema, keeping both clocks', () => {
    const event = buildScanEvent({
      verdict,
      text: 'X'.repeat(5000),
      place,
      seq: 7,
      localTime: new Date('2026-11-03T12:00:00Z'),
      correctedTime: new Date('2026-11-01T12:00:00Z'),
    });
    expect(ScanEventSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      ...place,
      seq: 7,
      text: 'X'.repeat(256),
      ticket: null,
      verdict: 'unreadable',
      reason: 'too_long',
      needsAttention: false,
      localTime: '2026-11-03T12:00:00.000Z',
      correctedTime: '2026-11-01T12:00:00.000Z',
    });
    expect(event.nonce).toMatch(/^[A-Z2-7]{16}$/);
    const again = buildScanEvent({
      verdict,
      text: 'X',
      place,
      seq: 8,
      localTime: new Date(),
      correctedTime: new Date(),
    });
    expect([again.id, again.nonce]).not.toEqual([event.id, event.nonce]);
  });

  it('refuses events that are not what a door records', () => {
    const event = buildScanEvent({
      verdict,
      text: '',
      place,
      seq: 1,
      localTime: new Date(),
      correctedTime: new Date(),
    });
    expect(ScanEventSchema.safeParse({ ...event, seq: 0 }).success).toBe(false);
    expect(ScanEventSchema.safeParse({ ...event, verdict: 'maybe' }).success).toBe(false);
    expect(ScanEventSchema.safeParse({ ...event, id: '0199a3b2-0000-4000-8000-00000000000a' }).success).toBe(
      false,
    );
    expect(ScanEventSchema.safeParse({ ...event, nonce: 'short' }).success).toBe(false);
  });

  it('names tickets by source, so codes from different sources never collide', () => {
    expect(ticketKey({ source: 'imported', id: 'ABC' })).toBe('imported:ABC');
    expect(ticketKey({ source: 'signed', id: 'ABC' })).not.toBe(ticketKey({ source: 'imported', id: 'ABC' }));
  });
});
