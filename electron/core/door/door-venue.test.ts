import { describe, expect, it } from 'vitest';
import { DEFAULT_DOOR_CONFIG, type DoorConfigPayload } from '../../../shared/sync/protocol';
import { venueOccupancy } from './door-venue';

const BY_DEVICE = [
  { device_id: 'norte', entries: 5, exits: 1 },
  { device_id: 'foro', entries: 3, exits: 2 },
  { device_id: 'movida', entries: 2, exits: 0 },
];
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
    expect(venueOccupancy(config(VENUES), 'foro', BY_DEVICE)).toEqual({
      venue: { id: 'v-foro', name: 'Foro infantil' },
      capacity: 40,
      entries: 3,
      exits: 2,
    });
  });

  it('puts a door at no venue, and scans of doors it does not know, at the default venue', () => {
    expect(venueOccupancy(config(VENUES), 'norte', BY_DEVICE)).toEqual({
      venue: { id: 'feria~default', name: 'Explanada' },
      capacity: 500,
      entries: 7,
      exits: 1,
    });
  });

  it('counts the whole event against its capacity when the server sent no venues', () => {
    expect(venueOccupancy(config(), 'foro', BY_DEVICE)).toEqual({
      venue: null,
      capacity: 500,
      entries: 10,
      exits: 3,
    });
  });
});
