import { describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from './pin-hash';

describe('PIN hash', () => {
  it('stores scrypt parameters, a random salt and the key; verifies only the right PIN', async () => {
    const a = await hashPin('1234');
    const b = await hashPin('1234');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPin('1234', a)).toBe(true);
    expect(await verifyPin('1235', a)).toBe(false);
    expect(await verifyPin('12345', a)).toBe(false);
  });

  it('refuses a stored hash it cannot read', async () => {
    await expect(verifyPin('1234', 'plain:1234')).rejects.toThrow(
      'stored PIN hash is not in the scrypt$N$r$p$salt$hash format',
    );
  });
});
