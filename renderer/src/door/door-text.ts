// The door screen's words for scans, tickets and occupancy.
import type { DoorScanView, DoorStatus } from '../../../shared/ipc/contract';
import type { TicketRef } from '../../../shared/tickets/scan-event';
import type { Translator, Vars } from '../i18n/i18n';

/** From this share of the capacity on, the occupancy shows as nearly full. */
export const NEARLY_FULL = 0.9;

/** "16:30": a 24-hour clock, the same for every language, in the kiosk's time zone. */
export function scanTimeText(iso: string, { locale }: Translator): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
}

export function scanPlaceText(scan: DoorScanView, { t }: Translator): string {
  return t(scan.here ? 'door.here' : 'door.elsewhere');
}

/**
 * A scan's time, gate and place, for the messages that tell of it: "Entró a las 16:30 por Puerta
 * Norte — otra puerta" is `door.previous.entry` with these.
 */
export function scanVars(scan: DoorScanView, translator: Translator): Vars {
  return { time: scanTimeText(scan.at, translator), gate: scan.gate, where: scanPlaceText(scan, translator) };
}

export function ticketText(ticket: TicketRef, { t }: Translator): string {
  return t(`door.ticket.${ticket.source}`, { id: ticket.id });
}

export type OccupancyView = {
  text: string;
  /** Share of the capacity, 0 to 1 (more inside than allowed shows full); null without a capacity. */
  fill: number | null;
  /** The warning under the meter, from NEARLY_FULL of the capacity on; null below it. */
  warning: string | null;
};

export function occupancyView(
  { inside, capacity }: DoorStatus['occupancy'],
  translator: Translator,
): OccupancyView {
  const { t, locale } = translator;
  const number = new Intl.NumberFormat(locale);
  if (capacity === null) {
    return {
      text: t('door.occupancy.insideNoLimit', { inside: number.format(inside) }),
      fill: null,
      warning: null,
    };
  }
  const share = capacity > 0 ? inside / capacity : 1;
  const percent = number.format(Math.floor(share * 100));
  return {
    text: t('door.occupancy.inside', { inside: number.format(inside), capacity: number.format(capacity) }),
    fill: Math.min(1, Math.max(0, share)),
    warning:
      share >= 1
        ? t('door.occupancy.full', { percent })
        : share >= NEARLY_FULL
          ? t('door.occupancy.nearlyFull', { percent })
          : null,
  };
}
