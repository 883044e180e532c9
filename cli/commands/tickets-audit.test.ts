// `quiosco tickets` set-up changes leave the entries /v1 leaves, under cli:<operating-system user>,
// with ids and counts only (never a key, a box-office code, a holder or a reason); reading and
// refused changes leave none. SQLite and PostgreSQL.
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { listAudit } from '../../sync-server/console/audit';
import { DB_KINDS } from '../../sync-server/testing/test-server';
import { codeFingerprint } from '../../sync-server/tickets/tickets-store';
import { databasePerTest } from '../testing/database-per-test';

const ACTOR = `cli:${userInfo().username}`;
const HOLDER = 'Ana García Ruiz';
const CODE = 'TAQ-4410';
const REASON = 'reembolso a Ana García';

describe.each(DB_KINDS)('quiosco tickets audit on %s', (kind) => {
  const { quiosco, inDatabase } = databasePerTest(kind);
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir('quiosco-tickets-audit-');
  });
  afterEach(() => tmp.remove());
  const ok = async (...argv: string[]) => {
    const run = await quiosco(...argv);
    expect([run.code, run.err], argv.join(' ')).toEqual([0, '']);
    return run.out;
  };
  /** Oldest first, without the event's creation. */
  const audited = () =>
    inDatabase(async (s) =>
      (await listAudit(s))
        .map(({ actor, action, detail }) => ({ actor, action, detail }))
        .reverse()
        .slice(1),
    );

  it('audits keys, issuing, imports, revocations and door rules as /v1 does', async () => {
    await ok('admin', 'event', 'create', 'feria', '--name', 'Feria');
    const csv = join(tmp.path, 'taquilla.csv');
    writeFileSync(csv, `code,event,ticket_type,holder_name\r\n${CODE},feria,General,${HOLDER}\r\n`);

    const issued = await ok(
      'tickets',
      'issue',
      '--event',
      'feria',
      '--type',
      'VIP',
      '--holder',
      HOLDER,
      '--out',
      join(tmp.path, 'qr'),
    );
    const ticketId = /^(\S+) {2}/m.exec(issued)?.[1];
    await ok('tickets', 'key', 'create', '--event', 'feria');
    await ok('tickets', 'key', 'retire', '--event', 'feria', '--key', '0');
    await ok('tickets', 'key', 'retire', '--event', 'feria', '--key', '0');
    await ok('tickets', 'import', csv);
    await ok('tickets', 'import', csv);
    await ok('tickets', 'revoke', CODE, '--reason', REASON);
    await ok('tickets', 'block', ticketId ?? '', '--reason', REASON);
    await ok('tickets', 'unblock', ticketId ?? '');
    await ok('tickets', 'door', '--event', 'feria', '--capacity', '300', '--passes', 'yes');
    await ok('tickets', 'door', '--event', 'feria', '--capacity', '300');

    const signed = `signed:${ticketId}`;
    const entries = await audited();
    expect(entries).toEqual([
      { actor: ACTOR, action: 'ticket_key_created', detail: { eventId: 'feria', keyId: 0 } },
      {
        actor: ACTOR,
        action: 'tickets_issued',
        detail: { eventId: 'feria', type: 'VIP', count: 1, keyId: 0 },
      },
      { actor: ACTOR, action: 'ticket_key_created', detail: { eventId: 'feria', keyId: 1 } },
      { actor: ACTOR, action: 'ticket_key_retired', detail: { eventId: 'feria', keyId: 0 } },
      {
        actor: ACTOR,
        action: 'tickets_imported',
        detail: { rows: 1, added: 1, updated: 0, unchanged: 0, skipped: 0, onError: 'refuse' },
      },
      {
        actor: ACTOR,
        action: 'ticket_revoked',
        detail: { eventId: 'feria', ticket: `imported:${codeFingerprint(CODE)}` },
      },
      { actor: ACTOR, action: 'ticket_blocked', detail: { eventId: 'feria', ticket: signed } },
      { actor: ACTOR, action: 'ticket_unblocked', detail: { eventId: 'feria', ticket: signed } },
      {
        actor: ACTOR,
        action: 'door_rules_set',
        detail: { eventId: 'feria', changes: { capacity: [null, 300], acceptPasses: [false, true] } },
      },
    ]);
    const keys = await inDatabase((s) => s.db.selectFrom('ticket_keys').select('private_key').execute());
    const json = JSON.stringify(entries);
    for (const secret of [...keys.map((k) => k.private_key), CODE, HOLDER, REASON]) {
      expect(json).not.toContain(secret);
    }

    // Reading changes nothing, and neither does a refused change.
    await ok('tickets', 'list', '--event', 'feria');
    await ok('tickets', 'key', 'list', '--event', 'feria');
    await ok('tickets', 'report', '--event', 'feria');
    await ok('tickets', 'door', '--event', 'feria');
    const unknownKey = await quiosco('tickets', 'key', 'retire', '--event', 'feria', '--key', '7');
    expect([unknownKey.code, unknownKey.err]).toEqual([
      1,
      'quiosco tickets: event feria has no ticket key 7\n',
    ]);
    const revoked = await quiosco('tickets', 'block', CODE);
    expect([revoked.code, revoked.err]).toEqual([
      1,
      `quiosco tickets: imported:${CODE} is revoked; a revoked ticket cannot be blocked\n`,
    ]);
    const noEvent = await quiosco('tickets', 'door', '--event', 'nope', '--capacity', '10');
    expect([noEvent.code, noEvent.err]).toEqual([1, 'quiosco tickets: no event nope\n']);
    expect(await audited()).toEqual(entries);
  });
});
