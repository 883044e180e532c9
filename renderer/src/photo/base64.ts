// Photos cross the IPC boundary as base64 (shared/ipc/field-contract.ts).

/** Bytes per String.fromCharCode call: a multiple of 3 (no padding mid-way), well under the argument limit. */
const CHUNK = 3 * 8192;

/** Standard base64 with padding, for any size of buffer. */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += CHUNK) {
    parts.push(btoa(String.fromCharCode(...bytes.subarray(start, start + CHUNK))));
  }
  return parts.join('');
}

export const dataUrl = (base64: string, mime = 'image/jpeg'): string => `data:${mime};base64,${base64}`;
