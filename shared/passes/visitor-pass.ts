// What a visitor pass QR code carries. Upper case keeps the whole text inside the QR alphanumeric
// set (0-9 A-Z space $%*+-./:), which makes a smaller code that phone cameras read from further away.
//
// A pass is its registration's id (a UUIDv7 made by the kiosk) and nothing else: no signature.
// Doors must admit a pass made minutes ago on a kiosk that has not synced yet, so the door cannot
// look it up; a kiosk signature would need every kiosk's key known at every door (a key enrolled
// after a door's last sync would fail the same way) and would triple the code's size on the thanks
// screen. What a signature would protect is not worth it: registration is free and open, so a
// made-up pass only gets what registering at any kiosk gets, for workshop attendance. The door
// therefore admits any well-formed pass it has not seen synced (marked as such in the verdict),
// and the server matches attendance with registrations when both have synced.

/** Marks the text as a Quiosco pass, format 1, so the door scanner can tell it from a ticket. */
export const VISITOR_PASS_PREFIX = 'QP1:';

const ANY_PASS_FORMAT = /^QP\d+:/;
// The kiosk's ids are UUIDv7 (version digit 7, RFC 9562 variant 8-B), upper case in the code.
const PASS_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-7[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;

export type VisitorPassRead = { ok: true; passId: string } | { ok: false; detail: string };

export function encodeVisitorPass(passId: string): string {
  return VISITOR_PASS_PREFIX + passId.toUpperCase();
}

/** Whether the text claims to be a pass, of any format version (a damaged one included). */
export function isVisitorPassText(text: string): boolean {
  return ANY_PASS_FORMAT.test(text);
}

/** The pass id as the kiosk stored it (lower case), or why the text is not a pass of format 1. */
export function readVisitorPass(text: string): VisitorPassRead {
  if (!text.startsWith(VISITOR_PASS_PREFIX)) {
    return { ok: false, detail: `does not start with ${VISITOR_PASS_PREFIX}` };
  }
  const id = text.slice(VISITOR_PASS_PREFIX.length);
  if (!PASS_ID.test(id)) return { ok: false, detail: 'the pass id is not an upper-case UUIDv7' };
  return { ok: true, passId: id.toLowerCase() };
}
