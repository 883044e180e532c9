// The short pass number a visitor can read out or write down: 8 Crockford base32 characters from
// the registration id's random tail plus Crockford's check character, e.g. "7K3M-Q9XD-4".
// The QR code keeps the full id; the number is a deterministic label for it, for people.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Crockford's check symbols: the 32 digits, then * ~ $ = U for 32 to 36. */
const CHECK_SYMBOLS = `${ALPHABET}*~$=U`;

/** 40 bits (10 hex digits) of the id's random end: 8 characters of 5 bits. */
export function passNumber(registrationId: string): string {
  const hex = registrationId.replace(/-/g, '').slice(-10);
  if (!/^[0-9a-f]{10}$/i.test(hex)) throw new Error(`not a registration id: ${registrationId}`);
  const value = BigInt(`0x${hex}`);
  let digits = '';
  for (let shift = 35n; shift >= 0n; shift -= 5n) digits += ALPHABET[Number((value >> shift) & 31n)];
  return digits + CHECK_SYMBOLS[Number(value % 37n)];
}

/** Grouped for reading aloud: "7K3M-Q9XD-4". */
export function spacedPassNumber(number: string): string {
  return `${number.slice(0, 4)}-${number.slice(4, 8)}-${number.slice(8)}`;
}
