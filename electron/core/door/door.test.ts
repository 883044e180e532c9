// The door in the kiosk core, on a real kiosk database: what a pulled door page leaves behind, a
// scan recorded with its outbox row (and nothing when the call is refused), scans judged one at a
// time, and 10,000 fuzzed codes through the scanner's channel, each answered with a verdict.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES, type DoorVerdict } from '../../../shared/ipc/contract';
import type { PullChange } from '../../../shared/sync/protocol';
import { ScanEventSchema, ScanReasonSchema, VerdictKindSchema } from '../../../shared/tickets/scan-event';
import { seededRandom } from '../../../shared/random/seeded-random';
import { mutateTicket, noiseFamilies, REASONS } from '../../../shared/tickets/testing/scan-fuzz';
import { encodeSignedTicket } from '../../../shared/tickets/ticket-codec';
import { exportPublicKey, generateTicketKey, type TicketKeyPair } from '../../../shared/tickets/ticket-keys';
import { openKioskDatabase } from '../db/kiosk-database';
import type { KioskCore } from '../kiosk-core';
import { countRows, makeTempDir, openTestKiosk, TEST_PIN } from '../testing/kiosk-fixtures';
import { saveEnrolment } from '../sync/sync-state';
import { applyDoorPage } from './apply-door-pull';
import { createDoorStore } from './door-store';

const EVENT = 'demo';
const TOKEN = 'door-test-token';
const NOW = new Date('2026-11-21T12:00:00Z');
const FUZZ_CASES = 10_000;

let key: TicketKeyPair;
let genuine: string;

beforeAll(async () => {
  key = await generateTicketKey(0);
  genuine = await encodeSignedTicket(
    { ticketId: 'DOORTEST23456ABC', eventId: EVENT, ticketType: 1, validFrom: null, validTo: null },
    key,
  );
});

/** What the server's door stream would bring: rules, the key, a listed ticket, a blocked one. */
async function doorPage(): Promise<PullChange[]> {
  const publicKey = await exportPublicKey(key.publicKey);
  const imported = (code: string, holder: string | null) =>
    ({
      seq: 0,
      kind: 'ticket',
      id: `imported:${code}`,
      payload: {
        source: 'imported',
        code,
        eventId: EVENT,
        ticketType: 'General',
        holder,
        validFrom: null,
        validTo: '2026-11-22T23:59:00.000Z',
      },
    }) as const;
  const changes: PullChange[] = [
    {
      seq: 0,
      kind: 'door_config',
      id: EVENT,
      payload: { eventId: EVENT, capacity: 2, rules: { allowReentry: false, acceptPasses: true } },
    },
    {
      seq: 0,
      kind: 'ticket_key',
      id: `${EVENT}/0`,
      payload: { eventId: EVENT, keyId: 0, publicKey, retired: false },
    },
    imported('BOX-1', 'Marta Ruiz'),
    imported('BOX-2', null),
    {
      seq: 0,
      kind: 'revocation',
      id: 'imported:BOX-2',
      payload: {
        eventId: EVENT,
        ticket: { source: 'imported', id: 'BOX-2' },
        status: 'blocked',
        reason: null,
        at: NOW.toISOString(),
      },
    },
  ];
  return changes.map((c, i) => ({ ...c, seq: i + 1 }));
}

