// The `quiosco` command: routes "quiosco GROUP [SUBCOMMAND] ..." to its command and turns
// failures into a message and an exit code instead of a stack trace.
import { CliFailure, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, processIo, UsageError, type CliIo } from './cli-io';

export const USAGE = `Usage: quiosco COMMAND [options]

Commands:
  start                 the demo kiosk (Electron, or the web kiosk where Electron cannot run)
  kiosk init            set up a kiosk data directory: forms, settings, staff PIN
  kiosk                 run a kiosk: Electron, or --web for a browser on 127.0.0.1
  forms check PATH      check XLSForms (.xlsx or CSV sheets) and show where they are wrong
  forms preview FILE    try a form in a temporary web kiosk on 127.0.0.1
  server                the sync server kiosks push to and pull from (SQLite or PostgreSQL)
  server backup|restore a consistent copy of its database while it runs; putting one back
  admin COMMAND         set up the sync server: tokens, events, forms, kiosks, enrolment codes
  export                a form's records as CSV, XLSX, JSON Lines or a ZIP bundle (codebook,
                        SPSS, R), or its summary report
  tickets COMMAND       tickets and door check-in: import, issue and print, revoke, keys, report
  import FILE           a kiosk's USB bundle (no network): applied as its push would be
  export-kiosk-bundle   one kiosk's set-up and receipt onto a USB drive (no network)

Run "quiosco COMMAND --help" for a command's options.`;

type Run = (args: string[], io: CliIo) => Promise<number>;

/**
 * Errors we expect from bad data rather than bugs: shown as one message, no stack. Loaded only
 * when a command fails, since their modules pull in the kiosk core and its web server.
 */
async function expectedErrors(): Promise<(abstract new (...args: never[]) => Error)[]> {
  const [db, migrate, formFiles, formStore, kiosk, web, ipc] = await Promise.all([
    import('../electron/core/db/open-database'),
    import('../electron/core/db/migrate'),
    import('../electron/core/forms/form-files'),
    import('../electron/core/forms/form-store'),
    import('../electron/core/kiosk-core'),
    import('../electron/core/web/web-server'),
    import('../shared/ipc/result'),
  ]);
  return [
    CliFailure,
    ipc.CallFailure,
    db.DatabaseCorruptError,
    migrate.DatabaseTooNewError,
    formFiles.FormFileError,
    formStore.FormVersionConflictError,
    kiosk.KioskNotInitializedError,
    web.RendererMissingError,
  ];
}

/**
 * Each command's module, imported only when it runs: a command loads its own dependencies
 * (fastify, exceljs, …) and not every other command's, which cost about a second at each start.
 */
const COMMANDS = {
  start: async () => (await import('./commands/start')).start,
  'kiosk init': async () => (await import('./commands/kiosk-init')).kioskInit,
  kiosk: async () => (await import('./commands/kiosk-run')).kioskRun,
  'forms check': async () => (await import('./commands/forms-check')).formsCheck,
  'forms preview': async () => (await import('./commands/forms-preview')).formsPreview,
  'server backup': async () => (await import('./commands/server-backup')).serverBackup,
  'server restore': async () => (await import('./commands/server-backup')).serverRestore,
  server: async () => (await import('./commands/server')).server,
  admin: async () => (await import('./commands/admin')).admin,
  export: async () => (await import('./commands/export')).exportCommand,
  tickets: async () => (await import('./commands/tickets')).tickets,
  import: async () => (await import('./commands/import')).importCommand,
  'export-kiosk-bundle': async () => (await import('./commands/export-kiosk-bundle')).exportKioskBundle,
} satisfies Record<string, () => Promise<Run>>;
type CommandName = keyof typeof COMMANDS;
const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [group, sub, ...rest] = argv;
  const route = async (): Promise<{ name: CommandName; args: string[] } | string> => {
    const twoWords = `${group} ${sub}`;
    if (isCommand(twoWords)) return { name: twoWords, args: rest };
    if (group === 'forms') return (await import('./commands/forms-check')).FORMS_CHECK_USAGE;
    // A single word: "kiosk init" typed as one quoted argument is not a command.
    if (group !== undefined && !group.includes(' ') && isCommand(group))
      return { name: group, args: argv.slice(1) };
    return USAGE;
  };
  const target = await route();
  if (typeof target === 'string') {
    const asksForHelp =
      group === 'help' || group === '--help' || group === '-h' || sub === '--help' || sub === '-h';
    if (asksForHelp) {
      io.out(target);
      return EXIT_OK;
    }
    io.err(
      group === undefined ? target : `quiosco: "${argv.slice(0, 2).join(' ')}" is not a command\n\n${target}`,
    );
    return EXIT_USAGE;
  }
  try {
    const run = await COMMANDS[target.name]();
    return await run(target.args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`quiosco ${target.name}: ${e.message}\nRun "quiosco ${target.name} --help" for usage.`);
      return EXIT_USAGE;
    }
    if (e instanceof Error && (await expectedErrors()).some((kind) => e instanceof kind)) {
      io.err(`quiosco ${target.name}: ${e.message}`);
      return EXIT_FAILURE;
    }
    throw e;
  }
}
