import { describe, expect, it } from 'vitest';
import {
  PublishedTicketKeySchema,
  cachedPublicKey,
  exportPrivateKey,
  exportPublicKey,
  fromBase64Url,
  generateTicketKey,
  importPrivateKey,
  importPublicKey,
  toBase64Url,
} from './ticket-keys';

const message = new Uint8Array([1, 2, 3, 4]);

describe('ticket keys', () => {
  it('exports a public key as 43 base64url characters that import back and verify', async () => {
    const pair = await generateTicketKey(7);
    expect(pair.keyId).toBe(7);
    const text = await exportPublicKey(pair.publicKey);
    expect(text).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(PublishedTicketKeySchema.parse({ keyId: 7, publicKey: text, retired: false }).publicKey).toBe(
      text,
    );
    const signature = await crypto.subtle.sign('Ed25519', pair.privateKey, message);
    expect(await crypto.subtle.verify('Ed25519', await importPublicKey(text), signature, message)).toBe(true);
    expect(await crypto.subtle.verify('Ed25519', await cachedPublicKey(text), signature, message)).toBe(true);
  });

  it('stores a private key as PKCS #8 text that signs after import', async () => {
    const pair = await generateTicketKey(0);
    const restored = await importPrivateKey(await exportPrivateKey(pair.privateKey));
    const signature = await crypto.subtle.sign('Ed25519', restored, message);
    expect(await crypto.subtle.verify('Ed25519', pair.publicKey, signature, message)).toBe(true);
  });

  it('refuses key ids outside 0-255 and texts that are not a 32-byte key', async () => {
    await expect(generateTicketKey(256)).rejects.toThrow('key ids are 0-255');
    await expect(generateTicketKey(-1)).rejects.toThrow('key ids are 0-255');
    await expect(importPublicKey('abc')).rejects.toThrow(/not a public key/);
    // 43 characters whose last one carries bits past the 32nd byte.
    expect(
      PublishedTicketKeySchema.safeParse({ keyId: 1, publicKey: `${'A'.repeat(42)}B`, retired: false })
        .success,
    ).toBe(false);
    await expect(cachedPublicKey('not a key')).rejects.toThrow(/not a public key/);
  });

  it('round-trips base64url and refuses other alphabets', () => {
    const bytes = new Uint8Array([0, 255, 62, 63, 128, 7]);
    expect(toBase64Url(bytes)).toBe('AP8-P4AH');
    expect(fromBase64Url('AP8-P4AH')).toEqual(bytes);
    expect(() => fromBase64Url('AP8+P4AH')).toThrow('not base64url');
    expect(() => fromBase64Url('AP8-P')).toThrow('not base64url');
  });
});
