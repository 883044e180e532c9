// Where many photos stand in one exchange, who may download a photo, and several server processes
// on one PostgreSQL taking and serving the same photo.
import { describe, expect, it } from 'vitest';
import type { ApiTokenRole } from '../shared/sync/admin-api';
import { AttachmentStatusListSchema, AttachmentStatusSchema, ErrorBodySchema } from '../shared/sync/protocol';
import { attachmentsOnServer, errorOf, fakeJpeg, nameOf } from './testing/attachment-uploads';
import { withTwoServersOnOnePostgres } from './testing/servers-on-one-database';
import { DB_KINDS, heritagePayload, SURVEY_FORM, type TestServer } from './testing/test-server';

describe.each(DB_KINDS)('attachment status and access on %s', (kind) => {
  const f = attachmentsOnServer(kind);
  const { recordNaming, put, stateOf, upload, download } = f;

  it('answers where many photos stand in one exchange, only those the kiosk may upload', async () => {
    const [whole, part, untouched, unnamed] = [fakeJpeg(2000), fakeJpeg(3000), fakeJpeg(4000), fakeJpeg(500)];
    await recordNaming(nameOf(whole), nameOf(part), nameOf(untouched));
    await upload(nameOf(whole), whole);
    stateOf(await put(nameOf(part), 0, part.length, part.subarray(0, 1000)));
    const names = [untouched, unnamed, part, whole].map((b) => nameOf(b));
    const asked = (body: unknown, token = f.kiosk.token) =>
      f.t.call('POST', '/v1/attachments/status', { token, body });
    const answer = await asked({ names });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(AttachmentStatusListSchema.parse(answer.body).attachments).toEqual([
      { name: nameOf(untouched), received: 0, size: null, complete: false },
      { name: nameOf(part), received: 1000, size: part.length, complete: false },
      { name: nameOf(whole), received: whole.length, size: whole.length, complete: true },
    ]);
    // Another event's kiosk learns nothing of them.
    const stranger = await f.t.enrol(await f.t.createEvent(['patrimonio-inmaterial']), 'Otra feria');
    const foreign = await asked({ names }, stranger.token);
    expect(AttachmentStatusListSchema.parse(foreign.body).attachments).toEqual([]);
    const bad = await asked({ names: ['foto.jpg'] });
    expect(bad.status).toBe(400);
    expect(errorOf(bad)).toMatchObject({ code: 'invalid_input', field: 'names.0' });
    const many = await asked({ names: Array.from({ length: 501 }, () => nameOf(whole)) });
    expect(many.status).toBe(400);
    expect(errorOf(many)).toMatchObject({ code: 'invalid_input', field: 'names' });
    expect((await asked({ names }, 'qapi_nobody')).status).toBe(401);
  });

  it('shows a photo to roles allowed personal data and to kiosks that pull the event’s field records', async () => {
    const bytes = fakeJpeg(4000);
    const name = nameOf(bytes);
    await recordNaming(name);
    const incomplete = await download(name, await f.t.tokenFor('admin'));
    expect(incomplete.status).toBe(404);
    await upload(name, bytes);

    const allowed: Record<ApiTokenRole, number> = { admin: 200, statistician: 403, coordinator: 403 };
    for (const [role, code] of Object.entries(allowed) as [ApiTokenRole, number][]) {
      expect((await download(name, await f.t.tokenFor(role))).status, role).toBe(code);
    }
    const visitor = await f.t.enrol(f.eventId, 'Entrada');
    const assigned = await f.t.call('PUT', `/v1/devices/${visitor.deviceId}/assignment`, {
      token: await f.t.tokenFor('coordinator'),
      body: { eventId: f.eventId, offeredForms: [{ formId: SURVEY_FORM.formId, onIdle: 'discard' }] },
    });
    expect(assigned.status).toBe(200);
    const refused = await download(name, visitor.token);
    expect(refused.status).toBe(403);
    expect(ErrorBodySchema.parse(JSON.parse(refused.bytes.toString())).error).toEqual({
      code: 'forbidden',
      message:
        "A kiosk reads only the photos of its event's field records, and only if it offers a field form",
    });
    const elsewhere = await f.t.enrol(await f.t.createEvent(['patrimonio-inmaterial']), 'Otra feria');
    expect((await download(name, elsewhere.token)).status).toBe(403);
    expect((await download(name, 'qapi_nobody')).status).toBe(401);
  });

  it.runIf(kind === 'postgres')(
    'takes chunks and serves bytes through any server process on one database',
    () =>
      withTwoServersOnOnePostgres(async (a, b) => {
        const event = await a.createEvent(['patrimonio-inmaterial']);
        const device = await a.enrol(event);
        const bytes = fakeJpeg(3000);
        const name = nameOf(bytes);
        const payload = heritagePayload(device, [name]);
        await b.call('POST', '/v1/sync/push', {
          token: device.token,
          body: {
            deviceId: device.deviceId,
            changes: [{ seq: 1, kind: 'submission', id: payload.id, payload }],
          },
        });
        const upTo = (server: TestServer, offset: number, end: number) =>
          server.call('PUT', `/v1/attachments/${name}/chunks?offset=${offset}&size=${bytes.length}`, {
            token: device.token,
            rawBody: new Uint8Array(bytes.subarray(offset, end)),
            headers: { 'content-type': 'application/octet-stream' },
          });
        expect((await upTo(a, 0, 1000)).status).toBe(200);
        expect(AttachmentStatusSchema.parse((await upTo(b, 1000, 3000)).body).complete).toBe(true);
        const got = await download(name, await a.tokenFor('admin'), a);
        expect(got.bytes.equals(bytes)).toBe(true);
      }),
  );
});
