import { describe, expect, it } from 'vitest';
import { SyncError } from '../sync-error';
import { parseIsoTime, readTicketCsv } from './ticket-csv';

const fileErrorOf = (text: string) => {
  try {
    readTicketCsv(text);
  } catch (e) {
    if (e instanceof SyncError) return { code: e.code, message: e.message, rows: e.extra.rows };
    throw e;
  }
  throw new Error('expected a SyncError');
};

describe('readTicketCsv', () => {
  it('reads the columns in any order, case and spelling, ignoring unknown ones', () => {
    const csv = [
      'Holder Name;x,TICKET-TYPE,Order,code,Event,valid_from,Valid To',
      '"Ana, García",General,991,AB-1,feria_2026,2026-11-20T10:00:00+01:00,2026-11-22 23:59Z',
      ',VIP,992,AB-2,feria_2026,,',
    ].join('\r\n');
    // "Holder Name;x" is not a column we know, so the holder is empty for every row.
    expect(readTicketCsv(csv)).toEqual({
      rowCount: 2,
      errors: [],
      rows: [
        {
          line: 2,
          ticket: {
            code: 'AB-1',
            eventId: 'feria_2026',
            ticketType: 'General',
            holder: null,
            validFrom: '2026-11-20T09:00:00.000Z',
            validTo: '2026-11-22T23:59:00.000Z',
          },
        },
        {
          line: 3,
          ticket: {
            code: 'AB-2',
            eventId: 'feria_2026',
            ticketType: 'VIP',
            holder: null,
            validFrom: null,
            validTo: null,
          },
        },
      ],
    });
  });

  it('names every fault of every bad row by the line its record starts on', () => {
    const csv = [
      'code,event,ticket_type,holder_name,valid_from,valid_to',
      'C1,feria,General,"Ana',
      'García",,',
      ',feria,General,,,',
      'C3,not an id,,,2026-11-20,2026-02-30T10:00Z',
      'C1,feria,General,,,',
      '',
      'QT1:ABC,feria,General,,2026-11-21T10:00Z,2026-11-20T10:00Z',
      'C6,feria,General,,2026-11-20T10:00:00.5+05:30,',
    ].join('\n');
    const read = readTicketCsv(csv);
    expect(read.rowCount).toBe(6);
    expect(read.rows.map((r) => [r.line, r.ticket.code, r.ticket.holder, r.ticket.validFrom])).toEqual([
      [2, 'C1', 'Ana\nGarcía', null],
      [9, 'C6', null, '2026-11-20T04:30:00.500Z'],
    ]);
    expect(read.errors).toEqual([
      { line: 4, column: 'code', message: 'the code is empty' },
      { line: 5, column: 'event', message: '"not an id" is not an event id' },
      { line: 5, column: 'ticket_type', message: 'the ticket type is empty' },
      {
        line: 5,
        column: 'valid_from',
        message:
          '"2026-11-20" has no time or no UTC offset: the door cannot tell when that is; write it like 2026-11-20T18:00:00+01:00 or 2026-11-20T17:00Z',
      },
      { line: 5, column: 'valid_to', message: '"2026-02-30T10:00Z" is not a real date and time' },
      { line: 6, column: 'code', message: 'code C1 is already on line 2' },
      {
        line: 8,
        column: 'code',
        message: 'the code starts like a Quiosco ticket or pass (QT1:), so doors would never look it up',
      },
      {
        line: 8,
        column: 'valid_to',
        message: '2026-11-20T10:00:00.000Z is before valid_from 2026-11-21T10:00:00.000Z',
      },
    ]);
  });

  it('refuses a file no row of which can be read, naming the line', () => {
    expect(fileErrorOf('')).toEqual({
      code: 'invalid_input',
      message: 'line 1: the file is empty: expected a header row and tickets',
      rows: [{ line: 1, message: 'the file is empty: expected a header row and tickets' }],
    });
    expect(fileErrorOf('\n\ncode,holder_name\nA,B\n').message).toBe(
      'line 3: the header lacks event, ticket_type: expected the columns code, event, ticket_type, holder_name, valid_from, valid_to',
    );
    expect(fileErrorOf('code,event,ticket_type,Code\n').message).toBe(
      'line 1: the column code appears twice in the header',
    );
    expect(fileErrorOf('code,event,ticket_type\nA,feria,"General\nB,feria,VIP\n').message).toBe(
      'line 2: not valid CSV: quoted field is never closed',
    );
  });
});

describe('parseIsoTime', () => {
  it('reads ISO 8601 times with an offset, to UTC', () => {
    expect(parseIsoTime('2026-11-20T18:00:00+01:00')).toBe('2026-11-20T17:00:00.000Z');
    expect(parseIsoTime('2026-11-20t18:00z')).toBe('2026-11-20T18:00:00.000Z');
    expect(parseIsoTime('2026-11-20 18:00:00-0330')).toBe('2026-11-20T21:30:00.000Z');
    expect(parseIsoTime('2026-11-20T18:00:00,123456+02')).toBe('2026-11-20T16:00:00.123Z');
    expect(parseIsoTime('2028-02-29T00:00Z')).toBe('2028-02-29T00:00:00.000Z');
  });

  it('refuses times without an offset, impossible dates and anything else', () => {
    for (const text of [
      '2026-11-20T18:00',
      '2027-02-29T00:00Z',
      '2026-11-20T24:00Z',
      '20/11/2026 18:00',
      'soon',
    ]) {
      expect(parseIsoTime(text), text).toEqual({ error: expect.stringContaining(`"${text}"`) });
    }
  });
});
