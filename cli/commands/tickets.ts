// `quiosco tickets …`: import the box office's tickets, issue and print our own signed ones,
// revoke and block, rotate keys, set the door rules, and read what the doors saw. Like
// `quiosco admin`, it works on the server's database directly, also while the server runs.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RowError } from '../../shared/sync/protocol';
import { requireEvent } from '../../sync-server/events/events-store';
import { SyncError } from '../../sync-server/sync-error';
import { listDoubleEntries, occupancy } from '../../sync-server/tickets/door-report';
import {
  OnErrorSchema,
  type DoorSettingsRequest,
  type RevocationAction,
  type TicketKeySummary,
} from '../../sync-server/tickets/ticket-api';
import { listTicketKeys } from '../../sync-server/tickets/ticket-keys-store';
import { printTickets, qrVersion } from '../../sync-server/tickets/ticket-print';
import {
  addTicketKey,
  importTicketList,
  issueTicketBatch,
  retireKey,
  setDoorRules,
  setTicketRevocation,
} from '../../sync-server/tickets/ticket-setup';
import { listTickets } from '../../sync-server/tickets/tickets-store';
import { CliFailure, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { terminalText } from '../terminal-text';
import { parseCli, requireOption } from '../parse-cli';
import { cliActor } from './cli-actor';
import { withDatabase } from './with-database';

export const TICKETS_USAGE = `Usage: quiosco tickets COMMAND [options] --data DIR    (or DATABASE_URL=postgres://… for PostgreSQL)

Commands:
  import FILE [--on-error refuse|skip]   import the box office's CSV export (columns code, event,
                                         ticket_type, holder_name, valid_from, valid_to; see
                                         docs/tickets.md). A bad row is reported by line; "refuse"
                                         (the default) imports nothing then, "skip" the rest.
                                         Importing the same file again changes nothing.
  issue --event E --type T --out DIR [--holder NAME] [--count N] [--valid-from ISO] [--valid-to ISO]
                                         issue signed tickets: DIR/TICKETID.png each and one HTML
                                         print sheet (the event's first key is made if it has none)
  list --event E [--source imported|signed]
                                         list the event's tickets and their state
  revoke TICKET [--reason TEXT] [--event E]
                                         revoke for good: doors refuse it from their next sync
  block TICKET [--reason TEXT] [--event E]
                                         block until unblocked
  unblock TICKET [--reason TEXT] [--event E]
                                         lift a block
                                         TICKET: a box-office code, a signed ticket's id or QR text,
                                         a visitor pass's QR text (then --event is needed), or
                                         imported:CODE / signed:ID / pass:ID
  key create --event E                   a new signing key; new tickets are signed with it
  key retire --event E --key N           retire a key: tickets it signed are refused as forged
  key list --event E                     the event's keys (public halves)
  door --event E [--capacity N|none] [--reentry yes|no] [--passes yes|no]
                                         set the capacity and door rules (shown when given nothing)
  report --event E                       occupancy (entries, exits, per gate) and double entries

Every command takes --data DIR, the data directory of "quiosco server --data DIR", unless
DATABASE_URL names the server's PostgreSQL database.`;

type Run = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Run> = {
  import: importCommand,
  issue: issueCommand,
  list: listCommand,
  revoke: (args, io) => revocationCommand('revoke', args, io),
  block: (args, io) => revocationCommand('block', args, io),
  unblock: (args, io) => revocationCommand('unblock', args, io),
  'key create': keyCreate,
  'key retire': keyRetire,
  'key list': keyList,
  door: doorCommand,
  report: reportCommand,
};

export async function tickets(args: string[], io: CliIo): Promise<number> {
  const [first, second] = args;
  const name = first === 'key' ? `key ${second ?? ''}` : first;
  const run = name === undefined ? undefined : COMMANDS[name];
  if (
    args.length === 0 ||
    first === '--help' ||
    first === '-h' ||
    args.includes('--help') ||
    args.includes('-h')
  ) {
    io.out(TICKETS_USAGE);
    return EXIT_OK;
  }
  if (run === undefined)
    throw new UsageError(`"${[first, second].filter(Boolean).join(' ')}" is not a tickets command`);
  return run(args.slice(first === 'key' ? 2 : 1), io);
}

const DATA = { data: { type: 'string' } } as const;
const EVENT = { event: { type: 'string' } } as const;

function onePositional(positionals: string[], what: string): string {
  const [value, ...extra] = positionals;
  if (value === undefined) throw new UsageError(`name the ${what}`);
  if (extra.length > 0) throw new UsageError(`one ${what} at a time (got ${positionals.length})`);
  return value;
}

const describeRow = (e: RowError): string =>
  `line ${e.line}${e.column === undefined ? '' : `, ${terminalText(e.column)}`}: ${terminalText(e.message)}`;

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli({
    args,
    options: { ...DATA, 'on-error': { type: 'string' } },
    allowPositionals: true,
  });
  const onError = OnErrorSchema.safeParse(values['on-error'] ?? 'refuse');
  if (!onError.success) throw new UsageError('--on-error must be refuse or skip');
  const file = resolve(onePositional(positionals, 'CSV file'));
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliFailure(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const report = await withDatabase(values.data, async (s) => {
    try {
      return await importTicketList(s, csv, onError.data, cliActor());
    } catch (e) {
      if (!(e instanceof SyncError) || e.extra.rows === undefined) throw e;
      for (const row of e.extra.rows) io.err(`${file}: ${describeRow(row)}`);
      // Row faults name their column; a fault of the whole file (syntax, header) does not.
      const rowFaults = e.extra.rows.some((r) => r.column !== undefined);
      const bad = new Set(e.extra.rows.map((r) => r.line)).size;
      throw new CliFailure(
        rowFaults
          ? `${file}: nothing was imported: ${bad} bad row(s); fix them, or import the rest with --on-error skip`
          : `${file}: nothing was imported: the file cannot be read as a ticket list`,
      );
    }
  });
  for (const row of report.errors) io.err(`${file}: skipped ${describeRow(row)}`);
  io.out(
    `${file}: ${report.rows} rows: ${report.added} added, ${report.updated} updated, ` +
      `${report.unchanged} unchanged, ${report.skipped} skipped.`,
  );
  return EXIT_OK;
}

async function issueCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({
    args,
    options: {
      ...DATA,
      ...EVENT,
      type: { type: 'string' },
      holder: { type: 'string' },
      count: { type: 'string' },
      'valid-from': { type: 'string' },
      'valid-to': { type: 'string' },
      out: { type: 'string' },
    },
  });
  const eventId = requireOption(values.event, 'event');
  const type = requireOption(values.type, 'type');
  const out = resolve(requireOption(values.out, 'out'));
  const count = values.count === undefined ? 1 : Number(values.count);
  if (!/^\d+$/.test(values.count ?? '1') || count < 1)
    throw new UsageError('--count must be a whole number from 1');
  const issued = await withDatabase(values.data, async (s) => {
    const event = await requireEvent(s.db, eventId);
    const request = {
      type,
      holder: values.holder ?? null,
      count,
      validFrom: values['valid-from'] ?? null,
      validTo: values['valid-to'] ?? null,
    };
    const result = await issueTicketBatch(s, eventId, request, cliActor());
    return { ...result, event };
  });
  const printed = await printTickets(issued.tickets, issued.event, out);
  const [first] = issued.tickets;
  if (issued.keyCreated && first !== undefined) {
    io.out(`Event ${eventId} had no ticket key: key ${first.keyId} was created for it.`);
  }
  io.out(
    `Issued ${issued.tickets.length} "${type}" ticket(s) for ${eventId}` +
      (first === undefined
        ? '.'
        : ` with key ${first.keyId} (QR version ${qrVersion(first.text)} at error correction M).`),
  );
  for (const [i, t] of issued.tickets.entries()) io.out(`${t.ticketId}  ${printed.pngs[i]}`);
  io.out(`Print sheet: ${printed.sheet}`);
  return EXIT_OK;
}

