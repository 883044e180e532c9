// `quiosco admin user …`: the web console's accounts, each with one role. The password is typed
// at a prompt without echo (twice) or piped on standard input, never given as an argument (it
// would show in `ps` and the shell history).
import { UsageError, CliFailure, EXIT_OK, type CliIo } from '../cli-io';
import { parseCli, requireOption } from '../parse-cli';
import { promptHidden, type PinInput, type PromptOutput } from '../read-pin';
import { RoleSchema } from '../../shared/sync/admin-api';
import { listUsers } from '../../sync-server/console/accounts';
import { addConsoleUser, disableConsoleUser } from '../../sync-server/console/user-setup';
import type { ServerDb } from '../../sync-server/db/server-database';
import { cliActor } from './cli-actor';
import { withDatabase } from './with-database';

export const USER_USAGE = `  user add NAME --role ROLE              create a console user (admin, coordinator, statistician
                                         or door_supervisor);
                                         the password is asked for, or read from standard input
  user list                              list console users
  user disable NAME                      disable a user at once (their sessions end)`;

type Streams = { input: PinInput; prompt: PromptOutput };
const STDIO: Streams = { input: process.stdin, prompt: process.stderr };

async function readPassword({ input, prompt }: Streams): Promise<string> {
  if (input.isTTY === true && input.setRawMode) {
    const first = await promptHidden(input, prompt, 'Password (at least 10 characters): ');
    if ((await promptHidden(input, prompt, 'Repeat the password: ')) !== first) {
      throw new CliFailure('the two passwords typed differ; nothing was changed');
    }
    return first;
  }
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.includes('\n')) break;
  }
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (line === '') throw new CliFailure('standard input held no password');
  return line;
}

const DATA = { data: { type: 'string' } } as const;

export async function userAdd(args: string[], io: CliIo, streams: Streams = STDIO): Promise<number> {
  const { values, positionals } = parseCli({
    args,
    options: { ...DATA, role: { type: 'string' } },
    allowPositionals: true,
  });
  const [username, ...extra] = positionals;
  if (username === undefined || extra.length > 0)
    throw new UsageError('name one user: user add NAME --role ROLE');
  const role = RoleSchema.safeParse(requireOption(values.role, 'role'));
  if (!role.success) throw new UsageError(`--role must be one of ${RoleSchema.options.join(', ')}`);
  const password = await readPassword(streams);
  const user = await withDatabase(values.data, (s) =>
    addConsoleUser(s, { username, role: role.data, password }, cliActor()),
  );
  io.out(`Console user ${user.username} (${user.role}) created; they sign in at the server's address.`);
  return EXIT_OK;
}

export async function userList(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({ args, options: DATA });
  const users = await withDatabase(values.data, listUsers);
  if (users.length === 0) io.out('No console users yet: quiosco admin user add NAME --role admin');
  for (const u of users) {
    const state =
      u.disabledAt !== null
        ? `disabled ${u.disabledAt}`
        : u.lockedUntil !== null
          ? `locked until ${u.lockedUntil}`
          : 'active';
    io.out(`${u.username.padEnd(20)}  ${u.role.padEnd(15)}  (created ${u.createdAt}, ${state})`);
  }
  return EXIT_OK;
}

export async function userDisable(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli({ args, options: DATA, allowPositionals: true });
  const [username, ...extra] = positionals;
  if (username === undefined || extra.length > 0) throw new UsageError('name one user: user disable NAME');
  const user = await withDatabase(values.data, (s) => disableConsoleUser(s, username, cliActor()));
  io.out(`Console user ${user.username} disabled at ${user.disabledAt}; their sessions have ended.`);
  return EXIT_OK;
}

/** `quiosco start`'s demo console users (the demo server listens on 127.0.0.1 only). */
export const DEMO_USERS = [
  { username: 'coordinador', role: 'coordinator', password: 'demo-coordinador' },
  { username: 'estadistica', role: 'statistician', password: 'demo-estadistica' },
  { username: 'puerta', role: 'door_supervisor', password: 'demo-puerta-norte' },
] as const;

/**
 * Creates the demo users the first time, audited as `quiosco admin user add` is (name and role,
 * never the password); answers the lines that tell how to sign in.
 */
export async function demoConsoleUsers(s: ServerDb): Promise<string[]> {
  const existing = new Set((await listUsers(s)).map((u) => u.username));
  const lines: string[] = [];
  for (const user of DEMO_USERS) {
    if (!existing.has(user.username)) await addConsoleUser(s, user, cliActor());
    lines.push(`  demo sign-in (${user.role}): ${user.username} / ${user.password}`);
  }
  return lines;
}
