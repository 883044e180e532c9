// The quiosco command, run in-process with its output captured, and once as a real process for
// the web kiosk's signal handling.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { kioskDatabasePath } from '../electron/core/db/kiosk-database';
import { DEMO_FORMS_DIR, makeTempDir, TEST_PIN } from '../electron/core/testing/kiosk-fixtures';
import type { CliIo } from './cli-io';
import { findPackageRoot, rendererDir } from './package-root';
import { runCli, USAGE } from './run-cli';
import { KIOSK_INIT_USAGE } from './commands/kiosk-init';
import { KIOSK_USAGE } from './commands/kiosk-run';
import { FORMS_CHECK_USAGE } from './commands/forms-check';
import { START_USAGE } from './commands/start';

const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

let dirs: ReturnType<typeof makeTempDir>[] = [];
afterEach(() => {
  for (const d of dirs) d.remove();
  dirs = [];
});
const tempDir = () => {
  const d = makeTempDir('quiosco-cli-');
  dirs.push(d);
  return d.path;
};

const built = existsSync(join(rendererDir(findPackageRoot()), 'index.html'));

type SpawnedKiosk = {
  url: string;
  exited: Promise<number | null>;
  output(): string;
  stop(): Promise<number | null>;
};

/** The real command as a process, once it printed its URL. */
async function spawnKiosk(...argv: string[]): Promise<SpawnedKiosk> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(PACKAGE_ROOT, 'cli', 'quiosco.ts'), ...argv],
    {
      cwd: PACKAGE_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const match = /^Quiosco kiosk: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
  return {
    url,
    exited,
    output: () => out,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = await runCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('quiosco help and usage errors', () => {
  it.each([
    [['--help'], USAGE],
    [['help'], USAGE],
    [['kiosk', '--help'], KIOSK_USAGE],
    [['kiosk', 'init', '--help'], KIOSK_INIT_USAGE],
    [['forms', '--help'], FORMS_CHECK_USAGE],
    [['forms', 'check', '-h'], FORMS_CHECK_USAGE],
    [['start', '--help'], START_USAGE],
  ])('%j prints its help and exits 0', async (argv, usage) => {
    expect(await cli(...argv)).toEqual({ code: 0, out: usage, err: '' });
  });

  it('no command prints the usage to stderr, exit 2', async () => {
    expect(await cli()).toEqual({ code: 2, out: '', err: USAGE });
  });

  it('an unknown command, exit 2', async () => {
    expect(await cli('serve')).toEqual({
      code: 2,
      out: '',
      err: `quiosco: "serve" is not a command\n\n${USAGE}`,
    });
  });

  it('a missing required option, exit 2', async () => {
    expect(await cli('kiosk', 'init')).toEqual({
      code: 2,
      out: '',
      err: 'quiosco kiosk init: --data is required\nRun "quiosco kiosk init --help" for usage.',
    });
  });

  it('an unknown option or a bad port, exit 2', async () => {
    expect((await cli('kiosk', '--data', 'x', '--wbe')).err).toMatch(
      /^quiosco kiosk: Unknown option '--wbe'/,
    );
    expect(await cli('kiosk', '--web', '--data', 'x', '--port', '80a')).toEqual({
      code: 2,
      out: '',
      err: 'quiosco kiosk: --port must be a number from 0 to 65535 (0 picks a free port), not "80a"\nRun "quiosco kiosk --help" for usage.',
    });
    expect((await cli('kiosk', '--data', 'x', '--port', '8080')).err).toContain(
      '--port applies only to the web kiosk (--web)',
    );
  });
});

describe('quiosco kiosk init', () => {
  it('sets up a data directory and is safe to run again', async () => {
    const dataDir = tempDir();
    const first = await cli(
      'kiosk',
      'init',
      '--data',
      dataDir,
      '--forms',
      DEMO_FORMS_DIR,
      '--pin',
      TEST_PIN,
      '--event',
      'feria_2026',
      '--name',
      'Entrada',
    );
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      new RegExp(`^Kiosk ready: ${kioskDatabasePath(dataDir)} \\(device [0-9a-f-]{36}\\)$`, 'm'),
    );
    expect(first.out).toContain('  form registro_visitantes version 2026110101 (registration): imported');
    expect(first.out).toContain(
      '  device "Entrada", event "feria_2026", offering: registro_visitantes, encuesta_impacto_economico',
    );
    expect(first.out).toContain('  staff PIN set');

    const again = await cli('kiosk', 'init', '--data', dataDir, '--forms', DEMO_FORMS_DIR);
    expect(again.code).toBe(0);
    expect(again.out).toContain('  form registro_visitantes version 2026110101 (registration): unchanged');
    expect(again.out).toContain('  device "Entrada", event "feria_2026"');
    expect(again.out).toContain('  staff PIN unchanged');
    expect(again.out).not.toContain('door mode');

    const door = await cli('kiosk', 'init', '--data', dataDir, '--mode', 'door', '--gate', 'Puerta Norte');
    expect(door.code).toBe(0);
    expect(door.out).toContain('  door mode at gate "Puerta Norte"');
  });

  it('refuses a mode that is neither visitor nor door, exit 2, changing nothing', async () => {
    const dataDir = tempDir();
    expect(await cli('kiosk', 'init', '--data', dataDir, '--mode', 'puerta')).toEqual({
      code: 2,
      out: '',
      err: 'quiosco kiosk init: --mode must be visitor or door, not "puerta"\nRun "quiosco kiosk init --help" for usage.',
    });
    expect(existsSync(kioskDatabasePath(dataDir))).toBe(false);
  });

  it('says when staff cannot unlock, and refuses bad values with exit 1', async () => {
    const dataDir = tempDir();
    expect((await cli('kiosk', 'init', '--data', dataDir)).out).toContain(
      '  no staff PIN yet: staff cannot unlock this kiosk until you set one with --pin-stdin',
    );
    expect(await cli('kiosk', 'init', '--data', dataDir, '--pin', '12')).toEqual({
      code: 1,
      out: '',
      err: 'quiosco kiosk init: The staff PIN must be 6 to 8 digits',
    });
  });

  it('refuses a damaged database with exit 1', async () => {
    const dataDir = tempDir();
    writeFileSync(
      kioskDatabasePath(dataDir),
      'this is not a database, just text that is long enough to fill a header'.repeat(20),
    );
    const result = await cli('kiosk', 'init', '--data', dataDir);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `quiosco kiosk init: The kiosk database ${kioskDatabasePath(dataDir)} is damaged (integrity check: file is not a database). ` +
        'Quiosco will not write to it: keep a copy of the file for recovery and start from a new data directory.',
    );
  });
});

