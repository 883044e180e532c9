// Tokens and codes: high-entropy random text handed out once; the database keeps only its sha256,
// which is enough (nobody can guess 256 random bits, so a slow hash would add nothing).
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { ENROL_ALPHABET, ENROL_CODE_LENGTH } from '../../shared/sync/protocol';

export const API_TOKEN_PREFIX = 'qapi_';
export const DEVICE_TOKEN_PREFIX = 'qdev_';

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export function newToken(prefix: typeof API_TOKEN_PREFIX | typeof DEVICE_TOKEN_PREFIX): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** 12 characters of Crockford base32: 60 bits, enough for a one-time code that expires in minutes. */
export function newEnrolCode(): string {
  let code = '';
  for (let i = 0; i < ENROL_CODE_LENGTH; i++) code += ENROL_ALPHABET[randomInt(ENROL_ALPHABET.length)];
  return code;
}

/** A short public id, e.g. for naming a token when revoking it. */
export const newId = (prefix: string): string => `${prefix}_${randomBytes(6).toString('hex')}`;
