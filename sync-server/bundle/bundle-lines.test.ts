// The line reader under the import: lines split across its reads come whole, a line longer than
// any bundle line is refused rather than held, and the one-pass check tells a signature made with
// another key from the right one.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { writeSignedFile } from '../../shared/sync/node/bundle-file';
import { bodyLines, checkBundleFile, fileLines, MAX_BUNDLE_LINE_BYTES } from './bundle-lines';

describe('bundle lines', () => {
  const dir = makeTempDir('quiosco-bundle-lines-');
  afterAll(() => dir.remove());

  it('gives every line whole, across reads, the last without its newline', async () => {
    const file = join(dir.path, 'lines');
    const long = 'x'.repeat(2_500_000);
    writeFileSync(file, `a\n${long}\n\nend`);
    const lines: string[] = [];
    for await (const line of fileLines(file)) lines.push(line.toString('utf8'));
    expect(lines).toEqual(['a\n', `${long}\n`, '\n', 'end']);
  });

  it('refuses a line longer than any bundle line', async () => {
    const file = join(dir.path, 'too-long');
    writeFileSync(
      file,
      `{"format":"quiosco-usb-bundle"}\n${'x'.repeat(MAX_BUNDLE_LINE_BYTES + 2_000_000)}\n`,
    );
    const read = async () => {
      for await (const line of fileLines(file)) expect(line.length).toBeLessThan(MAX_BUNDLE_LINE_BYTES);
    };
    await expect(read()).rejects.toMatchObject({ code: 'bundle_malformed' });
  });

  it('checks the envelope in one pass and the signature with the key asked for', async () => {
    const key = 'k'.repeat(64);
    const header = {
      format: 'quiosco-usb-bundle',
      version: 1,
      deviceId: '0190a1b2-0000-7000-8000-000000000001',
      createdAt: '2026-12-01T00:00:00.000Z',
      fromSeq: 0,
      throughSeq: 0,
      records: 0,
      photos: 0,
    };
    const file = writeSignedFile(dir.path, 'b.qbundle', key, ({ line }) => {
      line(`${JSON.stringify(header)}\n`);
      line('body 1\n');
      line('body 2\n');
      return { changes: 2, chunks: 0 };
    });
    const seen: string[] = [];
    const checked = await checkBundleFile(
      file,
      async () => key,
      (line) => seen.push(line),
    );
    expect(checked).toMatchObject({ header, trailer: { changes: 2 }, signedWith: true });
    expect(seen).toEqual(['body 1', 'body 2']);
    const other = await checkBundleFile(
      file,
      async () => 'o'.repeat(64),
      () => undefined,
    );
    expect(other.signedWith).toBe(false);
    const body: string[] = [];
    for await (const line of bodyLines(file, 2)) body.push(line);
    expect(body).toEqual(['body 1', 'body 2']);
  });
});
