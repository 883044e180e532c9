// `quiosco admin …`: what a coordinator sets up before the web console exists. It works on the
// server's database directly (the same one `quiosco server` uses), so it also creates the first
// admin token, and it works while the server runs. Every change is audited as the console's is,
// under `cli:` and the operating-system user.
import { resolve } from 'node:path';
import QRCode from 'qrcode';
import { FormFileError, loadFormsWithWorkbooks } from '../../electron/core/forms/form-files';
import { ApiTokenRoleSchema, type Device, type FormUploadStatus } from '../../shared/sync/admin-api';
import { enrolUri } from '../../shared/sync/protocol';
import { KioskModeSchema, OfferedFormSchema } from '../../shared/kiosk/kiosk-settings';
import { createApiToken, listApiTokens, revokeApiToken } from '../../sync-server/auth/api-tokens';
import { audit } from '../../sync-server/console/audit';
import { inOneTransaction } from '../../sync-server/db/server-database';
import { listDevices } from '../../sync-server/devices/devices-store';
import {
  assignKiosk,
  issueEnrolCode,
  revokeKiosk,
  setKioskMode,
} from '../../sync-server/devices/kiosk-setup';
import { setUpEvent } from '../../sync-server/events/event-setup';
import { listEvents } from '../../sync-server/events/events-store';
import { attachForm } from '../../sync-server/events/form-upload';
import { writePrivateFile } from '../../sync-server/private-files';
import { readFingerprint } from '../../sync-server/tls/certificate';
import { CliFailure, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { terminalText } from '../terminal-text';
import { parseCli, requireOption } from '../parse-cli';
import { userAdd, userDisable, userList, USER_USAGE } from './admin-users';
import { BRAND_USAGE, eventBrand } from './admin-brand';
import { cliActor } from './cli-actor';
import { demoData } from './demo-data';
import { withDatabase } from './with-database';

export const ADMIN_USAGE = `Usage: quiosco admin COMMAND [options] --data DIR    (or DATABASE_URL=postgres://… for PostgreSQL)

Commands:
  token create --role ROLE --name NAME   create an API token (admin, coordinator or statistician);
                                         it is printed once and only its hash is kept
  token list                             list API tokens (never the tokens themselves)
  token revoke ID                        revoke an API token: refused from its next request on
  event create ID --name NAME            create an event (ID: letters, digits and _ . -)
  event list                             list events
${BRAND_USAGE}
  form add --event EVENT PATH            attach the XLSForms in PATH (a directory of CSV trios and .xlsx
                                         workbooks, or one NAME.survey.csv or NAME.xlsx) to the event,
                                         with the images in NAME-media/; kiosks get them at their next sync
  device list [--event EVENT]            list kiosks: last sync, seq acknowledged, backlog
  device assign DEVICE --event EVENT --forms FORM[,FORM…] [--on-idle discard|keep]
                                         move a kiosk to an event and choose the forms it offers
  device mode DEVICE door|visitor        make a kiosk a door (only doors get tickets and push scans)
                                         or a visitor kiosk; it learns so at its next sync
  device revoke DEVICE                   revoke a kiosk for good: refused from its next sync on
  enrol-code create --event EVENT [--expires 15m] [--server URL] [--png FILE] [--tls-dir DIR]
                                         a one-time code for enrolling a kiosk, as text and QR code
                                         (--server puts the server's address in the QR code too; an
                                         https address also the certificate's SHA-256, read from
                                         DIR/tls-cert.pem: --tls-dir, else --data)
${USER_USAGE}
  demo-data --event EVENT [--count N] [--seed S]
                                         demo records from demo kiosks, to try the exports on

Every command takes --data DIR, the data directory of "quiosco server --data DIR", unless
DATABASE_URL names the server's PostgreSQL database. Every change is written to the server's
audit log under cli:USER, USER being who runs the command on this machine.`;

type Run = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Run> = {
  'token create': tokenCreate,
  'token list': tokenList,
  'token revoke': tokenRevoke,
  'event create': eventCreate,
  'event list': eventList,
  'event brand': eventBrand,
  'form add': formAdd,
  'device list': deviceList,
  'device assign': deviceAssign,
  'device mode': deviceMode,
  'device revoke': deviceRevoke,
  'enrol-code create': enrolCodeCreate,
  'user add': userAdd,
  'user list': userList,
  'user disable': userDisable,
};

export async function admin(args: string[], io: CliIo): Promise<number> {
  const [group, verb, ...rest] = args;
  if (group === 'demo-data') return demoData(args.slice(1), io);
  const run = COMMANDS[`${group} ${verb}`];
  if (run === undefined) {
    if (group === undefined || group === '--help' || group === '-h' || verb === '--help' || verb === '-h') {
      io.out(ADMIN_USAGE);
      return EXIT_OK;
    }
    throw new UsageError(`"${[group, verb].filter(Boolean).join(' ')}" is not an admin command`);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(ADMIN_USAGE);
    return EXIT_OK;
  }
  return run(rest, io);
}

const DATA = { data: { type: 'string' } } as const;

/** Opens the server's database for one command; its refusals become one-line failures. */
function onePositional(positionals: string[], what: string): string {
  const [value, ...extra] = positionals;
  if (value === undefined) throw new UsageError(`name the ${what}`);
  if (extra.length > 0) throw new UsageError(`one ${what} at a time (got ${positionals.length})`);
  return value;
}

async function tokenCreate(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({
    args,
    options: { ...DATA, role: { type: 'string' }, name: { type: 'string' } },
  });
  const role = ApiTokenRoleSchema.safeParse(requireOption(values.role, 'role'));
  if (!role.success) throw new UsageError(`--role must be one of ${ApiTokenRoleSchema.options.join(', ')}`);
  const name = requireOption(values.name, 'name');
  const created = await withDatabase(values.data, (s) =>
    inOneTransaction(s, async (t) => {
      const token = await createApiToken(t, { role: role.data, name });
      const detail = { tokenId: token.id, name: token.name, role: token.role };
      await audit(t, { actor: cliActor(), action: 'api_token_created', detail });
      return token;
    }),
  );
  io.out(
    `API token ${created.id} for "${terminalText(created.name)}" (${created.role}). Keep it secret; it is shown only now:`,
  );
  io.out(created.token);
  return EXIT_OK;
}

async function tokenList(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({ args, options: DATA });
  const tokens = await withDatabase(values.data, listApiTokens);
  if (tokens.length === 0) io.out('No API tokens yet: quiosco admin token create --role admin --name NAME');
  for (const token of tokens) {
    const state = token.revokedAt === null ? 'active' : `revoked ${token.revokedAt}`;
    io.out(
      `${token.id}  ${token.role.padEnd(12)}  ${terminalText(token.name)}  (created ${token.createdAt}, ${state})`,
    );
  }
  return EXIT_OK;
}

async function tokenRevoke(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli({ args, options: DATA, allowPositionals: true });
  const id = onePositional(positionals, 'token id');
  const token = await withDatabase(values.data, (s) =>
    inOneTransaction(s, async (t) => {
      const revoked = await revokeApiToken(t, id);
      const detail = { tokenId: revoked.id, name: revoked.name, role: revoked.role };
      await audit(t, { actor: cliActor(), action: 'api_token_revoked', detail });
      return revoked;
    }),
  );
  io.out(`API token ${token.id} ("${terminalText(token.name)}") revoked at ${token.revokedAt}.`);
  return EXIT_OK;
}

async function eventCreate(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli({
    args,
    options: { ...DATA, name: { type: 'string' } },
    allowPositionals: true,
  });
  const id = onePositional(positionals, 'event id');
  const name = requireOption(values.name, 'name');
  const event = await withDatabase(values.data, (s) => setUpEvent(s, { id, name }, cliActor()));
  io.out(`Event ${event.id} created: ${terminalText(event.name)}`);
  return EXIT_OK;
}

async function eventList(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({ args, options: DATA });
  const events = await withDatabase(values.data, listEvents);
  if (events.length === 0) io.out('No events yet: quiosco admin event create ID --name NAME');
  for (const e of events) io.out(`${e.id}  ${terminalText(e.name)}  (created ${e.createdAt})`);
  return EXIT_OK;
}

async function formAdd(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli({
    args,
    options: { ...DATA, event: { type: 'string' } },
    allowPositionals: true,
  });
  const eventId = requireOption(values.event, 'event');
  const path = resolve(onePositional(positionals, 'form directory, NAME.survey.csv or NAME.xlsx'));
  // Read every form before attaching any, so a broken one attaches none.
  let forms;
  try {
    forms = await loadFormsWithWorkbooks(path);
  } catch (e) {
    if (e instanceof FormFileError) throw new CliFailure(e.message);
    throw e;
  }
  if (forms.length === 0) throw new CliFailure(`${path}: no NAME.survey.csv or NAME.xlsx files here`);
  // An image that is there but unfit refuses the upload, as the server's route does; a missing one is a note.
  const unfit = forms.flatMap((f) => f.media.unfit.map((note) => `${f.file}: ${note}`));
  if (unfit.length > 0) throw new CliFailure(unfit.join('\n'));
  await withDatabase(values.data, async (s) => {
    for (const { definition, media } of forms) {
      for (const note of media.notes) io.err(`${definition.formId}: ${note}`);
      const { form, status } = await attachForm(s, eventId, definition, media.files, cliActor());
      io.out(
        `${UPLOAD_SAID[status]}: ${form.formId} version ${terminalText(form.version)} (${form.kind}) to ${eventId}`,
      );
    }
  });
  return EXIT_OK;
}

const UPLOAD_SAID: Readonly<Record<FormUploadStatus, string>> = {
  added: 'Attached',
  unchanged: 'Already attached',
  media_replaced: 'Images replaced',
};

async function deviceList(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({ args, options: { ...DATA, event: { type: 'string' } } });
  const devices = await withDatabase(values.data, (s) => listDevices(s, { eventId: values.event }));
  if (devices.length === 0) io.out('No kiosks enrolled yet: quiosco admin enrol-code create --event EVENT');
  for (const d of devices) io.out(describeDevice(d));
  return EXIT_OK;
}

function describeDevice(d: Device): string {
  const state = d.revokedAt === null ? '' : `  REVOKED ${d.revokedAt}`;
  const backlog = d.backlog === null ? 'unknown' : String(d.backlog);
  return (
    `${d.id}  "${terminalText(d.name)}"  ${d.mode}  event ${d.eventId}  acked seq ${d.ackedThroughSeq}  backlog ${backlog}  ` +
    `last push ${d.lastPushAt ?? 'never'}  last seen ${d.lastSeenAt ?? 'never'}${state}`
  );
}

async function deviceAssign(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli({
    args,
    options: { ...DATA, event: { type: 'string' }, forms: { type: 'string' }, 'on-idle': { type: 'string' } },
    allowPositionals: true,
  });
  const deviceId = onePositional(positionals, 'device id');
  const eventId = requireOption(values.event, 'event');
  const onIdle = OfferedFormSchema.shape.onIdle.safeParse(values['on-idle'] ?? 'discard');
  if (!onIdle.success) throw new UsageError('--on-idle must be discard or keep');
  const formIds = requireOption(values.forms, 'forms')
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  const offeredForms = formIds.map((formId) => ({ formId, onIdle: onIdle.data }));
  const device = await withDatabase(values.data, (s) =>
    assignKiosk(s, deviceId, { eventId, offeredForms }, cliActor()),
  );
  io.out(`Kiosk ${device.id} now at ${device.eventId}, offering ${formIds.join(', ') || 'no forms'}.`);
  return EXIT_OK;
}

async function deviceMode(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli({ args, options: DATA, allowPositionals: true });
  const [deviceId, modeText, ...extra] = positionals;
  const mode = KioskModeSchema.safeParse(modeText);
  if (deviceId === undefined || !mode.success || extra.length > 0) {
    throw new UsageError('give the device id and door or visitor: quiosco admin device mode DEVICE door');
  }
  const device = await withDatabase(values.data, (s) => setKioskMode(s, deviceId, mode.data, cliActor()));
  io.out(`Kiosk ${device.id} ("${terminalText(device.name)}") is now a ${device.mode} kiosk.`);
  return EXIT_OK;
}

async function deviceRevoke(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli({ args, options: DATA, allowPositionals: true });
  const deviceId = onePositional(positionals, 'device id');
  const device = await withDatabase(values.data, (s) => revokeKiosk(s, deviceId, cliActor()));
  io.out(`Kiosk ${device.id} ("${terminalText(device.name)}") revoked at ${device.revokedAt}.`);
  return EXIT_OK;
}

const DURATION = /^(\d+)(s|m|h|d)$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

export function parseDuration(text: string): number {
  const match = DURATION.exec(text);
  if (match === null)
    throw new UsageError(`--expires must be a number and a unit, like 90s, 15m, 2h or 1d (not "${text}")`);
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}

async function enrolCodeCreate(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({
    args,
    options: {
      ...DATA,
      event: { type: 'string' },
      expires: { type: 'string' },
      server: { type: 'string' },
      png: { type: 'string' },
      'tls-dir': { type: 'string' },
    },
  });
  const eventId = requireOption(values.event, 'event');
  const expiresInSeconds = parseDuration(values.expires ?? '15m');
  if (values.server !== undefined && !/^https?:\/\/\S+$/.test(values.server)) {
    throw new UsageError('--server must be the server address kiosks use, like http://192.168.1.10:7040/');
  }
  // Kiosks pin the certificate of an https server: the code must carry its fingerprint.
  const certDir = values['tls-dir'] ?? values.data;
  let fingerprint: string | undefined;
  if (values.server?.startsWith('https:') === true) {
    fingerprint = certDir === undefined ? undefined : readFingerprint(resolve(certDir));
    if (fingerprint === undefined) {
      throw new UsageError(
        "an https --server needs its certificate's fingerprint: give --tls-dir DIR (or --data DIR) where the server keeps tls-cert.pem",
      );
    }
  }
  const created = await withDatabase(values.data, (s) =>
    issueEnrolCode(s, { eventId, expiresInSeconds, server: values.server }, cliActor()),
  );
  const qrText = enrolUri(created.code, values.server, fingerprint);
  io.out(`Enrolment code for event ${created.eventId}: ${created.code}`);
  if (fingerprint !== undefined) {
    io.out(`Server certificate SHA-256: ${fingerprint}`);
    // Over https a bare code is not enough: the kiosk needs the fingerprint this text carries.
    io.out(`Enrolment text for a kiosk without a camera: ${qrText}`);
  }
  io.out(`Valid once, until ${created.expiresAt}. Type it on the kiosk's staff screen, or scan:`);
  io.out(await QRCode.toString(qrText, { type: 'terminal', small: true }));
  if (values.png !== undefined) {
    const file = resolve(values.png);
    // The code enrols a kiosk: a credential, for the owner's eyes only.
    writePrivateFile(file, await QRCode.toBuffer(qrText, { type: 'png', margin: 2, scale: 8 }));
    io.out(`QR code saved to ${file}`);
  }
  return EXIT_OK;
}
