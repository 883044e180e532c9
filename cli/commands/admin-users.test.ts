// `quiosco admin user add` with each role, the door supervisor among them, on SQLite and
// PostgreSQL; API tokens refuse the door supervisor's role by name.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { listUsers } from '../../sync-server/console/accounts';
import { DB_KINDS } from '../../sync-server/testing/test-server';
import type { CliIo } from '../cli-io';
import { databasePerTest } from '../testing/database-per-test';
import { userAdd } from './admin-users';

describe.each(DB_KINDS)('quiosco admin user on %s', (kind) => {
  const { quiosco, where, inDatabase } = databasePerTest(kind);

  it('adds a door supervisor with a piped password and lists them', async () => {
    let out = '';
    const io: CliIo = { out: (line) => (out += `${line}\n`), err: () => undefined };
    const piped = Object.assign(Readable.from(['contraseña de la puerta\n']), { isTTY: false });
    const code = await userAdd(['puerta', '--role', 'door_supervisor', ...where()], io, {
      input: piped,
      prompt: { write: () => true },
    });
    expect([code, out]).toEqual([
      0,
      "Console user puerta (door_supervisor) created; they sign in at the server's address.\n",
    ]);
    const listed = await quiosco('admin', 'user', 'list');
    expect(listed.out).toMatch(/^puerta +door_supervisor +\(created .*, active\)$/m);
    const users = await inDatabase(listUsers);
    expect(users.map((u) => [u.username, u.role])).toEqual([['puerta', 'door_supervisor']]);
  });

  it('refuses an unknown role by naming the four, and a door supervisor API token', async () => {
    const unknown = await quiosco('admin', 'user', 'add', 'x1', '--role', 'doorman');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('--role must be one of admin, coordinator, statistician, door_supervisor');
    const token = await quiosco('admin', 'token', 'create', '--role', 'door_supervisor', '--name', 'puerta');
    expect(token.code).not.toBe(0);
    expect(token.err).toContain('--role must be one of admin, coordinator, statistician');
    expect(token.err).not.toContain('door_supervisor');
  });
});
