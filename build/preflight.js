// Gets a machine ready for `npm test` (and .ci/run): Debian's Chromium, ffmpeg, PSPP, R, the colour
// emoji font and PostgreSQL on 127.0.0.1:5432. As root it installs what is missing with apt-get and
// starts PostgreSQL; otherwise it stops at once with the one command to run. Node built-ins only:
// .ci/run calls it before `npm ci`.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @typedef {{ pkg: string; what: string; command?: string; file?: string }} Requirement */

/** What the tests need, each with the Debian package that provides it: the one list .ci/run uses too. */
/** @type {readonly Requirement[]} */
export const REQUIREMENTS = [
  {
    pkg: 'chromium',
    what: 'Chromium (Playwright drives Debian’s, never a downloaded one)',
    file: '/usr/bin/chromium',
  },
  { pkg: 'ffmpeg', what: 'ffmpeg (the door kiosk’s fake webcam)', command: 'ffmpeg' },
  { pkg: 'pspp', what: 'PSPP (the SPSS exports are run for real)', command: 'pspp' },
  { pkg: 'r-base-core', what: 'R (the R exports are run for real)', command: 'Rscript' },
  {
    pkg: 'fonts-noto-color-emoji',
    what: 'a colour emoji font (screens render emoji)',
    file: '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf',
  },
  { pkg: 'openssl', what: 'openssl (the sync server makes its TLS certificate with it)', command: 'openssl' },
  { pkg: 'postgresql', what: 'PostgreSQL (the sync server suite runs on it too)', command: 'pg_ctlcluster' },
];

export const PG_HOST = '127.0.0.1';
export const PG_PORT = 5432;

/**
 * @typedef {{ missing: string[]; postgresUp: boolean; isRoot: boolean; hasApt: boolean; clusters: string[] }} MachineState
 * @typedef {{ kind: 'run'; argv: string[] } | { kind: 'start-postgres' } | { kind: 'stop'; message: string }} Step
 */

/**
 * What to do about a machine's state: the decision alone, so it is testable without touching the
 * machine. A stop step is always the last.
 * @param {MachineState} state
 * @returns {Step[]}
 */
export function planPreflight({ missing, postgresUp, isRoot, hasApt, clusters }) {
  const needsStart = !postgresUp;
  if (missing.length === 0 && !needsStart) return [];
  if (missing.length > 0 && !hasApt) {
    return [
      {
        kind: 'stop',
        message: `npm test needs ${missing.join(', ')} (Debian package names), and this machine has no apt-get: install them, then run npm test again.`,
      },
    ];
  }
  if (!isRoot) {
    const commands = [];
    if (missing.length > 0) commands.push(`sudo apt-get install -y ${missing.join(' ')}`);
    // A cluster installed but down; a fresh postgresql package starts its own.
    if (needsStart && !missing.includes('postgresql'))
      commands.push(`sudo pg_ctlcluster ${clusters[0] ?? '<version>'} main start`);
    return [
      {
        kind: 'stop',
        message: `This machine is not ready for npm test. Run this once, then npm test again:\n\n  ${commands.join(' && ')}\n`,
      },
    ];
  }
  /** @type {Step[]} */
  const steps = [];
  if (missing.length > 0) {
    steps.push({ kind: 'run', argv: ['apt-get', 'update', '-qq'] });
    steps.push({ kind: 'run', argv: ['apt-get', 'install', '-y', '-qq', ...missing] });
  }
  if (needsStart) steps.push({ kind: 'start-postgres' });
  return steps;
}

/** The database the sync server suite creates its test databases from (sync-server/testing). */
export const PG_TEST_URL =
  process.env.QUIOSCO_TEST_PG_URL ?? `postgres://postgres@${PG_HOST}:${PG_PORT}/test`;

/**
 * What to tell someone whose PostgreSQL answers but will not let the tests in (a fresh Debian
 * cluster asks for a password and has no database "test"): changing authentication is theirs to do.
 * @param {string} problem what psql said
 * @param {string[]} clusters
 */
export function postgresLoginAdvice(problem, clusters) {
  const version = clusters[0] ?? '<version>';
  return [
    `npm test cannot log in to ${PG_TEST_URL}: ${problem}`,
    'The sync server tests need user postgres with trust authentication on 127.0.0.1 and a database "test". Once, as root:',
    '',
    `  sed -i '1i host all postgres 127.0.0.1/32 trust' /etc/postgresql/${version}/main/pg_hba.conf && pg_ctlcluster ${version} main reload && runuser -u postgres -- createdb test`,
    '',
    'or set QUIOSCO_TEST_PG_URL to a database whose user may create databases.',
  ].join('\n');
}

/** @returns {string | undefined} why the tests cannot log in, or undefined when they can */
function postgresLoginProblem() {
  if (!onPath('psql')) return undefined;
  const result = spawnSync('psql', [PG_TEST_URL, '-w', '-tAc', 'SELECT 1'], { encoding: 'utf8' });
  return result.status === 0 ? undefined : result.stderr.trim().replace(/^psql: (error: )?/, '');
}

/** @param {string} name */
function onPath(name) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** @param {Requirement} r */
function present(r) {
  // playwright.config.ts takes CHROMIUM_PATH over /usr/bin/chromium.
  if (r.pkg === 'chromium' && process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH);
  return r.command !== undefined ? onPath(r.command) : existsSync(r.file ?? '');
}

/** @returns {Promise<boolean>} */
function postgresListening() {
  return new Promise((done) => {
    const socket = connect({ host: PG_HOST, port: PG_PORT });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
    socket.once('timeout', () => (socket.destroy(), done(false)));
  });
}

const clusterVersions = () => (existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql').sort() : []);

/** @param {string[]} argv */
function run(argv) {
  console.log(`preflight: ${argv.join(' ')}`);
  const result = spawnSync(argv[0] ?? '', argv.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0)
    throw new Error(`preflight: ${argv.join(' ')} failed (${result.status ?? result.error})`);
}

/** Starts the first cluster and waits until it accepts connections (a condition, not a guess). */
async function startPostgres() {
  const version = clusterVersions()[0];
  if (version === undefined)
    throw new Error('preflight: PostgreSQL is installed but has no cluster in /etc/postgresql');
  if (!(await postgresListening()))
    run(['pg_ctlcluster', '--skip-systemctl-redirect', version, 'main', 'start']);
  const deadline = Date.now() + 30_000;
  while (!(await postgresListening())) {
    if (Date.now() > deadline)
      throw new Error(`preflight: PostgreSQL ${version} did not open ${PG_HOST}:${PG_PORT}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main() {
  const steps = planPreflight({
    missing: REQUIREMENTS.filter((r) => !present(r)).map((r) => r.pkg),
    postgresUp: await postgresListening(),
    isRoot: process.getuid?.() === 0,
    hasApt: onPath('apt-get'),
    clusters: clusterVersions(),
  });
  for (const step of steps) {
    if (step.kind === 'stop') {
      console.error(step.message);
      process.exit(1);
    }
    if (step.kind === 'run') run(step.argv);
    else await startPostgres();
  }
  const problem = postgresLoginProblem();
  if (problem !== undefined) {
    console.error(postgresLoginAdvice(problem, clusterVersions()));
    process.exit(1);
  }
}

// Run as a script (npm test, .ci/run); imported by its test, it only answers its functions.
if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