async function listCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({ args, options: { ...DATA, ...EVENT, source: { type: 'string' } } });
  const eventId = requireOption(values.event, 'event');
  const source = values.source;
  if (source !== undefined && source !== 'imported' && source !== 'signed') {
    throw new UsageError('--source must be imported or signed');
  }
  const count = await withDatabase(values.data, async (s) => {
    let after: string | undefined;
    let n = 0;
    do {
      const page = await listTickets(s, eventId, { source, after, limit: 1000 });
      for (const t of page.tickets) {
        const state =
          t.status === 'valid'
            ? ''
            : `  ${t.status.toUpperCase()}${t.reason === null ? '' : ` (${t.reason})`}`;
        io.out(terminalText(`${t.source}:${t.id}  ${t.type}  ${t.holder ?? '-'}${state}`));
      }
      n += page.tickets.length;
      after = page.next ?? undefined;
    } while (after !== undefined);
    return n;
  });
  if (count === 0)
    io.out(`No tickets for ${eventId} yet: quiosco tickets import FILE, or quiosco tickets issue`);
  return EXIT_OK;
}

async function revocationCommand(action: RevocationAction, args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli({
    args,
    options: { ...DATA, ...EVENT, reason: { type: 'string' } },
    allowPositionals: true,
  });
  const ticket = onePositional(positionals, 'ticket');
  const { event, reason } = values;
  const result = await withDatabase(values.data, (s) =>
    setTicketRevocation(
      s,
      action,
      {
        ticket,
        ...(event !== undefined && { eventId: event }),
        ...(reason !== undefined && { reason }),
      },
      cliActor(),
    ),
  );
  const { revocation: r } = result;
  const name = `${r.ticket.source}:${r.ticket.id}`;
  const state = r.status === 'cleared' ? 'not blocked' : r.status;
  io.out(
    result.changed
      ? `${terminalText(name)} (${r.eventId}) is now ${state}${r.reason === null ? '' : `: ${terminalText(r.reason)}`}; doors learn it at their next sync.`
      : `${terminalText(name)} (${r.eventId}) was ${state} already; nothing changed.`,
  );
  return EXIT_OK;
}

