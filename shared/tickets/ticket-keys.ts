// Ed25519 keys that sign tickets, through Web Crypto (`crypto.subtle`): the same code runs in Node 20,
// in Chromium/Electron and on the server, with no extra package. Each event has one or more keys,
// numbered 0-255 (the key id travels in the ticket), so a server can rotate: publish a new key,
// sign new tickets with it, keep validating the old one until every kiosk has the new one, then
// mark the old one retired.
import { z } from 'zod';

const ED25519 = 'Ed25519';
export const MAX_KEY_ID = 255;

const KEY_ID_RANGE = `key ids are 0-${MAX_KEY_ID}`;
export const KeyIdSchema = z.number().int(KEY_ID_RANGE).min(0, KEY_ID_RANGE).max(MAX_KEY_ID, KEY_ID_RANGE);

/** A raw 32-byte Ed25519 public key as unpadded base64url (43 characters). */
export const PublicKeyTextSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, 'not a public key');

/** What a server publishes per event and kiosks sync down: every key that may have signed a ticket. */
export const PublishedTicketKeySchema = z.object({
  keyId: KeyIdSchema,
  publicKey: PublicKeyTextSchema,
  /** A retired key no longer admits anyone (e.g. it leaked); its tickets read as forged. */
  retired: z.boolean(),
});
export type PublishedTicketKey = z.infer<typeof PublishedTicketKeySchema>;

/** Web Crypto's key, named so that it compiles both with DOM types (renderer) and with Node's alone. */
export type WebCryptoKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

export type TicketSigningKey = { keyId: number; privateKey: WebCryptoKey };
export type TicketKeyPair = TicketSigningKey & { publicKey: WebCryptoKey };

export async function generateTicketKey(keyId: number): Promise<TicketKeyPair> {
  KeyIdSchema.parse(keyId);
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as {
    privateKey: WebCryptoKey;
    publicKey: WebCryptoKey;
  };
  return { keyId, privateKey: pair.privateKey, publicKey: pair.publicKey };
}

export async function exportPublicKey(key: WebCryptoKey): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', key)));
}

export async function importPublicKey(text: string): Promise<WebCryptoKey> {
  const raw = fromBase64Url(PublicKeyTextSchema.parse(text));
  return crypto.subtle.importKey('raw', raw, ED25519, false, ['verify']);
}

/** The private key as PKCS #8 in base64url, for the server's key store. */
export async function exportPrivateKey(key: WebCryptoKey): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.exportKey('pkcs8', key)));
}

export async function importPrivateKey(text: string): Promise<WebCryptoKey> {
  return crypto.subtle.importKey('pkcs8', fromBase64Url(text), ED25519, false, ['sign']);
}

// Importing a key costs more than a verification; a door sees the same few keys all day.
const MAX_CACHED_KEYS = 256;
const importedKeys = new Map<string, Promise<WebCryptoKey>>();

/** `importPublicKey`, remembered by key text, for the validation hot path. */
export function cachedPublicKey(text: string): Promise<WebCryptoKey> {
  let key = importedKeys.get(text);
  if (key === undefined) {
    if (importedKeys.size >= MAX_CACHED_KEYS) importedKeys.clear();
    key = importPublicKey(text);
    // A failed import must not stay cached as a rejected promise.
    key.catch(() => importedKeys.delete(text));
    importedKeys.set(text, key);
  }
  return key;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
