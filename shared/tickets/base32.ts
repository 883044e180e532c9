// RFC 4648 base32 (alphabet A-Z 2-7), upper case and without '=' padding, so a ticket's text stays
// inside the QR alphanumeric set (0-9 A-Z space $%*+-./:) and encodes at 5.5 bits per character
// instead of 8. Decoding is strict: one text maps to exactly one byte string, so an altered
// character always alters the bytes the signature covers.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

export type Base32Problem =
  | { problem: 'bad_character'; index: number }
  /** No byte count encodes to this many characters (length mod 8 is 1, 3 or 6). */
  | { problem: 'bad_length'; length: number }
  /** The last character's unused low bits are not zero: not the canonical text of any bytes. */
  | { problem: 'nonzero_padding_bits' };

export type Base32Decoded = { ok: true; bytes: Uint8Array<ArrayBuffer> } | ({ ok: false } & Base32Problem);

export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

export function decodeBase32(text: string): Base32Decoded {
  const rest = text.length % 8;
  if (rest === 1 || rest === 3 || rest === 6)
    return { ok: false, problem: 'bad_length', length: text.length };
  const bytes = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? (VALUES[code] as number) : -1;
    if (value < 0) return { ok: false, problem: 'bad_character', index: i };
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (buffer >> bits) & 0xff;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) return { ok: false, problem: 'nonzero_padding_bits' };
  return { ok: true, bytes };
}
