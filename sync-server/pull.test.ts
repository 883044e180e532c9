// Pull on SQLite and PostgreSQL: a commit-ordered cursor that pages, resumes after an
// interruption, shows a kiosk only what is its own, and skips nothing while writers race.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import { ErrorBodySchema, PullResponseSchema, type PullChange } from '../shared/sync/protocol';
import { appendChanges } from './sync/change-log';
import { DB_KINDS, openServerForTest, type TestDevice, type TestServer } from './testing/test-server';

describe.each(DB_KINDS)('pull on %s', (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openServerForTest(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  const pull = async (device: TestDevice, cursor: number, limit?: number) => {
    const query = `cursor=${cursor}${limit === undefined ? '' : `&limit=${limit}`}`;
    const response = await t.call('GET', `/v1/sync/pull?${query}`, { token: device.token });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return PullResponseSchema.parse(response.body);
  };
  /** Pages until hasMore is false, as a kiosk does after each save of its cursor. */
  const pullAll = async (device: TestDevice, from = 0, limit = 2) => {
    const seen: PullChange[] = [];
    let cursor = from;
    for (;;) {
      const page = await pull(device, cursor, limit);
      seen.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) return { seen, cursor };
    }
  };
  const summary = (changes: PullChange[]) => changes.map((c) => `${c.kind}:${c.id}`);

  it("gives a new kiosk its event, the event's forms and its configuration, in seq order", async () => {
    const eventId = await t.createEvent(['encuesta-impacto-economico', 'registro-visitantes']);
    const device = await t.enrol(eventId);
    const { seen, cursor } = await pullAll(device);
    expect(summary(seen)).toEqual([
      `event:${eventId}`,
      'form:encuesta_impacto_economico@2026110101',
      'form:registro_visitantes@2026110101',
      `device_config:${device.deviceId}`,
    ]);
    const seqs = seen.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(cursor).toBe(seqs.at(-1));
    const form = seen.find((c) => c.kind === 'form');
    expect(form?.kind === 'form' && form.payload.definition.formId).toBe('encuesta_impacto_economico');
    // Nothing new: the same cursor comes back, with nothing and no more.
    expect(await pull(device, cursor)).toMatchObject({ changes: [], cursor, hasMore: false });
  });

  it('pages with limit and resumes from a saved cursor after an interruption, missing nothing', async () => {
    const eventId = await t.createEvent([
      'encuesta-impacto-economico',
      'registro-visitantes',
      'patrimonio-inmaterial',
    ]);
    const device = await t.enrol(eventId);
    const everything = await pullAll(device, 0, 100);
    // The first sync is cut after one page; the kiosk restarts from the cursor it saved.
    const first = await pull(device, 0, 2);
    expect(first.hasMore).toBe(true);
    expect(first.changes).toHaveLength(2);
    const rest = await pullAll(device, first.cursor, 1);
    expect(summary([...first.changes, ...rest.seen])).toEqual(summary(everything.seen));
  });

  it("shows a kiosk only its event's rows and its own, not other kiosks' or events'", async () => {
    const mine = await t.createEvent(['encuesta-impacto-economico']);
    const theirs = await t.createEvent(['registro-visitantes']);
    const device = await t.enrol(mine);
    const neighbour = await t.enrol(mine);
    await t.enrol(theirs);
    const { seen } = await pullAll(device, 0, 50);
    expect(summary(seen)).toEqual([
      `event:${mine}`,
      'form:encuesta_impacto_economico@2026110101',
      `device_config:${device.deviceId}`,
    ]);
    expect(summary(seen)).not.toContain(`device_config:${neighbour.deviceId}`);
  });

  it('sends forms attached later, and a moved kiosk its new event and forms', async () => {
    const first = await t.createEvent(['encuesta-impacto-economico']);
    const second = await t.createEvent(['registro-visitantes']);
    const device = await t.enrol(first);
    const start = await pullAll(device, 0, 50);

    const coordinator = await t.tokenFor('coordinator');
    const upload = await t.call('POST', `/v1/events/${first}/forms`, {
      token: coordinator,
      body: demoFormSheets('patrimonio-inmaterial'),
    });
    expect(upload.status).toBe(200);
    const afterUpload = await pullAll(device, start.cursor, 50);
    expect(summary(afterUpload.seen)).toEqual(['form:patrimonio_inmaterial@2026110101']);

    const moved = await t.call('PUT', `/v1/devices/${device.deviceId}/assignment`, {
      token: coordinator,
      body: { eventId: second, offeredForms: [{ formId: 'registro_visitantes', onIdle: 'keep' }] },
    });
    expect(moved.status).toBe(200);
    const afterMove = await pullAll(device, afterUpload.cursor, 50);
    expect(summary(afterMove.seen)).toEqual([
      `event:${second}`,
      'form:registro_visitantes@2026110101',
      `device_config:${device.deviceId}`,
    ]);
    expect(afterMove.seen.at(-1)?.payload).toMatchObject({
      eventId: second,
      offeredForms: [{ formId: 'registro_visitantes', onIdle: 'keep' }],
    });
  });

  it('refuses a bad cursor or limit with 400 naming it', async () => {
    const device = await t.enrol(await t.createEvent());
    for (const [query, field] of [
      ['cursor=-1', 'cursor'],
      ['cursor=abc', 'cursor'],
      ['limit=0', 'limit'],
      ['limit=5000', 'limit'],
      ['since=3', 'query'],
    ]) {
      const response = await t.call('GET', `/v1/sync/pull?${query}`, { token: device.token });
      expect(response.status, query).toBe(400);
      expect(ErrorBodySchema.parse(response.body).error).toMatchObject({ code: 'invalid_input', field });
    }
  });

  it('skips no row and repeats none while two writers commit out of seq order during paging', async () => {
    const eventId = await t.createEvent();
    const device = await t.enrol(eventId);
    const { cursor: start } = await pullAll(device, 0, 50);
    const PER_WRITER = 40;
    const s = t.server.db;
    let writing = true;
    // Each write takes its seq, then dawdles before committing, so the other writer's later seq
    // would commit first without the change-log lock.
    const writer = async (name: string) => {
      for (let i = 0; i < PER_WRITER; i++) {
        await s.transaction(async (trx) => {
          const payload = {
            deviceId: device.deviceId,
            deviceName: `${name}-${i}`,
            eventId,
            offeredForms: [],
          };
          await appendChanges(
            trx,
            s.kind,
            [{ kind: 'device_config', id: device.deviceId, payload, scope: { deviceId: device.deviceId } }],
            new Date(),
          );
          await sleep(Math.random() * 8);
        });
      }
    };
    const reader = async () => {
      const seen: PullChange[] = [];
      let cursor = start;
      for (;;) {
        const done = !writing;
        const page = await pull(device, cursor, 3);
        seen.push(...page.changes);
        cursor = page.cursor;
        if (done && !page.hasMore) return seen;
        if (!page.hasMore) await sleep(1);
      }
    };
    const reading = reader();
    await Promise.all([writer('a'), writer('b')]);
    writing = false;
    const seen = await reading;
    const names = seen.map((c) => (c.kind === 'device_config' ? c.payload.deviceName : c.kind));
    const expected = ['a', 'b'].flatMap((w) => Array.from({ length: PER_WRITER }, (_, i) => `${w}-${i}`));
    expect([...names].sort()).toEqual([...expected].sort());
    const seqs = seen.map((c) => c.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });
});
