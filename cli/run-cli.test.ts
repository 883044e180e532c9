// Routing of "quiosco GROUP [SUBCOMMAND]" now that each command's module is imported on demand
// (the routes themselves are covered command by command in cli.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../electron/core/testing/kiosk-fixtures';
import { pointDatabaseUrlAt } from '../sync-server/testing/test-server';
import type { CliIo } from './cli-io';
import { runCli, USAGE } from './run-cli';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (line) => (out += `${line}\n`), err: (line) => (err += `${line}\n`) };
  return { code: await runCli(argv, io), out, err };
}

describe('quiosco command routing', () => {
  const data = makeTempDir();
  let restoreDatabaseUrl: () => void;
  // The database is named by --data here: DATABASE_URL, if the shell has one, is put aside.
  beforeAll(() => {
    restoreDatabaseUrl = pointDatabaseUrlAt({ kind: 'sqlite', dataDir: data.path });
  });
  afterAll(() => {
    restoreDatabaseUrl();
    data.remove();
  });

  it.each([['kiosk init'], ['server backup'], ['forms check']])(
    'refuses "%s" typed as one argument: no command has a space in its name',
    async (both) => {
      expect(await cli(both, 'x')).toEqual({
        code: 2,
        out: '',
        err: `quiosco: "${both} x" is not a command\n\n${USAGE}\n`,
      });
    },
  );

  it('answers a mistake in a command loaded on demand with its message and a pointer to --help', async () => {
    const result = await cli('export', '--form', 'encuesta', '--out', '-');
    expect(result).toEqual({
      code: 2,
      out: '',
      err: 'quiosco export: --data DIR is required (or set DATABASE_URL to use PostgreSQL)\nRun "quiosco export --help" for usage.\n',
    });
  });

  it('answers a failure a command expects with its message alone, no stack', async () => {
    const result = await cli('export', '--form', 'no_such_form', '--out', '-', '--data', data.path);
    expect(result).toEqual({ code: 1, out: '', err: 'quiosco export: no form no_such_form\n' });
  });
});
