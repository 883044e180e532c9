// The `quiosco` command: routes "quiosco GROUP [SUBCOMMAND] ..." to its command and turns
// failures into a message and an exit code instead of a stack trace.
import { DatabaseCorruptError } from '../electron/core/db/open-database';
import { DatabaseTooNewError } from '../electron/core/db/migrate';
import { FormFileError } from '../electron/core/forms/form-files';
import { FormVersionConflictError } from '../electron/core/forms/form-store';
import { KioskNotInitializedError } from '../electron/core/kiosk-core';
import { RendererMissingError } from '../electron/core/web/web-server';
import { CallFailure } from '../shared/ipc/result';
import { CliFailure, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, processIo, UsageError, type CliIo } from './cli-io';
import { formsCheck, FORMS_CHECK_USAGE } from './commands/forms-check';
import { formsPreview } from './commands/forms-preview';
import { kioskInit } from './commands/kiosk-init';
import { kioskRun } from './commands/kiosk-run';
import { start } from './commands/start';
import { server } from './commands/server';
import { serverBackup, serverRestore } from './commands/server-backup';
import { admin } from './commands/admin';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { exportKioskBundle } from './commands/export-kiosk-bundle';
import { tickets } from './commands/tickets';

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

/** Errors we expect from bad data rather than bugs: shown as one message, no stack. */
const EXPECTED = [
  CliFailure,
  CallFailure,
  DatabaseCorruptError,
  DatabaseTooNewError,
  FormFileError,
  FormVersionConflictError,
  KioskNotInitializedError,
  RendererMissingError,
];

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [group, sub, ...rest] = argv;
  const route = (): { name: string; run: Run; args: string[] } | string => {
    if (group === 'start') return { name: 'start', run: start, args: argv.slice(1) };
    if (group === 'kiosk' && sub === 'init') return { name: 'kiosk init', run: kioskInit, args: rest };
    if (group === 'kiosk') return { name: 'kiosk', run: kioskRun, args: argv.slice(1) };
    if (group === 'forms' && sub === 'check') return { name: 'forms check', run: formsCheck, args: rest };
    if (group === 'forms' && sub === 'preview')
      return { name: 'forms preview', run: formsPreview, args: rest };
    if (group === 'forms') return FORMS_CHECK_USAGE;
    if (group === 'server' && sub === 'backup')
      return { name: 'server backup', run: serverBackup, args: rest };
    if (group === 'server' && sub === 'restore')
      return { name: 'server restore', run: serverRestore, args: rest };
    if (group === 'server') return { name: 'server', run: server, args: argv.slice(1) };
    if (group === 'admin') return { name: 'admin', run: admin, args: argv.slice(1) };
    if (group === 'export') return { name: 'export', run: exportCommand, args: argv.slice(1) };
    if (group === 'tickets') return { name: 'tickets', run: tickets, args: argv.slice(1) };
    if (group === 'import') return { name: 'import', run: importCommand, args: argv.slice(1) };
    if (group === 'export-kiosk-bundle')
      return { name: 'export-kiosk-bundle', run: exportKioskBundle, args: argv.slice(1) };
    return USAGE;
  };
  const target = route();
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
    return await target.run(target.args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`quiosco ${target.name}: ${e.message}\nRun "quiosco ${target.name} --help" for usage.`);
      return EXIT_USAGE;
    }
    if (e instanceof Error && EXPECTED.some((kind) => e instanceof kind)) {
      io.err(`quiosco ${target.name}: ${e.message}`);
      return EXIT_FAILURE;
    }
    throw e;
  }
}
