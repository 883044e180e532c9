// Push on SQLite and PostgreSQL: every record exactly once, retries harmless, conflicts refused
// one by one, replays answered as the first time, gaps and strangers refused with nothing written.
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT } from '../shared/forms/form-definition';
import { DeviceListResponseSchema } from '../shared/sync/admin-api';
import { canonicalJson, contentHash } from '../shared/sync/node/canonical-json';
import {
  ErrorBodySchema,
  MAX_PUSH_CHANGES,
  PushResponseSchema,
  type PushChange,
  type SubmissionPayload,
} from '../shared/sync/protocol';
import { serverForBlock } from './testing/block-server';
import { DB_KINDS, SURVEY_FORM, surveyChanges, surveyPayload, type TestDevice } from './testing/test-server';

const change = (
  seq: number,
  payload: SubmissionPayload | Record<string, unknown>,
  id?: string,
): PushChange => ({
  seq,
  kind: 'submission',
  id: id ?? String((payload as { id: unknown }).id),
  payload,
});

describe.each(DB_KINDS)('push on %s', (kind) => {
  const f = serverForBlock(kind, ['encuesta-impacto-economico']);

  const push = (device: TestDevice, changes: PushChange[], extra: Record<string, unknown> = {}) =>
    f.t.call('POST', '/v1/sync/push', {
      token: device.token,
      body: { deviceId: device.deviceId, changes, ...extra },
      gzip: true,
    });
  const acked = (response: { status: number; body: unknown }) => {
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return PushResponseSchema.parse(response.body);
  };
  const errorOf = (response: { body: unknown }) => ErrorBodySchema.parse(response.body).error;
  const stored = (device: TestDevice) => f.t.count('submissions', { deviceId: device.deviceId });

  it('stores a batch once and acknowledges through its last seq', async () => {
    const device = await f.t.enrol(f.eventId);
    const result = acked(await push(device, surveyChanges(device, 1, 25)));
    expect(result).toMatchObject({ ackedThroughSeq: 25, rejected: [] });
    expect(result.serverTime).toBeDefined();
    expect(await stored(device)).toBe(25);
  });

  it('an empty push reports where the device stands and writes nothing', async () => {
    const device = await f.t.enrol(f.eventId);
    acked(await push(device, surveyChanges(device, 1, 3)));
    expect(acked(await push(device, []))).toMatchObject({ ackedThroughSeq: 3, rejected: [] });
    expect(await stored(device)).toBe(3);
  });

  it('a retried batch (lost acknowledgement) is harmless: same answer, no duplicates', async () => {
    const device = await f.t.enrol(f.eventId);
    const batch = surveyChanges(device, 1, 10);
    const first = acked(await push(device, batch));
    const again = acked(await push(device, batch));
    expect(again.ackedThroughSeq).toBe(first.ackedThroughSeq);
    expect(again.rejected).toEqual(first.rejected);
    expect(await stored(device)).toBe(10);
  });

  it('the same record again under a new seq with identical content is a harmless retry', async () => {
    const device = await f.t.enrol(f.eventId);
    const [one] = surveyChanges(device, 1, 1) as [PushChange];
    acked(await push(device, [one]));
    const result = acked(await push(device, [{ ...one, seq: 2, payload: { ...(one.payload as object) } }]));
    expect(result).toMatchObject({ ackedThroughSeq: 2, rejected: [] });
    expect(await stored(device)).toBe(1);
  });

  it('same id with different content is rejected for that record only, and the queue moves on', async () => {
    const device = await f.t.enrol(f.eventId);
    const original = surveyPayload(device);
    acked(await push(device, [change(1, original)]));
    const altered = { ...original, answers: { ...original.answers, recomendaria: 3 } };
    const [before, after] = surveyChanges(device, 2, 2) as [PushChange, PushChange];
    const batch = [before, change(3, altered), { ...after, seq: 4 }];
    const result = acked(await push(device, batch));
    expect(result.ackedThroughSeq).toBe(4);
    expect(result.rejected).toEqual([
      { seq: 3, id: original.id, code: 'conflict', message: expect.stringContaining('different content') },
    ]);
    expect(await stored(device)).toBe(3);
    const rows = await f.t.server.db.db
      .selectFrom('submissions')
      .select('payload')
      .where('id', '=', original.id)
      .execute();
    expect(JSON.parse(rows[0]?.payload ?? '{}').answers.recomendaria).toBe(original.answers.recomendaria);
    // A replay of that batch gets the same rejection back, so a lost answer loses nothing.
    expect(acked(await push(device, batch)).rejected).toEqual(result.rejected);
  });

  it('ignores seqs it has already settled when a batch overlaps them', async () => {
    const device = await f.t.enrol(f.eventId);
    const changes = surveyChanges(device, 1, 6);
    acked(await push(device, changes.slice(0, 4)));
    const result = acked(await push(device, changes.slice(2)));
    expect(result).toMatchObject({ ackedThroughSeq: 6, rejected: [] });
    expect(await stored(device)).toBe(6);
  });

  it('refuses an old seq replayed with other content as device_cloned (two kiosks on one id), storing nothing', async () => {
    const device = await f.t.enrol(f.eventId);
    acked(await push(device, surveyChanges(device, 1, 2)));
    const response = await push(device, surveyChanges(device, 1, 3));
    expect(response.status).toBe(409);
    expect(errorOf(response)).toMatchObject({ code: 'device_cloned', field: 'changes.0.seq' });
    expect(await stored(device)).toBe(2);
    expect(acked(await push(device, [])).ackedThroughSeq).toBe(2);
  });

  it('refuses a gap with 409 sequence_gap and the seq it expects, writing nothing', async () => {
    const device = await f.t.enrol(f.eventId);
    acked(await push(device, surveyChanges(device, 1, 2)));
    const response = await push(device, surveyChanges(device, 4, 3));
    expect(response.status).toBe(409);
    expect(errorOf(response)).toMatchObject({ code: 'sequence_gap', expectedSeq: 3 });
    expect(await stored(device)).toBe(2);
    expect(acked(await push(device, [])).ackedThroughSeq).toBe(2);
  });

  it('refuses a first push that does not start at seq 1', async () => {
    const device = await f.t.enrol(f.eventId);
    const response = await push(device, surveyChanges(device, 2, 1));
    expect(response.status).toBe(409);
    expect(errorOf(response)).toMatchObject({ code: 'sequence_gap', expectedSeq: 1 });
    expect(await stored(device)).toBe(0);
  });

  it('rejects a record whose payload is malformed, alone, naming the field', async () => {
    const device = await f.t.enrol(f.eventId);
    const good = surveyPayload(device);
    const bad = { ...surveyPayload(device), language: 'not a language' };
    const result = acked(await push(device, [change(1, bad), change(2, good)]));
    expect(result.ackedThroughSeq).toBe(2);
    expect(result.rejected).toEqual([
      { seq: 1, id: bad.id, code: 'invalid', message: expect.stringMatching(/^language: /) },
    ]);
    expect(await stored(device)).toBe(1);
    expect(await f.t.count('push_rejections', { deviceId: device.deviceId })).toBe(1);
  });

  it('stores text with a NUL character intact and refuses one in a column value, alone', async () => {
    const device = await f.t.enrol(f.eventId);
    const odd = surveyPayload(device, {
      answers: { ...surveyPayload(device).answers, comentarios: 'antes\u0000después "citado" \\ fin' },
    });
    const badVersion = surveyPayload(device, { formVersion: '1\u0000' });
    const result = acked(await push(device, [change(1, odd), change(2, badVersion)]));
    expect(result.rejected.map((r) => [r.seq, r.code])).toEqual([[2, 'invalid']]);
    const row = await f.t.server.db.db
      .selectFrom('submissions')
      .select('payload')
      .where('id', '=', odd.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.payload).answers.comentarios).toBe('antes\u0000después "citado" \\ fin');
  });

  it('stores every record of a batch as sent, byte for byte, whatever their sizes', async () => {
    const device = await f.t.enrol(f.eventId);
    // Short and long records mixed, so that PostgreSQL receives the batch in several pages and one
    // record fills a page alone: the longest text an answer may hold, in emoji and accents, under a
    // form version the server has not seen (stored unchecked: the survey caps comments at 500).
    const long = '¿Qué tal? 😊 "sí" \\ '.repeat(MAX_TEXT / 20).slice(0, MAX_TEXT);
    const payloads = Array.from({ length: 120 }, (_, i) => {
      const comentarios = i % 40 === 7 ? long : `nota ${i} ñ 😊 `.repeat(20);
      const formVersion = i % 40 === 7 ? '2099010101' : SURVEY_FORM.version;
      return surveyPayload(device, {
        formVersion,
        answers: { ...surveyPayload(device).answers, comentarios },
      });
    });
    const result = acked(
      await push(
        device,
        payloads.map((p, i) => change(i + 1, p)),
      ),
    );
    expect(result).toMatchObject({ ackedThroughSeq: 120, rejected: [] });
    const rows = await f.t.server.db.db
      .selectFrom('submissions')
      .select(['id', 'payload', 'content_hash', 'device_seq'])
      .where('device_id', '=', device.deviceId)
      .orderBy('device_seq')
      .execute();
    expect(rows.map((r) => Number(r.device_seq))).toEqual(payloads.map((_, i) => i + 1));
    rows.forEach((row, i) => {
      const sent = canonicalJson(payloads[i]);
      expect(row.id).toBe(payloads[i]?.id);
      expect(row.payload).toBe(sent);
      expect(row.content_hash).toBe(contentHash(sent));
    });
  });

  it('rejects answers the form does not accept, and forms the event does not have', async () => {
    const device = await f.t.enrol(f.eventId);
    const wrongChoice = surveyPayload(device, {
      answers: { ...surveyPayload(device).answers, edad: 'ancient' },
    });
    const unknownForm = surveyPayload(device, { formId: 'registro_visitantes' });
    const newerVersion = surveyPayload(device, { formVersion: '2099010101' });
    const result = acked(
      await push(device, [change(1, wrongChoice), change(2, unknownForm), change(3, newerVersion)]),
    );
    expect(result.rejected.map((r) => [r.seq, r.code])).toEqual([
      [1, 'answers_invalid'],
      [2, 'unknown_form'],
    ]);
    expect(result.rejected[0]?.message).toContain('edad (not_a_choice)');
    // A version the server has not seen yet is kept (unchecked) rather than lost.
    expect(await stored(device)).toBe(1);
  });

  it('refuses a push as another device with 403, writing nothing', async () => {
    const device = await f.t.enrol(f.eventId);
    const other = await f.t.enrol(f.eventId);
    const asOther = await f.t.call('POST', '/v1/sync/push', {
      token: device.token,
      body: { deviceId: other.deviceId, changes: surveyChanges(other, 1, 2) },
    });
    expect(asOther.status).toBe(403);
    expect(errorOf(asOther)).toMatchObject({ code: 'forbidden', field: 'deviceId' });
    const smuggled = await push(device, [...surveyChanges(device, 1, 1), ...surveyChanges(other, 2, 1)]);
    expect(smuggled.status).toBe(403);
    expect(errorOf(smuggled)).toMatchObject({ code: 'forbidden', field: 'changes.1.payload.deviceId' });
    expect(await stored(device)).toBe(0);
    expect(await stored(other)).toBe(0);
    expect(acked(await push(device, [])).ackedThroughSeq).toBe(0);
  });

  it('names the batch position of a record of another device behind replayed ones', async () => {
    const device = await f.t.enrol(f.eventId);
    const other = await f.t.enrol(f.eventId);
    const settled = surveyChanges(device, 1, 2);
    expect(acked(await push(device, settled)).ackedThroughSeq).toBe(2);
    const smuggled = await push(device, [
      ...settled,
      ...surveyChanges(device, 3, 1),
      ...surveyChanges(other, 4, 1),
    ]);
    expect(smuggled.status).toBe(403);
    // The fourth change of the body, not the second of the new ones.
    expect(errorOf(smuggled)).toMatchObject({ code: 'forbidden', field: 'changes.3.payload.deviceId' });
    expect(errorOf(smuggled).message).toMatch(/^changes\.3: record of device /);
    expect(await stored(device)).toBe(2);
  });

  it('rejects only the records for an event the device is not assigned to, writing none of them', async () => {
    const device = await f.t.enrol(f.eventId);
    const elsewhere = await f.t.createEvent(['encuesta-impacto-economico']);
    const foreign = change(2, surveyPayload({ ...device, eventId: elsewhere }));
    const result = acked(
      await push(device, [...surveyChanges(device, 1, 1), foreign, ...surveyChanges(device, 3, 1)]),
    );
    expect(result).toMatchObject({
      ackedThroughSeq: 3,
      rejected: [
        {
          seq: 2,
          id: foreign.id,
          code: 'event_not_assigned',
          message: `this kiosk is not assigned to event ${elsewhere}`,
        },
      ],
    });
    expect(await stored(device)).toBe(2);
  });

  it('a kiosk moved to another event still pushes what it recorded for the first', async () => {
    const device = await f.t.enrol(f.eventId);
    const next = await f.t.createEvent(['encuesta-impacto-economico']);
    const moved = await f.t.call('PUT', `/v1/devices/${device.deviceId}/assignment`, {
      token: await f.t.tokenFor('coordinator'),
      body: { eventId: next, offeredForms: [] },
    });
    expect(moved.status).toBe(200);
    const result = acked(
      await push(device, [
        change(1, surveyPayload(device)),
        change(2, surveyPayload({ ...device, eventId: next })),
      ]),
    );
    expect(result).toMatchObject({ ackedThroughSeq: 2, rejected: [] });
    expect(await f.t.count('submissions', { eventId: f.eventId })).toBeGreaterThan(0);
    expect(await f.t.count('submissions', { eventId: next })).toBe(1);
  });

  it('refuses malformed batches with 400 naming the field, writing nothing', async () => {
    const device = await f.t.enrol(f.eventId);
    const valid = surveyChanges(device, 1, 2);
    const cases: [unknown, string][] = [
      [{ deviceId: device.deviceId }, 'changes'],
      [{ deviceId: device.deviceId, changes: [{ ...valid[0], seq: 0 }] }, 'changes.0.seq'],
      [{ deviceId: device.deviceId, changes: [{ ...valid[0], kind: 'ticket' }] }, 'changes.0.kind'],
      [{ deviceId: device.deviceId, changes: [valid[1], valid[0]] }, 'changes'],
      [{ deviceId: device.deviceId, changes: valid, extra: true }, 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await f.t.call('POST', '/v1/sync/push', { token: device.token, body });
      expect(response.status, field).toBe(400);
      expect(errorOf(response)).toMatchObject({ code: 'invalid_input', field });
    }
    expect(await stored(device)).toBe(0);
    expect(await f.t.count('push_rejections', { deviceId: device.deviceId })).toBe(0);
  });

  it(`refuses more than ${MAX_PUSH_CHANGES} changes (400) and bodies over the size limit (413)`, async () => {
    const device = await f.t.enrol(f.eventId);
    const tooMany = await push(device, surveyChanges(device, 1, MAX_PUSH_CHANGES + 1));
    expect(tooMany.status).toBe(400);
    expect(errorOf(tooMany)).toMatchObject({ code: 'invalid_input', field: 'changes' });
    const fat = surveyChanges(device, 1, 300).map((c) => ({
      ...c,
      payload: { ...(c.payload as object), answers: { comentario: 'ñ'.repeat(10_000) } },
    }));
    const tooBig = await push(device, fat);
    expect(tooBig.status).toBe(413);
    expect(errorOf(tooBig).code).toBe('payload_too_large');
    expect(await stored(device)).toBe(0);
  });

  it('a full batch of the largest size goes through', async () => {
    const device = await f.t.enrol(f.eventId);
    const result = acked(await push(device, surveyChanges(device, 1, MAX_PUSH_CHANGES)));
    expect(result).toMatchObject({ ackedThroughSeq: MAX_PUSH_CHANGES, rejected: [] });
    expect(await stored(device)).toBe(MAX_PUSH_CHANGES);
  });

  it('two copies of a batch racing each other store every record once', async () => {
    const device = await f.t.enrol(f.eventId);
    const batch = surveyChanges(device, 1, 200);
    const results = await Promise.all([push(device, batch), push(device, batch), push(device, batch)]);
    for (const r of results) expect(acked(r)).toMatchObject({ ackedThroughSeq: 200, rejected: [] });
    expect(await stored(device)).toBe(200);
  });

  it('the same id pushed by two kiosks: the second is a conflict only if the content differs', async () => {
    const a = await f.t.enrol(f.eventId);
    const b = await f.t.enrol(f.eventId);
    const id = uuidv7();
    acked(await push(a, [change(1, surveyPayload(a, { id }))]));
    const result = acked(await push(b, [change(1, surveyPayload(b, { id }))]));
    expect(result.rejected.map((r) => r.code)).toEqual(['conflict']);
    expect(await f.t.count('submissions', { deviceId: b.deviceId })).toBe(0);
  });

  it('records the backlog the kiosk reports and when it last pushed', async () => {
    const device = await f.t.enrol(f.eventId);
    acked(await push(device, surveyChanges(device, 1, 5), { backlog: 120 }));
    const list = await f.t.call('GET', `/v1/devices?eventId=${f.eventId}`, {
      token: await f.t.tokenFor('coordinator'),
    });
    const row = DeviceListResponseSchema.parse(list.body).devices.find((d) => d.id === device.deviceId);
    expect(row).toMatchObject({
      ackedThroughSeq: 5,
      backlog: 120,
      appVersion: 'quiosco-test/1',
      protocolVersion: 1,
    });
    expect(row?.lastPushAt).not.toBeNull();
  });
});
