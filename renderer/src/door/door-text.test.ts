import { describe, expect, it } from 'vitest';
import type { DoorScanView } from '../../../shared/ipc/contract';
import { translator } from '../i18n/i18n';
import { occupancyView, scanTimeText, scanVars, ticketText } from './door-text';

// The kiosk's own time zone: the door shows local times.
process.env.TZ = 'America/Mexico_City';

const es = translator('es');
const en = translator('en');

const entry: DoorScanView = {
  id: 'scan-1',
  gate: 'Puerta Norte',
  deviceId: 'device-2',
  here: false,
  direction: 'entry',
  verdict: 'valid_entry',
  at: '2026-11-14T22:05:00.000Z',
};

describe('door words', () => {
  it('tells the time on a 24-hour clock in the kiosk time zone', () => {
    expect(scanTimeText('2026-11-14T22:05:00.000Z', es)).toBe('16:05');
    expect(scanTimeText('2026-11-14T15:30:00.000Z', en)).toBe('09:30');
  });

  it('says when and where the earlier scan was, and whether it was this door', () => {
    const exit: DoorScanView = { ...entry, here: true, direction: 'exit', gate: 'Puerta 1' };
    expect(es.t('door.previous.entry', scanVars(entry, es))).toBe(
      'Entró a las 16:05 por Puerta Norte — otra puerta',
    );
    expect(es.t('door.previous.exit', scanVars(exit, es))).toBe(
      'Salió a las 16:05 por Puerta 1 — esta puerta',
    );
    expect(en.t('door.previous.entry', scanVars(entry, en))).toBe(
      'Came in at 16:05 through Puerta Norte — another door',
    );
  });

  it('names tickets and passes', () => {
    expect(ticketText({ source: 'signed', id: 'FUZZ234567ABCDEF' }, es)).toBe('Boleto FUZZ234567ABCDEF');
    expect(ticketText({ source: 'pass', id: '0199a3b2' }, es)).toBe('Pase de visitante 0199a3b2');
  });
});

describe('occupancy', () => {
  it('counts against the capacity and warns from 90 %', () => {
    expect(
      occupancyView({ venue: null, inside: 1349, capacity: 1500, entries: 1400, exits: 51 }, es),
    ).toEqual({
      text: 'Dentro: 1,349 de 1,500',
      fill: 1349 / 1500,
      warning: null,
    });
    expect(occupancyView({ venue: null, inside: 1350, capacity: 1500, entries: 1350, exits: 0 }, es)).toEqual(
      {
        text: 'Dentro: 1,350 de 1,500',
        fill: 0.9,
        warning: 'Casi lleno: 90 % del cupo.',
      },
    );
  });

  it('shows more inside than allowed as a full meter, with the true count and percent', () => {
    expect(occupancyView({ venue: null, inside: 120, capacity: 100, entries: 120, exits: 0 }, en)).toEqual({
      text: 'Inside: 120 of 100',
      fill: 1,
      warning: 'Full: 120 % of capacity.',
    });
    expect(
      occupancyView({ venue: null, inside: 1500, capacity: 1500, entries: 1500, exits: 0 }, es).warning,
    ).toBe('Lleno: 100 % del cupo.');
  });

  it('has no meter without a capacity', () => {
    expect(occupancyView({ venue: null, inside: 42, capacity: null, entries: 50, exits: 8 }, es)).toEqual({
      text: 'Dentro: 42',
      fill: null,
      warning: null,
    });
  });
});
