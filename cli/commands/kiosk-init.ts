import { resolve } from 'node:path';
import { usePrivateUmask } from '../../electron/core/db/private-files';
import { initKiosk } from '../../electron/core/kiosk-setup';
import { assertNewPin } from '../../electron/core/staff/staff-pin';
import { EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { KioskModeSchema, type KioskMode } from '../../shared/kiosk/kiosk-settings';
import { parseCli, requireOption } from '../parse-cli';
import { readPin, type PinInput, type PromptOutput } from '../read-pin';

export const KIOSK_INIT_USAGE = `Usage: quiosco kiosk init --data DIR [--name NAME] [--event EVENT] [--pin-stdin] [--forms DIR]
                          [--mode visitor|door] [--gate GATE]

Sets up a kiosk data directory (created if missing): the database, the forms, the settings and
the staff PIN. Running it again is safe: installed forms and settings are kept, and the options
given replace what they name.

Options:
  --data DIR      kiosk data directory (its database is DIR/kiosk.db)
  --name NAME     device name shown to staff (default: this computer's host name)
  --event EVENT   event id stamped on every submission (default: demo)
  --pin-stdin     set the staff PIN (6 to 8 digits): asked for without echo on a terminal,
                  otherwise the first line of standard input (echo "$PIN" | quiosco kiosk init ...)
  --pin PIN       the same from the command line, where every user of this computer sees it
                  (ps, shell history): for scripts on a machine of your own
  --mode MODE     visitor (the attract screen and forms, the default) or door (ticket check-in)
  --gate GATE     the gate a door kiosk stands at, recorded with each scan (default: Puerta 1)
  --forms DIR     install the XLSForm CSV trios (NAME.survey.csv, .choices.csv, .settings.csv) in DIR
  -h, --help      show this help`;

export async function kioskInit(
  args: string[],
  io: CliIo,
  pinInput: PinInput = process.stdin,
  prompt: PromptOutput = process.stderr,
): Promise<number> {
  const { values } = parseCli({
    args,
    options: {
      data: { type: 'string' },
      name: { type: 'string' },
      event: { type: 'string' },
      pin: { type: 'string' },
      'pin-stdin': { type: 'boolean' },
      forms: { type: 'string' },
      mode: { type: 'string' },
      gate: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(KIOSK_INIT_USAGE);
    return EXIT_OK;
  }
  const dataDir = resolve(requireOption(values.data, 'data'));
  const mode = values.mode === undefined ? undefined : parseMode(values.mode);
  if (values.pin !== undefined && values['pin-stdin'])
    throw new UsageError('give the PIN with --pin-stdin or --pin, not both');
  const pin = values['pin-stdin'] ? await readPin(pinInput, prompt) : values.pin;
  if (pin !== undefined) assertNewPin(pin);
  if (values.pin !== undefined)
    io.err(
      'quiosco kiosk init: warning: --pin shows the PIN to every user of this computer (ps, shell history); use --pin-stdin',
    );
  usePrivateUmask();
  const report = await initKiosk({
    dataDir,
    deviceName: values.name,
    eventId: values.event,
    mode,
    gate: values.gate,
    pin,
    formsDir: values.forms === undefined ? undefined : resolve(values.forms),
  });
  io.out(`Kiosk ready: ${report.databasePath} (device ${report.deviceId})`);
  for (const f of report.imported) io.out(`  form ${f.formId} version ${f.version} (${f.kind}): ${f.status}`);
  const offered = report.settings.offeredForms.map((f) => f.formId).join(', ');
  io.out(
    `  device "${report.settings.deviceName}", event "${report.settings.eventId}", offering: ${offered || 'no forms yet'}`,
  );
  if (report.settings.mode === 'door') io.out(`  door mode at gate "${report.settings.gate}"`);
  io.out(
    report.pinSet
      ? '  staff PIN set'
      : report.hasPin
        ? '  staff PIN unchanged'
        : '  no staff PIN yet: staff cannot unlock this kiosk until you set one with --pin-stdin',
  );
  return EXIT_OK;
}

function parseMode(text: string): KioskMode {
  const mode = KioskModeSchema.safeParse(text);
  if (!mode.success) throw new UsageError(`--mode must be visitor or door, not ${JSON.stringify(text)}`);
  return mode.data;
}
