import { beforeAll, describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32 } from './base32';
import {
  SIGNED_TICKET_PREFIX,
  type TicketFields,
  decodeTicketText,
  encodeSignedTicket,
  eventTag,
  isSignedTicketText,
  newTicketId,
  verifyTicketSignature,
} from './ticket-codec';
import { type TicketKeyPair, generateTicketKey } from './ticket-keys';

const FIELDS: TicketFields = {
  ticketId: 'ABCDEFGHIJKLMNOP',
  eventId: 'feria-2026',
  ticketType: 513,
  validFrom: new Date('2026-11-01T08:00:00Z'),
  validTo: new Date('2026-11-03T23:59:00Z'),
};

let key: TicketKeyPair;
let other: TicketKeyPair;
beforeAll(async () => {
  key = await generateTicketKey(3);
  other = await generateTicketKey(3);
});

const bytesOf = (text: string): Uint8Array => {
  const decoded = decodeBase32(text.slice(SIGNED_TICKET_PREFIX.length));
  if (!decoded.ok) throw new Error('test ticket not base32');
  return decoded.bytes;
};

describe('signed ticket codec', () => {
  it('encodes 148 QR-alphanumeric characters that decode to the same fields', async () => {
    const text = await encodeSignedTicket(FIELDS, key);
    expect(text).toHaveLength(148);
    expect(text).toMatch(/^QT1:[A-Z2-7]{144}$/);
    expect(isSignedTicketText(text)).toBe(true);
    const decoded = decodeTicketText(text);
    if (!decoded.ok) throw new Error(decoded.detail);
    const { payload, signature, ...fields } = decoded.ticket;
    expect(fields).toEqual({
      version: 1,
      keyId: 3,
      ticketId: 'ABCDEFGHIJKLMNOP',
      eventTag: await eventTag('feria-2026'),
      ticketType: 513,
      validFrom: FIELDS.validFrom,
      validTo: FIELDS.validTo,
    });
    expect(payload).toHaveLength(26);
    expect(signature).toHaveLength(64);
    expect(await verifyTicketSignature(decoded.ticket, key.publicKey)).toBe(true);
    expect(await verifyTicketSignature(decoded.ticket, other.publicKey)).toBe(false);
  });

  it('lays out the payload as documented', async () => {
    const bytes = bytesOf(await encodeSignedTicket(FIELDS, key));
    const minutes = (d: Date) => (d.getTime() - Date.UTC(2020, 0, 1)) / 60_000;
    const view = new DataView(bytes.buffer);
    expect(bytes[0]).toBe(1);
    expect(bytes[1]).toBe(3);
    expect(encodeBase32(bytes.subarray(2, 12))).toBe(FIELDS.ticketId);
    expect(Array.from(bytes.subarray(12, 16), (b) => b.toString(16).padStart(2, '0')).join('')).toBe(
      await eventTag('feria-2026'),
    );
    expect(view.getUint16(16)).toBe(513);
    expect(view.getUint32(18)).toBe(minutes(FIELDS.validFrom as Date));
    expect(view.getUint32(22)).toBe(minutes(FIELDS.validTo as Date));
  });

  it('keeps an open validity window open', async () => {
    const decoded = decodeTicketText(
      await encodeSignedTicket({ ...FIELDS, validFrom: null, validTo: null }, key),
    );
    expect(decoded.ok && [decoded.ticket.validFrom, decoded.ticket.validTo]).toEqual([null, null]);
  });

  it('makes 16-character ticket ids that differ', () => {
    const ids = new Set(Array.from({ length: 1000 }, newTicketId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Z2-7]{16}$/);
  });

  it('tags events by a hash of their id', async () => {
    expect(await eventTag('feria-2026')).toMatch(/^[0-9a-f]{8}$/);
    expect(await eventTag('feria-2026')).toBe(await eventTag('feria-2026'));
    expect(await eventTag('feria-2027')).not.toBe(await eventTag('feria-2026'));
  });

  it('refuses fields it cannot encode faithfully', async () => {
    await expect(
      encodeSignedTicket({ ...FIELDS, validFrom: new Date('2026-11-01T08:00:30Z') }, key),
    ).rejects.toThrow(/whole minute/);
    await expect(
      encodeSignedTicket({ ...FIELDS, validFrom: FIELDS.validTo, validTo: FIELDS.validFrom }, key),
    ).rejects.toThrow(/validFrom is after validTo/);
    await expect(
      encodeSignedTicket({ ...FIELDS, validFrom: new Date('2019-12-31T00:00:00Z') }, key),
    ).rejects.toThrow(/out of the ticket time range/);
    await expect(encodeSignedTicket({ ...FIELDS, ticketId: 'abcdefghijklmnop' }, key)).rejects.toThrow(
      /not a ticket id/,
    );
    await expect(encodeSignedTicket({ ...FIELDS, ticketType: 65536 }, key)).rejects.toThrow(
      'ticket types are 0-65535',
    );
    await expect(encodeSignedTicket(FIELDS, { keyId: 300, privateKey: key.privateKey })).rejects.toThrow(
      'key ids are 0-255',
    );
  });

  it('says why a text is unreadable', async () => {
    const good = await encodeSignedTicket(FIELDS, key);
    const reversed = good.slice(4).split('').reverse().join('');
    const withVersion2 = (() => {
      const bytes = bytesOf(good);
      bytes[0] = 2;
      return SIGNED_TICKET_PREFIX + encodeBase32(bytes);
    })();
    const cases: [string, string, string][] = [
      ['4006381333931', 'not_a_signed_ticket', 'does not start with QT1:'],
      ['QT2:MZXW6YTB', 'unsupported_version', 'ticket format 2 is not known'],
      [good.slice(0, -1), 'bad_length', '143 characters after the prefix, expected 144'],
      [`${good}A`, 'bad_length', '145 characters after the prefix, expected 144'],
      [
        `${good.slice(0, 10)}1${good.slice(11)}`,
        'bad_character',
        'character 7 after the prefix is not base32',
      ],
      [`QT1:${reversed.toLowerCase()}`, 'bad_character', 'character 1 after the prefix is not base32'],
      [withVersion2, 'unsupported_version', 'payload format 2 is not known'],
    ];
    for (const [text, problem, detail] of cases) {
      expect(decodeTicketText(text)).toEqual({ ok: false, reason: 'unreadable', problem, detail });
    }
  });
});
