// A kiosk one protocol version behind keeps syncing: a site upgrades its server first and its
// kiosks one by one. The client here speaks supportedProtocols().oldest with the request shapes
// of that version, written out below as a frozen fixture rather than built from today's schemas,
// so a change to a request or response that breaks old kiosks fails here. While PROTOCOL_VERSION
// is 1 the oldest is 1 itself; when the next bump makes the oldest 2, the check on FIXTURE_VERSION
// fails until the version-2 shapes are pinned here (docs/sync-protocol.md).
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HEADERS, supportedProtocols } from '../shared/sync/protocol';
import { createEnrolCode } from '../sync-server/devices/devices-store';
import { DB_KINDS, openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { createVenue, setKioskVenue } from '../sync-server/venues/venues-store';

/** The protocol version whose shapes this file pins. */
const FIXTURE_VERSION = 1;
const OLD_CLIENT = { [HEADERS.protocol]: String(FIXTURE_VERSION), [HEADERS.app]: 'quiosco-kiosk/0.1.0' };

/** Version 1 bodies, as a kiosk of that version sends them (field for field). */
const v1 = {
  enrol: (code: string, deviceId: string) => ({ code, deviceId, deviceName: 'Kiosco 3 (v1)' }),
  submission: (deviceId: string, eventId: string) => ({
    id: uuidv7(),
    formId: 'encuesta_impacto_economico',
    formVersion: '2026110101',
    deviceId,
    eventId,
    language: 'es',
    complete: false,
    answers: { acepta: 'si', pais: 'mx', estado: 'hgo' },
    passId: null,
    privacyNoticeVersion: null,
    startedAt: '2026-11-20T16:00:00.000Z',
    createdAt: '2026-11-20T16:01:00.000Z',
  }),
  push: (deviceId: string, changes: { seq: number; id: string; payload: unknown }[]) => ({
    deviceId,
    changes: changes.map((c) => ({ seq: c.seq, kind: 'submission', id: c.id, payload: c.payload })),
    backlog: 0,
  }),
  pullPath: (cursor: number) => `/v1/sync/pull?cursor=${cursor}&limit=200`,
  /** The pull change kinds a version-1 visitor kiosk applies. */
  kioskKinds: ['event', 'form', 'device_config'],
  /** A version-1 door's door_config payload; like every payload schema, it drops keys it does not know. */
  doorConfig: z.object({
    eventId: z.string(),
    capacity: z.number().int().min(1).nullable(),
    rules: z.object({ allowReentry: z.boolean(), acceptPasses: z.boolean() }),
  }),
};

it('pins the shapes of the oldest protocol the server accepts', () => {
  expect(FIXTURE_VERSION, 'the oldest supported protocol moved: pin its request shapes here').toBe(
    supportedProtocols().oldest,
  );
});

describe.each(DB_KINDS)('a kiosk speaking the oldest supported protocol, on %s', (kind) => {
  let t: TestServer;
  let eventId: string;
  let device: { deviceId: string; token: string };

  beforeAll(async () => {
    t = await openServerForTest(kind);
    eventId = await t.createEvent(['encuesta-impacto-economico']);
    const { code } = await createEnrolCode(t.server.db, { eventId });
    const deviceId = uuidv7();
    const enrolled = await t.call('POST', '/v1/enrol', {
      body: v1.enrol(code, deviceId),
      headers: OLD_CLIENT,
    });
    expect(enrolled.status).toBe(200);
    const body = enrolled.body as { deviceId: string; deviceToken: string; eventId: string };
    expect(body).toMatchObject({ deviceId, eventId, deviceToken: expect.any(String) });
    device = { deviceId, token: body.deviceToken };
  });
  afterAll(() => t?.close());

  it('pushes its responses, and a resend of the same batch is acknowledged again', async () => {
    const changes = [1, 2].map((seq) => {
      const payload = v1.submission(device.deviceId, eventId);
      return { seq, id: payload.id, payload };
    });
    for (let round = 0; round < 2; round++) {
      const pushed = await t.call('POST', '/v1/sync/push', {
        token: device.token,
        gzip: true,
        body: v1.push(device.deviceId, changes),
        headers: OLD_CLIENT,
      });
      expect(pushed.status).toBe(200);
      expect(pushed.body).toMatchObject({ ackedThroughSeq: 2, rejected: [] });
    }
    expect(await t.count('submissions', { deviceId: device.deviceId })).toBe(2);
  });

  it('pulls its set-up page by page, in the kinds and fields it knows', async () => {
    let cursor = 0;
    const kinds = new Set<string>();
    for (;;) {
      const pulled = await t.call('GET', v1.pullPath(cursor), { token: device.token, headers: OLD_CLIENT });
      expect(pulled.status).toBe(200);
      const body = pulled.body as {
        changes: { seq: number; kind: string; id: string; payload: unknown }[];
        cursor: number;
        hasMore: boolean;
        serverTime: string;
      };
      expect(body).toEqual({
        changes: expect.any(Array),
        cursor: expect.any(Number),
        hasMore: expect.any(Boolean),
        serverTime: expect.any(String),
      });
      for (const change of body.changes) kinds.add(change.kind);
      cursor = body.cursor;
      if (!body.hasMore) break;
    }
    expect([...kinds].sort()).toEqual([...v1.kioskKinds].sort());
    expect(cursor).toBeGreaterThan(0);
  });

  it('gives a door its door config in the fields it knows when the door is put at a venue', async () => {
    const door = await t.enrol(eventId, 'Puerta (v1)', 'door');
    const coordinator = await t.tokenFor('coordinator');
    const put = await t.call('PUT', `/v1/events/${eventId}/door`, {
      token: coordinator,
      body: { capacity: 900, allowReentry: false },
    });
    expect(put.status).toBe(200);
    const salon = await createVenue(t.server.db, eventId, { name: 'Salón (v1)', capacity: 50 });
    await setKioskVenue(t.server.db, door.deviceId, { venueId: salon.id });
    const pulled = await t.call('GET', `${v1.pullPath(0)}&stream=door`, {
      token: door.token,
      headers: OLD_CLIENT,
    });
    expect(pulled.status).toBe(200);
    const configs = (pulled.body as { changes: { kind: string; payload: unknown }[] }).changes
      .filter((c) => c.kind === 'door_config')
      .map((c) => c.payload);
    // The venues ride along as a key it does not know, and are dropped.
    expect(configs.at(-1)).toHaveProperty('venues');
    expect(v1.doorConfig.parse(configs.at(-1))).toEqual({
      eventId,
      capacity: 900,
      rules: { allowReentry: false, acceptPasses: false },
    });
  });
});
