// The decisions of build/preflight.js (what `npm test` does on a machine that lacks something),
// tested as a pure function: no package is installed or removed here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  planPreflight,
  postgresLoginAdvice,
  PG_TEST_URL,
  REQUIREMENTS,
  type MachineState,
} from '../build/preflight.js';

const ready: MachineState = { missing: [], postgresUp: true, isRoot: false, hasApt: true, clusters: ['15'] };

describe('preflight', () => {
  it('does nothing on a ready machine', () => {
    expect(planPreflight(ready)).toEqual([]);
    expect(planPreflight({ ...ready, isRoot: true })).toEqual([]);
  });

  it('as root installs what is missing with one apt-get update first, then starts PostgreSQL', () => {
    expect(
      planPreflight({ ...ready, isRoot: true, missing: ['pspp', 'r-base-core'], postgresUp: false }),
    ).toEqual([
      { kind: 'run', argv: ['apt-get', 'update', '-qq'] },
      { kind: 'run', argv: ['apt-get', 'install', '-y', '-qq', 'pspp', 'r-base-core'] },
      { kind: 'start-postgres' },
    ]);
    expect(planPreflight({ ...ready, isRoot: true, postgresUp: false })).toEqual([
      { kind: 'start-postgres' },
    ]);
  });

  it('as another user stops at once with the one command to run', () => {
    expect(planPreflight({ ...ready, missing: ['ffmpeg', 'pspp'] })).toEqual([
      {
        kind: 'stop',
        message:
          'This machine is not ready for npm test. Run this once, then npm test again:\n\n  sudo apt-get install -y ffmpeg pspp\n',
      },
    ]);
    expect(planPreflight({ ...ready, missing: ['chromium'], postgresUp: false })).toEqual([
      {
        kind: 'stop',
        message:
          'This machine is not ready for npm test. Run this once, then npm test again:\n\n  sudo apt-get install -y chromium && sudo pg_ctlcluster 15 main start\n',
      },
    ]);
  });

  it('leaves starting a freshly installed PostgreSQL to its package', () => {
    const [stop] = planPreflight({ ...ready, missing: ['postgresql'], postgresUp: false, clusters: [] });
    expect(stop).toEqual({
      kind: 'stop',
      message: expect.stringContaining('  sudo apt-get install -y postgresql\n'),
    });
  });

  it('without apt-get names the Debian packages it lacks', () => {
    expect(planPreflight({ ...ready, isRoot: true, hasApt: false, missing: ['ffmpeg'] })).toEqual([
      {
        kind: 'stop',
        message:
          'npm test needs ffmpeg (Debian package names), and this machine has no apt-get: install them, then run npm test again.',
      },
    ]);
  });

  it("names the fix when PostgreSQL answers but won't let the tests in, without changing its authentication", () => {
    const advice = postgresLoginAdvice('password authentication failed for user "postgres"', ['16']);
    expect(advice.split('\n')).toEqual([
      `npm test cannot log in to ${PG_TEST_URL}: password authentication failed for user "postgres"`,
      'The sync server tests need user postgres with trust authentication on 127.0.0.1 and a database "test". Once, as root:',
      '',
      "  sed -i '1i host all postgres 127.0.0.1/32 trust' /etc/postgresql/16/main/pg_hba.conf && pg_ctlcluster 16 main reload && runuser -u postgres -- createdb test",
      '',
      'or set QUIOSCO_TEST_PG_URL to a database whose user may create databases.',
    ]);
  });

  it('is what npm test runs first, and the README names every package it checks', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.test).toMatch(/^node build\/preflight\.js && /);
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const setUp = `sudo apt-get install -y ${REQUIREMENTS.map((r) => r.pkg).join(' ')}`;
    expect(readme).toContain(setUp);
  });
});
