// What a visitor pass QR code carries. Upper case keeps the whole text inside the QR alphanumeric
// set (0-9 A-Z space $%*+-./:), which makes a smaller code that phone cameras read from further away.

/** Marks the text as a Quiosco pass, format 1, so the door scanner can tell it from a ticket. */
export const VISITOR_PASS_PREFIX = 'QP1:';

export function encodeVisitorPass(passId: string): string {
  return VISITOR_PASS_PREFIX + passId.toUpperCase();
}
