// The venues' words (events page, kiosks page, occupancy per venue), Spanish (Mexico) first,
// English beside it, the same keys in both.
import type { Locale } from './i18n';
import { useConsole } from './store';

const es = {
  venuesTitle: (event: string) => `Recintos de ${event}`,
  venuesHelp:
    'Cada recinto tiene su propio aforo. El recinto principal lleva el aforo del evento y cuenta las puertas sin recinto.',
  venueName: 'Nombre del recinto',
  venueCapacity: 'Aforo (vacío: sin límite)',
  main: 'Principal',
  archived: 'Archivado',
  save: 'Guardar',
  archive: 'Archivar',
  restore: 'Restaurar',
  addVenue: 'Agregar recinto',
  saveVenue: (name: string) => `Guardar el recinto ${name}`,
  archiveVenue: (name: string) => `Archivar el recinto ${name}`,
  restoreVenue: (name: string) => `Restaurar el recinto ${name}`,
  nameNeeded: 'Escriba el nombre del recinto.',
  nameTaken: (name: string) => `Ya hay un recinto llamado «${name}» en este evento.`,
  capacityInvalid: 'El aforo es un número entero de personas, 1 o más, o vacío para no poner límite.',
  venueAdded: (name: string) => `Se agregó el recinto ${name}.`,
  venueSaved: (name: string) => `Se guardó el recinto ${name}.`,
  venueArchived: (name: string) => `Se archivó el recinto ${name}.`,
  venueRestored: (name: string) => `Se restauró el recinto ${name}.`,
  archiveTitle: (name: string) => `¿Archivar el recinto ${name}?`,
  archiveBody:
    'Deja de mostrarse en el aforo por recinto y no se le pueden asignar puertas. Puede restaurarlo después.',
  archiveConfirm: 'Sí, archivar',
  cancel: 'Cancelar',
  // Kiosks page
  venue: 'Recinto',
  kioskVenue: (kiosk: string) => `Recinto que vigila ${kiosk}`,
  kioskVenueSet: (kiosk: string, venue: string) => `${kiosk} vigila ahora ${venue}.`,
  // Occupancy per venue
  byVenue: 'Aforo por recinto',
  inside: 'Dentro',
  capacity: 'Aforo',
  entries: 'Entradas',
  exits: 'Salidas',
  state: 'Estado',
  doors: 'Puertas',
  noLimit: 'Sin límite',
  ok: 'Con lugar',
  near: 'Casi lleno',
  full: 'Lleno',
  noDoors: 'Ninguna',
};
export type VenueMessages = typeof es;

const en: VenueMessages = {
  venuesTitle: (event) => `Venues of ${event}`,
  venuesHelp:
    "Each venue has its own capacity. The main venue holds the event's capacity and counts the doors with no venue.",
  venueName: 'Venue name',
  venueCapacity: 'Capacity (empty: no limit)',
  main: 'Main',
  archived: 'Archived',
  save: 'Save',
  archive: 'Archive',
  restore: 'Restore',
  addVenue: 'Add venue',
  saveVenue: (name) => `Save venue ${name}`,
  archiveVenue: (name) => `Archive venue ${name}`,
  restoreVenue: (name) => `Restore venue ${name}`,
  nameNeeded: 'Type the venue name.',
  nameTaken: (name) => `This event already has a venue named “${name}”.`,
  capacityInvalid: 'The capacity is a whole number of people, 1 or more, or empty for no limit.',
  venueAdded: (name) => `Venue ${name} added.`,
  venueSaved: (name) => `Venue ${name} saved.`,
  venueArchived: (name) => `Venue ${name} archived.`,
  venueRestored: (name) => `Venue ${name} restored.`,
  archiveTitle: (name) => `Archive the venue ${name}?`,
  archiveBody:
    'It no longer shows in occupancy per venue and no door can be put at it. You can restore it later.',
  archiveConfirm: 'Yes, archive',
  cancel: 'Cancel',
  venue: 'Venue',
  kioskVenue: (kiosk) => `Venue ${kiosk} guards`,
  kioskVenueSet: (kiosk, venue) => `${kiosk} now guards ${venue}.`,
  byVenue: 'Occupancy per venue',
  inside: 'Inside',
  capacity: 'Capacity',
  entries: 'Entries',
  exits: 'Exits',
  state: 'State',
  doors: 'Doors',
  noLimit: 'No limit',
  ok: 'Room left',
  near: 'Nearly full',
  full: 'Full',
  noDoors: 'None',
};

export const VENUES: Record<Locale, VenueMessages> = { 'es-MX': es, en };

export const useVenuesText = (): VenueMessages => VENUES[useConsole((state) => state.locale)];
