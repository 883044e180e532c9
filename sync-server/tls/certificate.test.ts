import { X509Certificate } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { CliFailure, UsageError } from '../../cli/cli-io';
import { serverTls } from '../../cli/commands/server';
import { CERT_FILE, ensureCredentials, KEY_FILE, readFingerprint } from './certificate';

let dirs: ReturnType<typeof makeTempDir>[] = [];
afterEach(() => {
  for (const dir of dirs) dir.remove();
  dirs = [];
});
const temp = () => {
  const dir = makeTempDir('quiosco-cert-');
  dirs.push(dir);
  return dir.path;
};
const sqlite = (dataDir: string) => ({ kind: 'sqlite' as const, dataDir });
const postgres = { kind: 'postgres' as const, url: 'postgres://x@127.0.0.1/db' };

describe('the server certificate', () => {
  it('names the LAN addresses and hostname, lasts ten years, and is found again by its fingerprint', () => {
    const dir = temp();
    const made = ensureCredentials(dir, ['127.0.0.1', '192.168.1.10', 'quiosco-server', 'fe80::1']);
    const x509 = new X509Certificate(made.cert);
    expect(x509.subjectAltName).toBe(
      'IP Address:127.0.0.1, IP Address:192.168.1.10, DNS:quiosco-server, IP Address:FE80:0:0:0:0:0:0:1',
    );
    const years = (Date.parse(x509.validTo) - Date.parse(x509.validFrom)) / (365 * 24 * 3600 * 1000);
    expect(Math.round(years)).toBe(10);
    expect(readFingerprint(dir)).toBe(made.fingerprint);
    expect(readFingerprint(temp())).toBeUndefined();
  });

  it('serves the certificate given, the one in --tls-dir or the data dir, or plain HTTP only when asked', () => {
    const dir = temp();
    const made = ensureCredentials(dir, ['127.0.0.1']);
    const cert = join(dir, CERT_FILE);
    const key = join(dir, KEY_FILE);
    expect(serverTls({ 'tls-cert': cert, 'tls-key': key }, postgres)?.fingerprint).toBe(made.fingerprint);
    expect(serverTls({ 'tls-dir': dir }, postgres)?.fingerprint).toBe(made.fingerprint);
    expect(serverTls({}, sqlite(dir))?.fingerprint).toBe(made.fingerprint);
    expect(serverTls({ 'insecure-http': true }, postgres)).toBeUndefined();
  });

  it('refuses options that do not go together, naming them', () => {
    const cases: [Parameters<typeof serverTls>[0], string][] = [
      [
        { 'insecure-http': true, 'tls-dir': '/x' },
        '--insecure-http cannot go with --tls-dir, --tls-cert or --tls-key',
      ],
      [{ 'tls-cert': '/x' }, '--tls-cert and --tls-key go together'],
      [
        { 'tls-cert': '/x', 'tls-key': '/y', 'tls-dir': '/z' },
        'give --tls-dir or --tls-cert/--tls-key, not both',
      ],
      [
        {},
        'with DATABASE_URL give --tls-dir DIR (where the certificate is kept), --tls-cert and --tls-key, or --insecure-http',
      ],
    ];
    for (const [values, message] of cases) {
      expect(() => serverTls(values, postgres)).toThrow(new UsageError(message));
    }
  });

  it('refuses a key that is not the certificate’s, and files that are not PEM', () => {
    const a = temp();
    const b = temp();
    ensureCredentials(a, ['127.0.0.1']);
    ensureCredentials(b, ['127.0.0.1']);
    const certA = join(a, CERT_FILE);
    const keyB = join(b, KEY_FILE);
    expect(() => serverTls({ 'tls-cert': certA, 'tls-key': keyB }, postgres)).toThrow(
      new CliFailure(`${keyB} is not the key of the certificate ${certA}`),
    );
    const notPem = join(temp(), 'cert.pem');
    copyFileSync(__filename, notPem);
    expect(() => serverTls({ 'tls-cert': notPem, 'tls-key': keyB }, postgres)).toThrow(
      new CliFailure(`${notPem} is not a PEM certificate`),
    );
  });
});
