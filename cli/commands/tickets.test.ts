// `quiosco tickets` on SQLite and PostgreSQL, in-process with its output captured, against the
// database a real server serves: import in both error modes, issue and print (the PNGs scan back
// to tickets that validate), revoke, keys, door settings and the report.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quioscoOn } from '../testing/run-quiosco';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { validateScan } from '../../shared/tickets/validate-scan';
import {
  createTestDatabase,
  DB_KINDS,
  openServerForTest,
  pointDatabaseUrlAt,
  type TestDatabase,
  type TestServer,
} from '../../sync-server/testing/test-server';
import { DoorReplica } from '../../sync-server/tickets/testing/door-replica';

describe.each(DB_KINDS)('quiosco tickets on %s', (kind) => {
  let database: TestDatabase;
  let t: TestServer;
  let tmp: ReturnType<typeof makeTempDir>;
  let restoreDatabaseUrl: () => void;
  let eventId: string;

  const quiosco = quioscoOn(() => database.config);
  const file = (name: string, text: string) => {
    const path = join(tmp.path, name);
    writeFileSync(path, text);
    return path;
  };

  beforeEach(async () => {
    database = await createTestDatabase(kind);
    restoreDatabaseUrl = pointDatabaseUrlAt(database.config);
    t = await openServerForTest(kind, { database: database.config });
    eventId = await t.createEvent();
    tmp = makeTempDir('quiosco-tickets-');
  });
  afterEach(async () => {
    await t.close();
    await database.drop();
    tmp.remove();
    restoreDatabaseUrl();
  });

  it('imports a box-office file, refusing or skipping bad rows as asked', async () => {
    const good = file(
      'good.csv',
      `code,event,ticket type,holder name\nA-1,${eventId},General,Ana\nA-2,${eventId},VIP,\n`,
    );
    expect(await quiosco('tickets', 'import', good)).toEqual({
      code: 0,
      out: `${good}: 2 rows: 2 added, 0 updated, 0 unchanged, 0 skipped.\n`,
      err: '',
    });
    expect((await quiosco('tickets', 'import', good)).out).toBe(
      `${good}: 2 rows: 0 added, 0 updated, 2 unchanged, 0 skipped.\n`,
    );

    const bad = file(
      'bad.csv',
      `code,event,ticket_type\nB-1,${eventId},General\nB-2,nowhere,General\nB-3,${eventId},\n`,
    );
    expect(await quiosco('tickets', 'import', bad)).toEqual({
      code: 1,
      out: '',
      err:
        `${bad}: line 3, event: there is no event nowhere on this server\n` +
        `${bad}: line 4, ticket_type: the ticket type is empty\n` +
        `quiosco tickets: ${bad}: nothing was imported: 2 bad row(s); fix them, or import the rest with --on-error skip\n`,
    });
    expect(await quiosco('tickets', 'import', bad, '--on-error', 'skip')).toEqual({
      code: 0,
      out: `${bad}: 3 rows: 1 added, 0 updated, 0 unchanged, 2 skipped.\n`,
      err:
        `${bad}: skipped line 3, event: there is no event nowhere on this server\n` +
        `${bad}: skipped line 4, ticket_type: the ticket type is empty\n`,
    });
    const unreadable = file('x.csv', 'code,event\n');
    const refused = await quiosco('tickets', 'import', unreadable, '--on-error', 'skip');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('nothing was imported: the file cannot be read as a ticket list');
    expect((await quiosco('tickets', 'import', good, '--on-error', 'maybe')).code).toBe(2);

    const list = await quiosco('tickets', 'list', '--event', eventId);
    expect(list.out).toBe('imported:A-1  General  Ana\nimported:A-2  VIP  -\nimported:B-1  General  -\n');
  });

  it('issues tickets as PNGs and a print sheet that scan back to valid tickets', async () => {
    const out = join(tmp.path, 'print');
    const issued = await quiosco(
      'tickets',
      'issue',
      '--event',
      eventId,
      '--type',
      'Day <pass>',
      '--holder',
      'Ana & Luis',
      '--count',
      '3',
      '--valid-to',
      '2026-11-22T23:59:00+01:00',
      '--out',
      out,
    );
    expect(issued.err).toBe('');
    expect(issued.code).toBe(0);
    expect(issued.out).toContain(`Event ${eventId} had no ticket key: key 0 was created for it.`);
    expect(issued.out).toContain(
      `Issued 3 "Day <pass>" ticket(s) for ${eventId} with key 0 (QR version 6 at error correction M).`,
    );
    const pngs = readdirSync(out).filter((f) => f.endsWith('.png'));
    expect(pngs).toHaveLength(3);
    const [sheetName] = readdirSync(out).filter((f) => f.endsWith('.html'));
    const sheet = readFileSync(join(out, sheetName ?? ''), 'utf8');
    expect(sheet.match(/src="data:image\/png;base64,/g)).toHaveLength(3);
    expect(sheet).toContain('Day &lt;pass&gt;');
    expect(sheet).toContain('Ana &amp; Luis');
    expect(sheet).not.toMatch(/<script|https?:/);

    const door = new DoorReplica(t, await t.enrol(eventId, 'Door', 'door'));
    await door.pull();
    for (const name of pngs) {
      const image = PNG.sync.read(readFileSync(join(out, name)));
      const text = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? '';
      expect(text).toMatch(/^QT1:/);
      const verdict = await validateScan(text, {
        eventId,
        gate: 'North',
        deviceId: door.device.deviceId,
        direction: 'entry',
        now: new Date('2026-11-21T12:00:00Z'),
        rules: door.config.rules,
        lookups: door.tickets.lookups,
      });
      expect(verdict).toMatchObject({
        kind: 'valid_entry',
        ticket: { ref: { id: name.replace('.png', '') }, type: 'Day <pass>', holder: 'Ana & Luis' },
      });
    }
    const bad = await quiosco(
      'tickets',
      'issue',
      '--event',
      eventId,
      '--type',
      'General',
      '--out',
      out,
      '--valid-from',
      '2026-11-20T10:00:30Z',
    );
    expect(bad).toMatchObject({ code: 1, err: 'quiosco tickets: validFrom: must be a whole minute\n' });
    expect((await quiosco('tickets', 'issue', '--event', eventId, '--out', out)).code).toBe(2);
  });

  it('revokes, rotates keys, sets the door and reports what the doors saw', async () => {
    await quiosco('tickets', 'import', file('t.csv', `code,event,ticket_type\nR-1,${eventId},General\n`));
    expect(await quiosco('tickets', 'revoke', 'R-1', '--reason', 'refunded')).toEqual({
      code: 0,
      out: `imported:R-1 (${eventId}) is now revoked: refunded; doors learn it at their next sync.\n`,
      err: '',
    });
    expect((await quiosco('tickets', 'revoke', 'R-1')).out).toBe(
      `imported:R-1 (${eventId}) was revoked already; nothing changed.\n`,
    );
    expect(await quiosco('tickets', 'block', 'R-1')).toMatchObject({
      code: 1,
      err: 'quiosco tickets: imported:R-1 is revoked; a revoked ticket cannot be blocked\n',
    });
    expect((await quiosco('tickets', 'list', '--event', eventId)).out).toBe(
      'imported:R-1  General  -  REVOKED (refunded)\n',
    );

    expect((await quiosco('tickets', 'key', 'create', '--event', eventId)).out).toMatch(
      /^Event \S+: key 0 {2}[\w-]{43} {2}created /,
    );
    expect((await quiosco('tickets', 'key', 'create', '--event', eventId)).code).toBe(0);
    expect((await quiosco('tickets', 'key', 'retire', '--event', eventId, '--key', '0')).out).toContain(
      'RETIRED',
    );
    const keys = (await quiosco('tickets', 'key', 'list', '--event', eventId)).out.trim().split('\n');
    expect(keys.map((k) => /RETIRED/.test(k))).toEqual([true, false]);

    expect(
      (await quiosco('tickets', 'door', '--event', eventId, '--capacity', '1200', '--reentry', 'no')).out,
    ).toBe(`Event ${eventId}: capacity 1200, re-entry refused, visitor passes refused.\n`);
    expect((await quiosco('tickets', 'door', '--event', eventId, '--capacity', 'lots')).code).toBe(2);
    expect(await quiosco('tickets', 'report', '--event', eventId)).toEqual({
      code: 0,
      out: `Event ${eventId}: 0 of 1200 inside (0 entries, 0 exits).\nDouble entries: 0\n`,
      err: '',
    });
    expect((await quiosco('tickets', 'report', '--event', 'nowhere')).err).toBe(
      'quiosco tickets: no event nowhere\n',
    );
    expect((await quiosco('tickets', 'nothing')).code).toBe(2);
    expect((await quiosco('tickets', '--help')).out).toContain('quiosco tickets COMMAND');
  });
});