describe('door mode in the kiosk core', () => {
  const dirs: { remove(): void }[] = [];
  const cores: KioskCore[] = [];
  afterEach(() => {
    for (const c of cores.splice(0)) c.close();
    for (const d of dirs.splice(0)) d.remove();
  });

  /** A door kiosk at gate "Norte" that has applied the door page; `call` adds the staff token. */
  async function door() {
    const dir = makeTempDir('quiosco-door-');
    dirs.push(dir);
    const db = openKioskDatabase(dir.path);
    try {
      saveEnrolment(db, {
        serverUrl: 'http://127.0.0.1:9',
        token: TOKEN,
        eventId: EVENT,
        at: NOW.toISOString(),
        clockOffsetMs: 0,
      });
      const changes = await doorPage();
      expect(
        applyDoorPage({ db, store: createDoorStore(db), token: TOKEN }, { changes, cursor: changes.length }),
      ).toBe(true);
    } finally {
      db.close();
    }
    const core = await openTestKiosk(dir.path, { now: () => NOW, sync: { auto: false } });
    cores.push(core);
    const unlocked = await core.call('staff:unlock', { pin: TEST_PIN });
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    const { token } = unlocked.value;
    const config = await core.call('staff:config', { token });
    if (!config.ok) throw new Error(config.error.message);
    await core.call('staff:configure', {
      token,
      settings: { ...config.value.settings, mode: 'door', gate: 'Norte' },
    });
    const scan = async (text: string, direction: 'entry' | 'exit' = 'entry'): Promise<DoorVerdict> => {
      const result = await core.call('door:scan', { token, text, direction });
      if (!result.ok) throw new Error(`door:scan: ${result.error.code} ${result.error.message}`);
      return result.value;
    };
    return { dir: dir.path, core, token, scan };
  }

  const outboxScans = (dir: string) => {
    const db = openKioskDatabase(dir);
    try {
      return db
        .prepare<[], { seq: number; entity_kind: string; payload: string }>(
          "SELECT seq, entity_kind, payload FROM outbox WHERE entity_kind = 'scan' ORDER BY seq",
        )
        .all()
        .map((r) => ScanEventSchema.parse(JSON.parse(r.payload)));
    } finally {
      db.close();
    }
  };

  it('validates with what the door stream brought, and records each scan with its outbox row', async () => {
    const { dir, scan, core, token } = await door();
    expect(await scan('BOX-1')).toMatchObject({
      scan: { verdict: 'valid_entry', gate: 'Norte', here: true, at: NOW.toISOString() },
      ticket: { source: 'imported', type: 'General', holder: 'Marta Ruiz' },
    });
    expect(await scan('BOX-2')).toMatchObject({ scan: { verdict: 'blocked' }, needsAttention: true });
    expect(await scan(genuine)).toMatchObject({
      scan: { verdict: 'valid_entry' },
      ticket: { source: 'signed', type: '1' },
    });
    expect(await scan('BOX-1', 'exit')).toMatchObject({ scan: { verdict: 'valid_exit' } });
    // This list forbids coming back.
    expect(await scan('BOX-1')).toMatchObject({
      scan: { verdict: 'reentry_refused' },
      reason: 'reentry_not_allowed',
    });

    const events = outboxScans(dir);
    expect(events.map((e) => [e.seq, e.verdict, e.gate, e.eventId])).toEqual([
      [1, 'valid_entry', 'Norte', EVENT],
      [2, 'blocked', 'Norte', EVENT],
      [3, 'valid_entry', 'Norte', EVENT],
      [4, 'valid_exit', 'Norte', EVENT],
      [5, 'reentry_refused', 'Norte', EVENT],
    ]);
    expect(new Set(events.map((e) => e.nonce)).size).toBe(5);
    const status = await core.call('door:status', { token });
    expect(status.ok && status.value).toMatchObject({
      occupancy: { inside: 1, capacity: 2, entries: 2, exits: 1 },
      known: { keys: 1, tickets: 2, revocations: 1 },
      scansHere: 5,
      pendingSync: 5,
      rules: { allowReentry: false, acceptPasses: true },
    });
  });

  it('judges simultaneous scans of one ticket in order: one entry, then "already inside"', async () => {
    const { scan } = await door();
    const verdicts = await Promise.all([scan(genuine), scan(genuine), scan(genuine)]);
    expect(verdicts.map((v) => v.scan.verdict)).toEqual(['valid_entry', 'already_inside', 'already_inside']);
  });

  it('refuses a scan with a bad direction or no staff session, writing nothing', async () => {
    const { dir, core, token } = await door();
    const bad = await core.dispatch('door:scan', { token, text: genuine, direction: 'sideways' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!bad.ok) expect(bad.error.message).toContain('direction');
    const locked = await core.dispatch('door:scan', {
      token: 'x'.repeat(40),
      text: genuine,
      direction: 'entry',
    });
    expect(locked).toEqual({
      ok: false,
      error: { code: 'staff_only', message: 'Staff session missing or expired: unlock with the PIN' },
    });
    expect(countRows(dir).outbox).toBe(0);
  });

  it(`answers ${FUZZ_CASES.toLocaleString('en')} fuzzed codes from the scanner with a verdict and a reason each`, async () => {
    const { dir, scan } = await door();
    const rnd = seededRandom(42);
    const families = [() => mutateTicket(rnd, genuine), ...noiseFamilies(rnd, genuine)];
    const kinds = new Map<string, number>();
    for (let i = 0; i < FUZZ_CASES; i++) {
      // Past 1 MB the transports answer 413 before any dispatch; up to there, every text gets a verdict.
      const text = (families[i % families.length] as () => string)().slice(0, MAX_PAYLOAD_BYTES);
      if (text === genuine) continue;
      const verdict = await scan(text, rnd() < 0.8 ? 'entry' : 'exit');
      const kind = VerdictKindSchema.parse(verdict.scan.verdict);
      expect(REASONS[kind], `${kind}/${verdict.reason} for ${JSON.stringify(text.slice(0, 80))}`).toContain(
        ScanReasonSchema.parse(verdict.reason),
      );
      expect(kind, JSON.stringify(text.slice(0, 80))).not.toMatch(/^valid_/);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    expect([...kinds.keys()].sort()).toEqual(['forged', 'unknown_ticket', 'unreadable', 'wrong_event']);
    const recorded = countRows(dir).outbox;
    expect(recorded).toBe([...kinds.values()].reduce((a, b) => a + b, 0));
    expect(recorded).toBeGreaterThan(FUZZ_CASES * 0.99);
  });
});
