// Stored names shown by the CLI: escape sequences and line breaks in them are shown as escapes,
// never sent to the terminal (which would clear it, retitle it or forge lines of output).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../electron/core/testing/kiosk-fixtures';
import { createEvent } from '../sync-server/events/events-store';
import {
  createTestDatabase,
  openServerForTest,
  pointDatabaseUrlAt,
  type TestDatabase,
  type TestServer,
} from '../sync-server/testing/test-server';
import { terminalText } from './terminal-text';
import { quioscoOn } from './testing/run-quiosco';

/** Clears the screen, retitles the window, then forges a line. */
const HOSTILE = 'Sala\u001b[2J\u001b]0;pwned\u0007\r\nOK all clear\u009b31m\u202e';
const SHOWN = 'Sala\\x1b[2J\\x1b]0;pwned\\x07\\r\\nOK all clear\\x9b31m\\u202e';
/** ESC, BEL, CSI (C1) and line breaks: none may reach the terminal. */
const CONTROL = /[\p{Cc}\u202e]/u;

describe('terminal text', () => {
  it('shows control characters, separators and bidi overrides as escapes', () => {
    expect(terminalText(HOSTILE)).toBe(SHOWN);
    expect(terminalText('Quiosco Sur — ñandú 😋')).toBe('Quiosco Sur — ñandú 😋');
  });

  it('shows every bidi control as its escape, the LRM, RLM and ALM marks too', () => {
    expect(terminalText('a\u202a\u202b\u202c\u202d\u202eb\u2066\u2067\u2068\u2069c')).toBe(
      'a\\u202a\\u202b\\u202c\\u202d\\u202eb\\u2066\\u2067\\u2068\\u2069c',
    );
    expect(terminalText('Sala\u200e Norte\u200f 1\u061c')).toBe('Sala\\u200e Norte\\u200f 1\\u061c');
  });
});

describe('CLI listings of stored names', () => {
  let database: TestDatabase;
  let test: TestServer;
  let tmp: ReturnType<typeof makeTempDir>;
  let restoreDatabaseUrl: () => void;
  const quiosco = quioscoOn(() => database.config);

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    restoreDatabaseUrl = pointDatabaseUrlAt(database.config);
    test = await openServerForTest('sqlite', { database: database.config });
    tmp = makeTempDir('quiosco-terminal-');
  });
  afterAll(async () => {
    await test.close();
    await database.drop();
    tmp.remove();
    restoreDatabaseUrl();
  });

  /** Each line of output, which must hold no control character. */
  const lines = (out: string): string[] => {
    const list = out.split('\n').slice(0, -1);
    for (const line of list) expect(line).not.toMatch(CONTROL);
    return list;
  };

  it('admin event, device and token lists', async () => {
    await createEvent(test.server.db, { id: 'feria', name: HOSTILE });
    const events = lines((await quiosco('admin', 'event', 'list')).out);
    expect(events).toHaveLength(1);
    expect(events[0]).toContain(`feria  ${SHOWN}  (created `);
    await test.enrol('feria', HOSTILE);
    const devices = lines((await quiosco('admin', 'device', 'list')).out);
    expect(devices).toHaveLength(1);
    expect(devices[0]).toContain(`"${SHOWN}"`);
    expect((await quiosco('admin', 'token', 'create', '--role', 'admin', '--name', HOSTILE)).out).toContain(
      `for "${SHOWN}"`,
    );
    expect(lines((await quiosco('admin', 'token', 'list')).out)[0]).toContain(`  ${SHOWN}  (created`);
  });

  it('tickets list', async () => {
    const holder = HOSTILE.replace('\r\n', ' ');
    const file = join(tmp.path, 'box-office.csv');
    writeFileSync(file, `code,event,ticket type,holder name\nA-1,feria,General,"${holder}"\n`);
    expect((await quiosco('tickets', 'import', file)).code).toBe(0);
    const tickets = lines((await quiosco('tickets', 'list', '--event', 'feria')).out);
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toContain(`A-1  General  ${terminalText(holder)}`);
  });
});
