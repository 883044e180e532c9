// What a push or a request body can do to the server (issue 12), on SQLite and PostgreSQL: a
// cloned kiosk is told so instead of losing its records; a record too deep or naming a prototype
// is refused alone; a body over the limit gets its 413 even from a slow sender; plain text is
// 415; ids are the same in any case. Bad input: the exact error, nothing written.
import { connect } from 'node:net';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { SubmissionListResponseSchema } from '../shared/sync/admin-api';
import {
  EnrolResponseSchema,
  ErrorBodySchema,
  HEADERS,
  MAX_BODY_BYTES,
  PROTOCOL_VERSION,
  PushResponseSchema,
  type PushChange,
} from '../shared/sync/protocol';
import { createEnrolCode } from './devices/devices-store';
import { DoorReplica } from './tickets/testing/door-replica';
import { serverForBlock } from './testing/block-server';
import { DB_KINDS, surveyChanges, surveyPayload, type TestDevice } from './testing/test-server';

const errorOf = (body: unknown) => ErrorBodySchema.parse(body).error;

describe.each(DB_KINDS)('push safety on %s', (kind) => {
  const f = serverForBlock(kind, ['encuesta-impacto-economico']);

  const push = (device: TestDevice, changes: readonly PushChange[]) =>
    f.t.call('POST', '/v1/sync/push', { token: device.token, body: { deviceId: device.deviceId, changes } });
  const acked = (response: { status: number; body: unknown }) => {
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return PushResponseSchema.parse(response.body);
  };
  const ackedSeq = async (device: TestDevice) => acked(await push(device, [])).ackedThroughSeq;
  const storedIds = async (device: TestDevice) =>
    (
      await f.t.server.db.db
        .selectFrom('submissions')
        .select('id')
        .where('device_id', '=', device.deviceId)
        .execute()
    ).map((r) => r.id);

  it('tells a cloned kiosk (other content under settled seqs) device_cloned, storing none of it', async () => {
    const original = await f.t.enrol(f.eventId);
    const first = surveyChanges(original, 1, 3);
    acked(await push(original, first));
    // The clone's own records 1–5 under the same id and token: 1–3 are no replays of the first's.
    const clone = surveyChanges(original, 1, 5);
    for (const batch of [clone, clone.slice(0, 3), clone.slice(1, 2)]) {
      const response = await push(original, batch);
      expect(response.status).toBe(409);
      expect(errorOf(response.body)).toMatchObject({ code: 'device_cloned', field: 'changes.0.seq' });
      expect(errorOf(response.body).message).toContain('new device id');
    }
    expect((await storedIds(original)).sort()).toEqual(first.map((c) => c.id).sort());
    expect(await ackedSeq(original)).toBe(3);
    expect(await f.t.count('push_rejections', { deviceId: original.deviceId })).toBe(0);
    // The original's own replay is still a replay, and it goes on where it was.
    expect(acked(await push(original, [...first, ...surveyChanges(original, 4, 1)])).ackedThroughSeq).toBe(4);
  });

  it('tells a cloned door the same for a scan under a settled seq', async () => {
    const door = new DoorReplica(f.t, await f.t.enrol(f.eventId, 'Puerta', 'door'));
    const gate = door.door('Norte');
    await gate.scan('TAQ-NO-EXISTE', new Date());
    acked(await door.push(door.outbox(gate.events)));
    const clone = new DoorReplica(f.t, door.device).door('Sur');
    await clone.scan('TAQ-OTRO', new Date());
    const response = await door.push(new DoorReplica(f.t, door.device).outbox(clone.events));
    expect(response.status).toBe(409);
    expect(errorOf(response.body).code).toBe('device_cloned');
    const scans = await f.t.server.db.db
      .selectFrom('scans')
      .select('id')
      .where('device_id', '=', door.device.deviceId)
      .execute();
    expect(scans.map((r) => r.id)).toEqual(gate.events.map((e) => e.id));
    expect(await ackedSeq(door.device)).toBe(1);
  });

  it('refuses a record nested 5,000 deep or naming a prototype alone; the rest of the batch is stored', async () => {
    const device = await f.t.enrol(f.eventId);
    const [deep, proto, ctor, good] = surveyChanges(device, 1, 4) as [
      PushChange,
      PushChange,
      PushChange,
      PushChange,
    ];
    const text = (c: PushChange, extra: string) =>
      JSON.stringify(c).replace('"answers":{', `"answers":{${extra},`);
    const body = `{"deviceId":"${device.deviceId}","changes":[${[
      text(deep, `"hondo":${'['.repeat(5000)}${']'.repeat(5000)}`),
      text(proto, '"__proto__":{"polluted":"yes"}'),
      text(ctor, '"constructor":{"prototype":{"polluted":"yes"}}'),
      JSON.stringify(good),
    ].join(',')}]}`;
    const response = await f.t.call('POST', '/v1/sync/push', { token: device.token, rawBody: body });
    const result = acked(response);
    expect(result.ackedThroughSeq).toBe(4);
    expect(result.rejected).toEqual([
      { seq: 1, id: deep.id, code: 'invalid', message: expect.stringContaining('nested deeper than 64') },
      {
        seq: 2,
        id: proto.id,
        code: 'invalid',
        message: expect.stringContaining('payload.answers.__proto__'),
      },
      { seq: 3, id: ctor.id, code: 'invalid', message: expect.stringContaining('answers.constructor') },
    ]);
    expect(await storedIds(device)).toEqual([good.id]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  /** Sends a body of `size` bytes over a raw socket, slowly, and reads whatever comes back. */
  const slowUpload = (device: TestDevice, size: number, chunked: boolean) =>
    new Promise<{ answer: string; error: string | undefined }>((resolve) => {
      const url = new URL(f.t.url);
      // Like a kiosk's HTTP client, it goes on sending the body whatever the server has said.
      const socket = connect({ port: Number(url.port), host: url.hostname, allowHalfOpen: true });
      let answer = '';
      let error: string | undefined;
      socket.on('data', (data) => (answer += data.toString('latin1')));
      socket.on('error', (e) => (error = e.message));
      socket.on('close', () => resolve({ answer, error }));
      socket.on('connect', async () => {
        socket.write(
          [
            'POST /v1/sync/push HTTP/1.1',
            `host: ${url.host}`,
            'content-type: application/json',
            `authorization: Bearer ${device.token}`,
            `${HEADERS.protocol}: ${PROTOCOL_VERSION}`,
            `${HEADERS.app}: quiosco-test/1`,
            chunked ? 'transfer-encoding: chunked' : `content-length: ${size}`,
            '',
            '',
          ].join('\r\n'),
        );
        const piece = Buffer.alloc(64 * 1024, 0x20);
        for (let sent = 0; sent < size && error === undefined; sent += piece.length) {
          // Slow by construction: each piece only after the last one has left for the kernel.
          await new Promise<void>((resolve) =>
            socket.write(
              chunked ? Buffer.concat([Buffer.from('10000\r\n'), piece, Buffer.from('\r\n')]) : piece,
              () => resolve(),
            ),
          );
        }
        if (error !== undefined) return;
        if (chunked) socket.write('0\r\n\r\n');
        socket.end();
      });
    });

  it.each([false, true])(
    'answers 413 to a slow sender of a body over 5 MiB, every time (chunked: %s)',
    async (chunked) => {
      const device = await f.t.enrol(f.eventId);
      for (let i = 0; i < 3; i++) {
        const { answer, error } = await slowUpload(device, MAX_BODY_BYTES + 1024 * 1024, chunked);
        expect(error).toBeUndefined();
        expect(answer).toMatch(/^HTTP\/1\.1 413 /);
        expect(answer).toContain('"code":"payload_too_large"');
      }
      expect(await f.t.count('submissions', { deviceId: device.deviceId })).toBe(0);
    },
  );

  it('answers 415 unsupported_media_type to a text/plain body, writing nothing', async () => {
    const device = await f.t.enrol(f.eventId);
    const response = await f.t.call('POST', '/v1/sync/push', {
      token: device.token,
      rawBody: JSON.stringify({ deviceId: device.deviceId, changes: surveyChanges(device, 1, 1) }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(415);
    expect(errorOf(response.body).code).toBe('unsupported_media_type');
    expect(await ackedSeq(device)).toBe(0);
  });

  it('reads ids in any case as the same id: an upper-case copy is a retry, not a second record', async () => {
    const code = (await createEnrolCode(f.t.server.db, { eventId: f.eventId })).code;
    const upperId = uuidv7().toUpperCase();
    const enrolled = await f.t.call('POST', '/v1/enrol', {
      body: { code, deviceId: upperId, deviceName: 'K' },
    });
    const { deviceId, deviceToken } = EnrolResponseSchema.parse(enrolled.body);
    expect(deviceId).toBe(upperId.toLowerCase());
    const device = { deviceId, token: deviceToken, eventId: f.eventId };
    const payload = surveyPayload(device);
    const upper = { ...payload, id: payload.id.toUpperCase(), deviceId: upperId };
    const shouting = {
      deviceId: upperId,
      changes: [{ seq: 1, kind: 'submission', id: upper.id, payload: upper }],
    };
    acked(await f.t.call('POST', '/v1/sync/push', { token: deviceToken, body: shouting }));
    const again = acked(await push(device, [{ seq: 2, kind: 'submission', id: payload.id, payload }]));
    expect(again).toMatchObject({ ackedThroughSeq: 2, rejected: [] });
    expect(await storedIds(device)).toEqual([payload.id]);
    const listed = SubmissionListResponseSchema.parse(
      (await f.t.call('GET', `/v1/submissions?eventId=${f.eventId}`, { token: await f.t.tokenFor('admin') }))
        .body,
    ).submissions.filter((s) => s.deviceId === deviceId);
    expect(listed.map((s) => [s.id, s.payload.id, s.payload.deviceId])).toEqual([
      [payload.id, payload.id, deviceId],
    ]);
  });
});
