import { describe, expect, it } from 'vitest';
import { DEFAULT_DOOR_CONFIG, type DoorConfigPayload } from '../../../shared/sync/protocol';
import { venueOccupancy, type CountSource } from './door-venue';

/** Scans per door; "movida" is a door this kiosk has no venue for. */
const BY_DOOR: Record<string, { entries: number; exits: number }> = {
  norte: { entries: 5, exits: 1 },
  foro: { entries: 3, exits: 2 },
  movida: { entries: 2, exits: 0 },
};
const COUNTS: CountSource = {
  event: { entries: 10, exits: 3 },
  at: (ids) =>
    ids.reduce(
      (sum, id) => ({
        entries: sum.entries + (BY_DOOR[id]?.entries ?? 0),
        exits: sum.exits + (BY_DOOR[id]?.exits ?? 0),
      }),
      { entries: 0, exits: 0 },
    ),
};
const config = (venues?: DoorConfigPayload['venues']): DoorConfigPayload => ({
  eventId: 'feria',
  ...DEFAULT_DOOR_CONFIG,
  capacity: 500,
  ...(venues === undefined ? {} : { venues }),
});
const VENUES = [
  { id: 'feria~default', name: 'Explanada', capacity: 500, isDefault: true, doorIds: [] },
  { id: 'v-foro', name: 'Foro infantil', capacity: 40, isDefault: false, doorIds: ['foro'] },
];

describe('venueOccupancy', () => {
  it('counts the doors at its venue against that venue’s capacity', () => {
    expect(venueOccupancy(config(VENUES), 'foro', COUNTS)).toEqual({
      venue: { id: 'v-foro', name: 'Foro infantil' },
      capacity: 40,
      entries: 3,
      exits: 2,
    });
  });

  it('puts a door at no venue, and scans of doors at none, at the default venue', () => {
    expect(venueOccupancy(config(VENUES), 'norte', COUNTS)).toEqual({
      venue: { id: 'feria~default', name: 'Explanada' },
      capacity: 500,
      entries: 7,
      exits: 1,
    });
  });

  it('counts the whole event against its capacity when the server sent no venues', () => {
    expect(venueOccupancy(config(), 'foro', COUNTS)).toEqual({
      venue: null,
      capacity: 500,
      entries: 10,
      exits: 3,
    });
  });
});