const describeKey = (k: TicketKeySummary): string =>
  `key ${k.keyId}  ${k.publicKey}  created ${k.createdAt}${k.retiredAt === null ? '' : `  RETIRED ${k.retiredAt}`}`;

async function keyCreate(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({ args, options: { ...DATA, ...EVENT } });
  const eventId = requireOption(values.event, 'event');
  const key = await withDatabase(values.data, (s) => addTicketKey(s, eventId, cliActor()));
  io.out(`Event ${eventId}: ${describeKey(key)}. New tickets are signed with it.`);
  return EXIT_OK;
}

async function keyRetire(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({ args, options: { ...DATA, ...EVENT, key: { type: 'string' } } });
  const eventId = requireOption(values.event, 'event');
  const keyText = requireOption(values.key, 'key');
  if (!/^\d{1,3}$/.test(keyText)) throw new UsageError('--key must be a key id (0-255)');
  const key = await withDatabase(values.data, (s) => retireKey(s, eventId, Number(keyText), cliActor()));
  io.out(
    `Event ${eventId}: ${describeKey(key)}. Tickets it signed are refused as forged from the doors' next sync.`,
  );
  return EXIT_OK;
}

async function keyList(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({ args, options: { ...DATA, ...EVENT } });
  const eventId = requireOption(values.event, 'event');
  const keys = await withDatabase(values.data, (s) => listTicketKeys(s.db, eventId));
  if (keys.length === 0)
    io.out(`Event ${eventId} has no ticket keys yet: quiosco tickets key create --event ${eventId}`);
  for (const k of keys) io.out(describeKey(k));
  return EXIT_OK;
}

function yesNo(value: string | undefined, option: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'yes') return true;
  if (value === 'no') return false;
  throw new UsageError(`--${option} must be yes or no`);
}

async function doorCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({
    args,
    options: {
      ...DATA,
      ...EVENT,
      capacity: { type: 'string' },
      reentry: { type: 'string' },
      passes: { type: 'string' },
    },
  });
  const eventId = requireOption(values.event, 'event');
  const patch: DoorSettingsRequest = {};
  if (values.capacity !== undefined) {
    if (values.capacity === 'none') patch.capacity = null;
    else if (/^\d+$/.test(values.capacity) && Number(values.capacity) >= 1)
      patch.capacity = Number(values.capacity);
    else throw new UsageError('--capacity must be a whole number from 1, or none');
  }
  const allowReentry = yesNo(values.reentry, 'reentry');
  const acceptPasses = yesNo(values.passes, 'passes');
  if (allowReentry !== undefined) patch.allowReentry = allowReentry;
  if (acceptPasses !== undefined) patch.acceptPasses = acceptPasses;
  const door = await withDatabase(values.data, (s) => setDoorRules(s, eventId, patch, cliActor()));
  io.out(
    `Event ${eventId}: capacity ${door.capacity ?? 'not set'}, re-entry ${door.rules.allowReentry ? 'allowed' : 'refused'}, ` +
      `visitor passes ${door.rules.acceptPasses ? 'accepted' : 'refused'}.`,
  );
  return EXIT_OK;
}

async function reportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({ args, options: { ...DATA, ...EVENT } });
  const eventId = requireOption(values.event, 'event');
  const { seen, doubles } = await withDatabase(values.data, async (s) => ({
    seen: await occupancy(s, eventId),
    doubles: await listDoubleEntries(s, eventId),
  }));
  const capacity = seen.capacity === null ? '' : ` of ${seen.capacity}`;
  io.out(
    `Event ${eventId}: ${seen.inside}${capacity} inside (${seen.entries} entries, ${seen.exits} exits).`,
  );
  for (const g of seen.byGate)
    io.out(`  gate ${terminalText(g.gate)}: ${g.entries} entries, ${g.exits} exits`);
  io.out(`Double entries: ${doubles.length}`);
  for (const d of doubles) {
    const scan = (x: typeof d.winner) =>
      `${terminalText(x.gate)} by "${terminalText(x.deviceName)}" at ${x.correctedTime} (server #${x.serverSeq})`;
    io.out(
      `  ${terminalText(`${d.ticket.source}:${d.ticket.id}`)} ${d.kind}: first ${scan(d.winner)}; again ${scan(d.duplicate)}`,
    );
  }
  return EXIT_OK;
}
