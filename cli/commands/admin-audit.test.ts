// `quiosco admin` and `quiosco tickets` set-up changes leave the audit entries the console's and
// /v1's leave, under cli:<operating-system user>, with ids and counts only for tickets (never a key,
// a box-office code, a holder or a reason); read-only commands and refused changes leave none.
// SQLite and PostgreSQL.
import { userInfo } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { listAudit } from '../../sync-server/console/audit';
import { enrolDevice } from '../../sync-server/devices/devices-store';
import { DB_KINDS } from '../../sync-server/testing/test-server';
import { codeFingerprint } from '../../sync-server/tickets/tickets-store';
import { databasePerTest } from '../testing/database-per-test';
import { userAdd } from './admin-users';

const SURVEY = join(
  fileURLToPath(new URL('../..', import.meta.url)),
  'demo/forms/registro-visitantes.survey.csv',
);
const ACTOR = `cli:${userInfo().username}`;
const HOLDER = 'Ana García Ruiz';
const CODE = 'TAQ-4410';
const REASON = 'reembolso a Ana García';

describe.each(DB_KINDS)('quiosco admin audit on %s', (kind) => {
  const { quiosco, where, inDatabase } = databasePerTest(kind);
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir('quiosco-audit-');
  });
  afterEach(() => tmp.remove());
  const ok = async (...argv: string[]) => {
    const run = await quiosco(...argv);
    expect([run.code, run.err], argv.join(' ')).toEqual([0, '']);
    return run.out;
  };
  /** Oldest first, as they were written. */
  const audited = () =>
    inDatabase(async (s) =>
      (await listAudit(s)).map(({ actor, action, detail }) => ({ actor, action, detail })).reverse(),
    );

  it('audits tokens, events, forms, enrolment codes and kiosks as the console and /v1 do', async () => {
    const tokenId = /API token (tok_[0-9a-f]+)/.exec(
      await ok('admin', 'token', 'create', '--role', 'coordinator', '--name', 'Laura'),
    )?.[1];
    await ok('admin', 'token', 'revoke', tokenId ?? '');
    await ok('admin', 'event', 'create', 'feria', '--name', 'Feria del Libro');
    await ok('admin', 'form', 'add', '--event', 'feria', SURVEY);
    const printed = await ok('admin', 'enrol-code', 'create', '--event', 'feria', '--expires', '10m');
    const code = /Enrolment code for event feria: (\S+)/.exec(printed)?.[1];
    const expiresAt = /Valid once, until (\S+)\./.exec(printed)?.[1];
    const deviceId = uuidv7();
    await inDatabase((s) => enrolDevice(s, { code: code ?? '', deviceId, deviceName: 'Entrada' }));
    await ok(
      'admin',
      'device',
      'assign',
      deviceId,
      '--event',
      'feria',
      '--forms',
      'registro_visitantes',
      '--on-idle',
      'keep',
    );
    await ok('admin', 'device', 'mode', deviceId, 'door');
    await ok('admin', 'device', 'revoke', deviceId);

    const entries = await audited();
    const device = { deviceId, name: 'Entrada' };
    expect(entries).toEqual([
      { actor: ACTOR, action: 'api_token_created', detail: { tokenId, name: 'Laura', role: 'coordinator' } },
      { actor: ACTOR, action: 'api_token_revoked', detail: { tokenId, name: 'Laura', role: 'coordinator' } },
      { actor: ACTOR, action: 'event_created', detail: { eventId: 'feria', name: 'Feria del Libro' } },
      {
        actor: ACTOR,
        action: 'form_uploaded',
        detail: { eventId: 'feria', formId: 'registro_visitantes', version: '2026110101', status: 'added' },
      },
      { actor: ACTOR, action: 'enrol_code_created', detail: { eventId: 'feria', expiresAt } },
      {
        actor: ACTOR,
        action: 'kiosk_assigned',
        detail: {
          ...device,
          changes: {
            offeredForms: [
              [{ formId: 'registro_visitantes', onIdle: 'discard' }],
              [{ formId: 'registro_visitantes', onIdle: 'keep' }],
            ],
          },
        },
      },
      {
        actor: ACTOR,
        action: 'kiosk_mode_set',
        detail: { ...device, changes: { mode: ['visitor', 'door'] } },
      },
      { actor: ACTOR, action: 'kiosk_revoked', detail: device },
    ]);

    // Reading changes nothing, and neither does a refused change.
    for (const argv of [
      ['token', 'list'],
      ['event', 'list'],
      ['device', 'list'],
      ['user', 'list'],
    ]) {
      await ok('admin', ...argv);
    }
    const refused = await quiosco(
      'admin',
      'device',
      'assign',
      deviceId,
      '--event',
      'nope',
      '--forms',
      'registro_visitantes',
    );
    expect([refused.code, refused.err]).toEqual([1, 'quiosco admin: no event nope\n']);
    const unknownUser = await quiosco('admin', 'user', 'disable', 'nadie');
    expect([unknownUser.code, unknownUser.err]).toEqual([1, 'quiosco admin: No user named nadie\n']);
    expect(await audited()).toEqual(entries);
  });

  it('audits console users and event branding, never the password', async () => {
    await ok('admin', 'event', 'create', 'feria', '--name', 'Feria');
    const piped = Object.assign(Readable.from(['contraseña de la puerta\n']), { isTTY: false });
    const io = { out: () => undefined, err: () => undefined };
    const added = await userAdd(['puerta', '--role', 'door_supervisor', ...where()], io, {
      input: piped,
      prompt: { write: () => true },
    });
    expect(added).toBe(0);
    await ok('admin', 'user', 'disable', 'puerta');
    const colours = ['background=#4A0E4E', 'accent=#FFD23F', 'onAccent=#111418'];
    await ok('admin', 'event', 'brand', 'feria', ...colours.flatMap((c) => ['--colour', c]));

    expect((await audited()).slice(1)).toEqual([
      { actor: ACTOR, action: 'user_created', detail: { username: 'puerta', role: 'door_supervisor' } },
      { actor: ACTOR, action: 'user_disabled', detail: { username: 'puerta' } },
      {
        actor: ACTOR,
        action: 'event_updated',
        detail: {
          eventId: 'feria',
          changes: {
            branding: [
              null,
              {
                colours: {
                  background: '#4a0e4e',
                  text: '#ffffff',
                  accent: '#ffd23f',
                  onAccent: '#111418',
                  primary: '#0b4f8a',
                },
                logo: null,
                attract: [],
              },
            ],
          },
        },
      },
    ]);
  });

  it('audits quiosco tickets: keys, issuing, imports, revocations and door rules, as /v1 does', async () => {
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
    const entries = (await audited()).slice(1);
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
    expect((await audited()).slice(1)).toEqual(entries);
  });
});