describe('quiosco kiosk', () => {
  it('refuses a directory that was never set up', async () => {
    const dataDir = join(tempDir(), 'nope');
    expect(await cli('kiosk', '--web', '--data', dataDir)).toEqual({
      code: 1,
      out: '',
      err: `quiosco: ${dataDir} is not a kiosk data directory; set it up with "quiosco kiosk init --data ${dataDir}".`,
    });
    expect(existsSync(dataDir)).toBe(false);
  });

  it.skipIf(!built)(
    '--web serves until SIGTERM, then closes the database cleanly (needs npm run build)',
    async () => {
      const dataDir = tempDir();
      expect((await cli('kiosk', 'init', '--data', dataDir, '--forms', DEMO_FORMS_DIR)).code).toBe(0);
      const kiosk = await spawnKiosk('kiosk', '--web', '--data', dataDir);
      const response = await fetch(new URL('api/kiosk:bootstrap', kiosk.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(200);
      expect(existsSync(`${kioskDatabasePath(dataDir)}-wal`)).toBe(true);

      expect(await kiosk.stop()).toBe(0);
      expect(kiosk.output()).toContain('Quiosco kiosk stopped (SIGTERM).');
      // SQLite removes the WAL file when the last connection closes cleanly.
      expect(existsSync(`${kioskDatabasePath(dataDir)}-wal`)).toBe(false);
    },
  );
});

describe('quiosco start', () => {
  it.skipIf(!built)(
    'sets up the demo server and an enrolled kiosk with PIN 1234, falls back to the web kiosk, and ends when staff leave (needs npm run build)',
    async () => {
      const dataDir = join(tempDir(), 'demo');
      const kiosk = await spawnKiosk('start', '--data', dataDir, '--port', '0', '--server-port', '0');
      expect(kiosk.output()).toContain(`Demo kiosk data: ${join(dataDir, 'kiosk')} (staff PIN 1234)`);
      const serverUrl = /^Quiosco sync server: (\S+) /m.exec(kiosk.output())?.[1];
      expect(kiosk.output()).toContain(
        'Demo data for exports: 300 encuesta_impacto_economico, 10 patrimonio_inmaterial and 100 registro_visitantes records from 3 demo kiosks',
      );
      expect(kiosk.output()).toContain(`Demo kiosk enrolled with ${serverUrl}`);
      expect(kiosk.output()).toContain(`Demo door kiosk enrolled with ${serverUrl}`);
      expect(kiosk.output()).toMatch(/^Electron cannot start here \(.+\); running the web kiosk instead\.$/m);
      const doorUrl = /^Quiosco door kiosk \(Puerta principal, staff PIN 1234\): (\S+)$/m.exec(
        kiosk.output(),
      )?.[1];
      const call = async (channel: string, input: unknown, url = kiosk.url) => {
        const response = await fetch(new URL(`api/${channel}`, url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
        expect(response.status).toBe(200);
        return ((await response.json()) as { value: Record<string, unknown> }).value;
      };
      const { token } = await call('staff:unlock', { pin: '1234' });
      // The offered forms come from the server's assignment of the kiosk.
      expect(await call('kiosk:bootstrap', {})).toMatchObject({
        settings: {
          deviceName: 'Quiosco de visitantes (demo)',
          eventId: 'demo',
          offeredForms: [
            { formId: 'registro_visitantes', onIdle: 'discard' },
            { formId: 'encuesta_impacto_economico', onIdle: 'keep' },
          ],
        },
      });
      expect(await call('staff:sync-now', { token })).toMatchObject({
        enrolled: true,
        serverUrl,
        lastError: null,
      });

      // The door kiosk admits a printed demo ticket, read back from its PNG, and a box-office code.
      const tickets = join(dataDir, 'tickets');
      const png = readdirSync(tickets).find((f) => f.endsWith('.png'));
      const image = PNG.sync.read(readFileSync(join(tickets, png ?? 'none')));
      const text = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? '';
      expect(text).toMatch(/^QT1:/);
      const door = await call('staff:unlock', { pin: '1234' }, doorUrl);
      const scan = (code: string) =>
        call('door:scan', { token: door.token, text: code, direction: 'entry' }, doorUrl);
      expect(await scan(text)).toMatchObject({ scan: { verdict: 'valid_entry', gate: 'Puerta principal' } });
      expect(await scan('TAQ-0001')).toMatchObject({
        scan: { verdict: 'valid_entry' },
        ticket: { holder: 'Rosa Hernández' },
      });
      expect(await call('door:status', { token: door.token }, doorUrl)).toMatchObject({
        occupancy: { inside: 2, capacity: 300 },
        known: { keys: 1, tickets: 7 },
      });

      expect(await call('staff:exit', { token })).toEqual({ exited: true });
      expect(await kiosk.exited).toBe(0);
      expect(kiosk.output()).toContain('Quiosco kiosk stopped (staff left kiosk mode).');
    },
  );
});

describe('quiosco forms check', () => {
  it('passes the demo forms, one OK line each', async () => {
    const result = await cli('forms', 'check', DEMO_FORMS_DIR);
    expect(result).toEqual({
      code: 0,
      out: [
        `OK ${DEMO_FORMS_DIR}/encuesta-impacto-economico.survey.csv: encuesta_impacto_economico version 2026110101 (survey)`,
        `OK ${DEMO_FORMS_DIR}/patrimonio-inmaterial.survey.csv: patrimonio_inmaterial version 2026110101 (heritage)`,
        `OK ${DEMO_FORMS_DIR}/registro-visitantes.survey.csv: registro_visitantes version 2026110101 (registration)`,
      ].join('\n'),
      err: '',
    });
  });

  it('points at the sheet, row and column of a broken form, exit 1', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'roto.survey.csv'),
      'type,name,label::es,relevant\ntext,nombre,Nombre,\ninteger,edad,Edad,"eval(${nombre})"\n',
    );
    writeFileSync(join(dir, 'roto.choices.csv'), 'list_name,name,label::es\n');
    writeFileSync(
      join(dir, 'roto.settings.csv'),
      'form_id,version,form_title::es,default_language,kind\nroto,1,Roto,es,survey\n',
    );
    const result = await cli('forms', 'check', join(dir, 'roto.survey.csv'));
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toBe(
      `FAIL ${join(dir, 'roto.survey.csv')}: survey!D3, column "relevant": unknown function "eval()" (at character 1)`,
    );
  });

  it('names each image a form names but does not bring, and refuses a background recording at its cell', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'fotos.survey.csv'), 'type,name,label,media::image\nnote,hola,Hola,logo.png\n');
    writeFileSync(join(dir, 'fotos.settings.csv'), 'form_id,version\nfotos,1\n');
    const result = await cli('forms', 'check', join(dir, 'fotos.survey.csv'));
    expect(result).toEqual({
      code: 0,
      out: [
        `OK ${join(dir, 'fotos.survey.csv')}: fotos version 1 (survey)`,
        '  WARN media file "logo.png" is not in fotos-media/ or beside the form: the label is shown instead',
      ].join('\n'),
      err: '',
    });
    writeFileSync(join(dir, 'voz.survey.csv'), 'type,name,label\ntext,a,A\nbackground-audio,voz,\n');
    expect(await cli('forms', 'check', join(dir, 'voz.survey.csv'))).toEqual({
      code: 1,
      out: '',
      err: `FAIL ${join(dir, 'voz.survey.csv')}: survey!A3, column "type": background recording is not supported`,
    });
  });

  it('says so when there is nothing to check', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'empty'));
    expect(await cli('forms', 'check', join(dir, 'empty'))).toEqual({
      code: 1,
      out: '',
      err: `${join(dir, 'empty')}: no NAME.xlsx or NAME.survey.csv files here`,
    });
    expect(await cli('forms', 'check', join(dir, 'missing'))).toEqual({
      code: 1,
      out: '',
      err: `${join(dir, 'missing')}: no such file or directory`,
    });
    expect((await cli('forms', 'check')).code).toBe(2);
  });
});
