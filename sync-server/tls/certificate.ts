// The server's TLS certificate for a venue LAN with no certificate authority: self-signed,
// made at first start into the data directory (key 0600), valid for ten years, naming the
// computer's LAN addresses and hostname. Kiosks do not trust it through a CA: they pin its
// SHA-256 fingerprint, which the enrolment code carries. Node has no certificate generator, so
// Node makes the key and the `openssl` command signs the certificate.
import { execFileSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { makePrivateDir, writePrivateFile } from '../private-files';

export const CERT_FILE = 'tls-cert.pem';
export const KEY_FILE = 'tls-key.pem';
const VALID_DAYS = 3650;

export type TlsCredentials = {
  cert: string;
  key: string;
  /** SHA-256 of the certificate (DER), 64 lower-case hex digits: what kiosks pin. */
  fingerprint: string;
};

export class TlsSetupError extends Error {
  override readonly name = 'TlsSetupError';
}

/** The certificate's SHA-256 fingerprint as 64 lower-case hex digits (no colons). */
export function certificateFingerprint(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256.replace(/:/g, '').toLowerCase();
}

/** A certificate and key given by the owner (--tls-cert/--tls-key), checked to belong together. */
export function loadCredentials(certFile: string, keyFile: string): TlsCredentials {
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      throw new TlsSetupError(`cannot read the TLS ${what} ${file}: ${(e as Error).message}`);
    }
  };
  const cert = read(certFile, 'certificate');
  const key = read(keyFile, 'key');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new TlsSetupError(`${certFile} is not a PEM certificate`);
  }
  let matches = false;
  try {
    matches = x509.checkPrivateKey(createPrivateKey(key));
  } catch {
    throw new TlsSetupError(`${keyFile} is not a PEM private key`);
  }
  if (!matches) throw new TlsSetupError(`${keyFile} is not the key of the certificate ${certFile}`);
  return { cert, key, fingerprint: certificateFingerprint(cert) };
}

/** The fingerprint of the certificate a server keeps in `dir`, or undefined when it has none there. */
export function readFingerprint(dir: string): string | undefined {
  const file = join(dir, CERT_FILE);
  return existsSync(file) ? certificateFingerprint(readFileSync(file, 'utf8')) : undefined;
}

/** The certificate in `dir`, made there first if there is none yet. */
export function ensureCredentials(dir: string, names: string[] = lanNames()): TlsCredentials {
  const certFile = join(dir, CERT_FILE);
  const keyFile = join(dir, KEY_FILE);
  if (existsSync(certFile) && existsSync(keyFile)) return loadCredentials(certFile, keyFile);
  makePrivateDir(dir, false);
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  writePrivateFile(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  let cert: string;
  try {
    cert = execFileSync(
      'openssl',
      [
        'req',
        ...['-new', '-x509', '-key', keyFile, '-days', String(VALID_DAYS), '-sha256'],
        ...['-subj', '/O=Quiosco/CN=Quiosco sync server'],
        ...['-addext', `subjectAltName=${subjectAltNames(names)}`],
        ...['-addext', 'basicConstraints=critical,CA:FALSE'],
        ...['-addext', 'extendedKeyUsage=serverAuth'],
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (e) {
    const missing = e instanceof Error && 'code' in e && e.code === 'ENOENT';
    throw new TlsSetupError(
      missing
        ? 'making the TLS certificate needs the openssl command (apt install openssl), or give --tls-cert and --tls-key'
        : `openssl could not make the TLS certificate: ${(e as Error).message}`,
    );
  }
  writePrivateFile(certFile, cert);
  return { cert, key: readFileSync(keyFile, 'utf8'), fingerprint: certificateFingerprint(cert) };
}

/** The names kiosks may use for this computer: localhost, its hostname and every IPv4/IPv6 address. */
export function lanNames(): string[] {
  const addresses = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((a) => a.address);
  return [...new Set(['localhost', hostname(), '127.0.0.1', '::1', ...addresses])];
}

function subjectAltNames(names: string[]): string {
  const safe = names.filter((n) => /^[\w.:-]+$/.test(n));
  return safe.map((n) => (/^[\d.]+$/.test(n) || n.includes(':') ? `IP:${n}` : `DNS:${n}`)).join(',');
}
