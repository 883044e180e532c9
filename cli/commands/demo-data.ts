// `quiosco admin demo-data`: realistic records for trying the exports on a server no kiosk has
// synced to yet, put in through the server's own push so they export exactly like synced ones.
import { MAX_DEMO_COUNT, DEMO_FESTIVAL } from '../demo-data/demo-plan';
import { DEMO_DATA_DEFAULTS, describeCounts, loadDemoData } from '../demo-data/load-demo-data';
import { EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { parseCli, requireOption } from '../parse-cli';
import { withDatabase } from './with-database';

const MAX_SEED = 0xffff_ffff;

export const DEMO_DATA_USAGE = `Usage: quiosco admin demo-data --event EVENT [--count N] [--seed S] --data DIR
       DATABASE_URL=postgres://… quiosco admin demo-data --event EVENT [--count N] [--seed S]

Fills an event with demo records to try the exports on: N economic-impact survey responses, a
third as many visitor registrations and a few heritage records (with ingredients and photos),
saved from ${DEMO_FESTIVAL.firstDay} over ${DEMO_FESTIVAL.dayWeights.length} festival days at three demo kiosks and pushed to the server as
kiosks push (the same answer checks, received times and sequence numbers). Only the demo forms
attached to the event get records: quiosco admin form add --event EVENT demo/forms

The same event, --seed and --count always make the same kiosks and records: running it again
adds nothing. Another --seed adds a second set, from other demo kiosks.

Options:
  --event EVENT   the event; it must exist and have demo forms attached
  --count N       economic-impact survey responses, 1 to ${MAX_DEMO_COUNT} (default ${DEMO_DATA_DEFAULTS.count})
  --seed S        a whole number from 0 to ${MAX_SEED} (default ${DEMO_DATA_DEFAULTS.seed})
  --data DIR      the server's data directory (SQLite), unless DATABASE_URL is set
  -h, --help      show this help`;

export async function demoData(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({
    args,
    options: {
      event: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(DEMO_DATA_USAGE);
    return EXIT_OK;
  }
  const eventId = requireOption(values.event, 'event');
  const count = wholeNumber(values.count, 'count', 1, MAX_DEMO_COUNT) ?? DEMO_DATA_DEFAULTS.count;
  const seed = wholeNumber(values.seed, 'seed', 0, MAX_SEED) ?? DEMO_DATA_DEFAULTS.seed;
  const started = performance.now();
  const result = await withDatabase(values.data, (s) => loadDemoData(s, { eventId, count, seed }));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const total = [...result.counts.values()].reduce((sum, n) => sum + n, 0);
  io.out(
    `Demo data of seed ${seed} for event ${eventId}: ${describeCounts(result.counts)} from ${result.kiosks} demo kiosks.`,
  );
  io.out(
    result.added === 0
      ? `All ${total.toLocaleString('en')} records were there already: nothing added.`
      : `Added ${result.added.toLocaleString('en')} records in ${seconds} s.`,
  );
  const where = values.data === undefined ? '' : ` --data ${values.data}`;
  io.out(`Export them: quiosco export --form FORM --event ${eventId} --format xlsx --out FILE${where}`);
  return EXIT_OK;
}

function wholeNumber(text: string | undefined, name: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  }
  return n;
}
