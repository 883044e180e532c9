// `quiosco kiosk init`'s staff PIN: piped in, typed at a prompt without echo, or (with a
// warning) on the command line; too short a PIN is refused before anything is written.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { CallFailure } from '../../shared/ipc/result';
import { kioskDatabasePath } from '../../electron/core/db/kiosk-database';
import { openKioskCore } from '../../electron/core/kiosk-core';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { CliFailure, UsageError } from '../cli-io';
import type { PinInput } from '../read-pin';
import { kioskInit } from './kiosk-init';

let dir: ReturnType<typeof makeTempDir>;
afterEach(() => dir.remove());

function setup() {
  dir = makeTempDir('quiosco-init-');
  const out: string[] = [];
  const err: string[] = [];
  const prompt: string[] = [];
  return {
    dataDir: join(dir.path, 'kiosk'),
    out,
    err,
    prompt,
    io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) },
    promptOutput: { write: (text: string) => prompt.push(text) },
  };
}

const piped = (text: string): PinInput => Readable.from([text]);

/** A terminal that, each time the command puts it in raw mode, types the next answer's key chunks. */
function terminal(answers: string[][]): PinInput & { rawModes: boolean[] } {
  const tty = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[] });
  const type = (chunks: string[]) => {
    const [chunk, ...rest] = chunks;
    if (chunk === undefined) return;
    tty.write(chunk);
    setImmediate(() => type(rest));
  };
  return Object.assign(tty, {
    setRawMode(raw: boolean) {
      tty.rawModes.push(raw);
      const next = raw ? answers.shift() : undefined;
      if (next !== undefined) setImmediate(() => type(next));
    },
  });
}

async function unlocks(dataDir: string, pin: string): Promise<boolean> {
  const core = openKioskCore({ dataDir });
  try {
    return (await core.dispatch('staff:unlock', { pin })).ok;
  } finally {
    core.close();
  }
}

describe('kiosk init staff PIN', () => {
  it('reads the PIN from piped standard input, with nothing on the command line', async () => {
    const t = setup();
    const code = await kioskInit(['--data', t.dataDir, '--pin-stdin'], t.io, piped('135790\nrest\n'));
    expect(code).toBe(0);
    expect(t.out).toContain('  staff PIN set');
    expect(t.err).toEqual([]);
    expect(await unlocks(t.dataDir, '135790')).toBe(true);
  });

  it('asks twice at a terminal, in raw mode so nothing is echoed', async () => {
    const t = setup();
    // "247", backspace, "68", then "01" and Enter: 246801; typed again to confirm.
    const tty = terminal([['247\u007f68', '01\r'], ['246801\r']]);
    const code = await kioskInit(['--data', t.dataDir, '--pin-stdin'], t.io, tty, t.promptOutput);
    expect(code).toBe(0);
    expect(t.prompt).toEqual(['Staff PIN (6 to 8 digits): ', '\n', 'Repeat the staff PIN: ', '\n']);
    expect(tty.rawModes).toEqual([true, false, true, false]);
    expect(await unlocks(t.dataDir, '246801')).toBe(true);
  });

  it('refuses two different PINs at the prompt, writing nothing', async () => {
    const t = setup();
    const tty = terminal([['135790\r'], ['135791\r']]);
    await expect(kioskInit(['--data', t.dataDir, '--pin-stdin'], t.io, tty, t.promptOutput)).rejects.toThrow(
      new CliFailure('the two PINs typed differ; nothing was changed'),
    );
    expect(existsSync(t.dataDir)).toBe(false);
  });

  it('refuses a PIN under 6 digits, writing nothing', async () => {
    for (const pin of ['1234', '12345', '12345a', '']) {
      const t = setup();
      await expect(kioskInit(['--data', t.dataDir, '--pin-stdin'], t.io, piped(`${pin}\n`))).rejects.toThrow(
        pin === ''
          ? new CliFailure('--pin-stdin: standard input held no PIN')
          : new CallFailure('invalid_input', 'The staff PIN must be 6 to 8 digits'),
      );
      expect(existsSync(t.dataDir)).toBe(false);
      dir.remove();
    }
    dir = makeTempDir();
  });

  it('still takes --pin, warning that every local user can read it', async () => {
    const t = setup();
    expect(await kioskInit(['--data', t.dataDir, '--pin', '135790'], t.io)).toBe(0);
    expect(t.err).toEqual([
      'quiosco kiosk init: warning: --pin shows the PIN to every user of this computer (ps, shell history); use --pin-stdin',
    ]);
    expect(existsSync(kioskDatabasePath(t.dataDir))).toBe(true);
    await expect(
      kioskInit(['--data', t.dataDir, '--pin', '135790', '--pin-stdin'], t.io, piped('1\n')),
    ).rejects.toThrow(new UsageError('give the PIN with --pin-stdin or --pin, not both'));
  });
});
