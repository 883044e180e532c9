// Photo uploads on SQLite and PostgreSQL: whole or in chunks, the part of a cut-off request kept
// and resumed after, verified by hash and image signature, refused with the exact error and
// nothing kept when wrong, and read back byte for byte by the roles and kiosks allowed to see them.
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiTokenRole } from '../shared/sync/admin-api';
import {
  AttachmentStatusListSchema,
  AttachmentStatusSchema,
  ErrorBodySchema,
  HEADERS,
  MAX_ATTACHMENT_CHUNK_BYTES,
  PROTOCOL_VERSION,
  PushResponseSchema,
} from '../shared/sync/protocol';
import { ATTACHMENT_SLICE_BYTES } from './attachments/attachment-intake';
import { chunkRows, storedPhotoBytes } from './testing/stored-photo';
import {
  createTestDatabase,
  DB_KINDS,
  heritagePayload,
  openServerForTest,
  SURVEY_FORM,
  type CallResult,
  type TestDevice,
  type TestServer,
} from './testing/test-server';

const MIB = 1024 * 1024;
const JPEG_SOI = [0xff, 0xd8, 0xff, 0xe0];
const JPEG_EOI = [0xff, 0xd9];

/** Bytes that read as a JPEG by their signature, random between. */
const fakeJpeg = (size: number): Buffer =>
  Buffer.concat([Buffer.from(JPEG_SOI), randomBytes(size - 6), Buffer.from(JPEG_EOI)]);
const nameOf = (bytes: Buffer, ext = 'jpg') => `${createHash('sha256').update(bytes).digest('hex')}.${ext}`;
const errorOf = (response: CallResult) => ErrorBodySchema.parse(response.body).error;

describe.each(DB_KINDS)('attachments on %s', (kind) => {
  let t: TestServer;
  let eventId: string;
  let kiosk: TestDevice;
  let seq = 0;

  beforeAll(async () => {
    t = await openServerForTest(kind);
    eventId = await t.createEvent(['encuesta-impacto-economico', 'patrimonio-inmaterial']);
    kiosk = await t.enrol(eventId, 'Tablet de campo');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Pushes a heritage record naming these photos, so they may be uploaded. */
  async function recordNaming(...names: string[]) {
    const payload = heritagePayload(kiosk, names);
    seq += 1;
    const response = await t.call('POST', '/v1/sync/push', {
      token: kiosk.token,
      body: { deviceId: kiosk.deviceId, changes: [{ seq, kind: 'submission', id: payload.id, payload }] },
    });
    expect(PushResponseSchema.parse(response.body).rejected).toEqual([]);
  }

  const put = (
    name: string,
    offset: number,
    size: number,
    bytes: Buffer,
    options: { token?: string; contentType?: string; server?: TestServer } = {},
  ) =>
    (options.server ?? t).call('PUT', `/v1/attachments/${name}/chunks?offset=${offset}&size=${size}`, {
      token: options.token ?? kiosk.token,
      rawBody: new Uint8Array(bytes),
      headers: { 'content-type': options.contentType ?? 'application/octet-stream' },
    });
  const status = async (name: string, device = kiosk) =>
    t.call('GET', `/v1/attachments/${name}/status`, { token: device.token });
  const stateOf = (response: CallResult) => {
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return AttachmentStatusSchema.parse(response.body);
  };

  /** Uploads `bytes` from `from` on in chunks of `chunk` bytes; answers the last status. */
  async function upload(name: string, bytes: Buffer, from = 0, chunk = MAX_ATTACHMENT_CHUNK_BYTES) {
    let last;
    for (let offset = from; offset < bytes.length; offset += chunk) {
      last = stateOf(await put(name, offset, bytes.length, bytes.subarray(offset, offset + chunk)));
    }
    return last;
  }

  async function download(name: string, token: string, server: TestServer = t) {
    const response = await fetch(new URL(`v1/attachments/${name}`, server.url), {
      headers: {
        [HEADERS.protocol]: String(PROTOCOL_VERSION),
        [HEADERS.app]: 'quiosco-test/1',
        authorization: `Bearer ${token}`,
      },
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, type: response.headers.get('content-type'), bytes };
  }

  /**
   * What the server holds of an attachment: its row, the bytes its storage holds, and its
   * attachment_chunks rows (PostgreSQL keeps the bytes there, one row per stored slice; SQLite
   * keeps them in files, none in the database).
   */
  async function kept(name: string) {
    const db = t.server.db.db;
    const row = await db.selectFrom('attachments').selectAll().where('name', '=', name).executeTakeFirst();
    const bytes = (await storedPhotoBytes(t.server.db, name)).length;
    return { row, bytes, chunks: await chunkRows(t.server.db, name) };
  }
  /** Slices stored as database rows: on PostgreSQL only. */
  const rows = (n: number) => (kind === 'postgres' ? n : 0);

  it('takes a photo in chunks, says how far it got, and gives back the same bytes', async () => {
    const bytes = fakeJpeg(Math.floor(2.5 * MIB));
    const name = nameOf(bytes);
    await recordNaming(name);
    expect(stateOf(await status(name))).toMatchObject({ name, received: 0, size: null, complete: false });
    const first = stateOf(await put(name, 0, bytes.length, bytes.subarray(0, MIB)));
    expect(first).toMatchObject({ received: MIB, size: bytes.length, complete: false });
    expect(stateOf(await status(name))).toMatchObject({ received: MIB, size: bytes.length, complete: false });
    expect(await upload(name, bytes, MIB)).toMatchObject({ received: bytes.length, complete: true });
    expect(stateOf(await status(name))).toMatchObject({
      received: bytes.length,
      size: bytes.length,
      complete: true,
    });
    expect(await kept(name)).toMatchObject({
      row: { mime: 'image/jpeg', size: bytes.length },
      bytes: bytes.length,
      chunks: rows(3),
    });

    const got = await download(name, await t.tokenFor('admin'));
    expect(got.status).toBe(200);
    expect(got.type).toBe('image/jpeg');
    expect(got.bytes.equals(bytes)).toBe(true);
    const byKiosk = await download(name, kiosk.token);
    expect(byKiosk.status).toBe(200);
    expect(byKiosk.bytes.equals(bytes)).toBe(true);
  });

  it('takes a whole photo in one request as one stored chunk, and a bigger one in slices', async () => {
    const bytes = fakeJpeg(Math.floor(2.5 * MIB));
    const name = nameOf(bytes);
    await recordNaming(name);
    expect(stateOf(await put(name, 0, bytes.length, bytes))).toMatchObject({
      received: bytes.length,
      complete: true,
    });
    expect(await kept(name)).toMatchObject({
      row: { size: bytes.length },
      bytes: bytes.length,
      chunks: rows(1),
    });
    expect((await download(name, await t.tokenFor('admin'))).bytes.equals(bytes)).toBe(true);

    const big = fakeJpeg(ATTACHMENT_SLICE_BYTES + MIB);
    const bigName = nameOf(big);
    await recordNaming(bigName);
    expect(stateOf(await put(bigName, 0, big.length, big))).toMatchObject({ complete: true });
    expect(await kept(bigName)).toMatchObject({ bytes: big.length, chunks: rows(2) });
    expect((await download(bigName, await t.tokenFor('admin'))).bytes.equals(big)).toBe(true);
  });

  it('keeps the part of a request that arrived before a cut, and resumes after it', async () => {
    const bytes = fakeJpeg(300_000);
    const name = nameOf(bytes);
    await recordNaming(name);
    const chunk = 100_000;
    stateOf(await put(name, 0, bytes.length, bytes.subarray(0, chunk)));
    // The rest of the photo in one request, cut after half of it arrived.
    await cutOff(name, chunk, bytes.length, bytes.subarray(chunk));
    await vi.waitFor(async () => expect(stateOf(await status(name)).received).toBe(2 * chunk), {
      timeout: 30_000,
    });
    const retry = await put(name, chunk, bytes.length, bytes.subarray(chunk));
    expect(retry.status).toBe(409);
    expect(errorOf(retry)).toMatchObject({ code: 'offset_mismatch', received: 2 * chunk });
    expect(stateOf(await put(name, 2 * chunk, bytes.length, bytes.subarray(2 * chunk)))).toMatchObject({
      complete: true,
    });
    expect(await kept(name)).toMatchObject({
      row: { received: bytes.length },
      bytes: bytes.length,
      chunks: rows(3),
    });
    expect((await download(name, await t.tokenFor('admin'))).bytes.equals(bytes)).toBe(true);
  });

  /** Sends half of a request's body, then drops the connection, as a network cut does. */
  async function cutOff(name: string, offset: number, size: number, chunk: Buffer) {
    await new Promise<void>((resolve) => {
      const request = httpRequest(
        new URL(`v1/attachments/${name}/chunks?offset=${offset}&size=${size}`, t.url),
        {
          method: 'PUT',
          headers: { ...rawHeaders(), 'content-length': String(chunk.length) },
        },
      );
      request.on('error', () => resolve());
      request.on('close', () => resolve());
      request.write(chunk.subarray(0, chunk.length / 2), () => request.destroy());
    });
  }

  const rawHeaders = () => ({
    [HEADERS.protocol]: String(PROTOCOL_VERSION),
    [HEADERS.app]: 'quiosco-test/1',
    authorization: `Bearer ${kiosk.token}`,
    'content-type': 'application/octet-stream',
  });

  /** A request whose body goes chunked (no content-length): its length is known only as it arrives. */
  async function putChunked(name: string, offset: number, size: number, body: Buffer) {
    return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const request = httpRequest(
        new URL(`v1/attachments/${name}/chunks?offset=${offset}&size=${size}`, t.url),
        { method: 'PUT', headers: rawHeaders() },
        (response) => {
          let text = '';
          response.setEncoding('utf8').on('data', (piece: string) => (text += piece));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  it('answers a chunk sent again with 409 offset_mismatch and the offset to go on from, storing it once', async () => {
    const bytes = fakeJpeg(2000);
    const name = nameOf(bytes);
    await recordNaming(name);
    stateOf(await put(name, 0, bytes.length, bytes.subarray(0, 1000)));
    const replay = await put(name, 0, bytes.length, bytes.subarray(0, 1000));
    expect(replay.status).toBe(409);
    expect(errorOf(replay)).toMatchObject({ code: 'offset_mismatch', received: 1000, field: 'offset' });
    expect(await kept(name)).toMatchObject({ row: { received: 1000 }, bytes: 1000, chunks: rows(1) });
    const ahead = await put(name, 1500, bytes.length, bytes.subarray(1500));
    expect(ahead.status).toBe(409);
    expect(errorOf(ahead)).toMatchObject({ code: 'offset_mismatch', received: 1000 });
    expect(await upload(name, bytes, 1000, 1000)).toMatchObject({ complete: true });
  });

  it('refuses a first chunk that does not start at 0, keeping nothing', async () => {
    const bytes = fakeJpeg(2000);
    const name = nameOf(bytes);
    await recordNaming(name);
    const response = await put(name, 1000, bytes.length, bytes.subarray(1000));
    expect(response.status).toBe(409);
    expect(errorOf(response)).toEqual({
      code: 'offset_mismatch',
      message: `The server holds 0 bytes of ${name}: send the chunk that starts at offset 0`,
      received: 0,
      field: 'offset',
    });
    expect(await kept(name)).toEqual({ row: undefined, bytes: 0, chunks: 0 });
  });

  it('discards a copy whose bytes do not hash to its name (422 hash_mismatch)', async () => {
    const bytes = fakeJpeg(3000);
    const name = nameOf(bytes);
    await recordNaming(name);
    const other = fakeJpeg(3000);
    stateOf(await put(name, 0, other.length, other.subarray(0, 2000)));
    const response = await put(name, 2000, other.length, other.subarray(2000));
    expect(response.status).toBe(422);
    expect(errorOf(response)).toMatchObject({ code: 'hash_mismatch', received: 0 });
    expect(errorOf(response).message).toContain(nameOf(other).slice(0, 64));
    expect(await kept(name)).toEqual({ row: undefined, bytes: 0, chunks: 0 });
    expect(stateOf(await status(name))).toMatchObject({ received: 0, size: null, complete: false });
    // Sent whole: hashed as it arrived, refused the same way.
    const whole = await put(name, 0, other.length, other);
    expect(whole.status).toBe(422);
    expect(errorOf(whole)).toEqual({
      code: 'hash_mismatch',
      message: `The bytes received hash to ${nameOf(other).slice(0, 64)}, not to the name ${name}: the copy was discarded; upload it again from offset 0`,
      received: 0,
    });
    expect(await kept(name)).toEqual({ row: undefined, bytes: 0, chunks: 0 });
    expect(await upload(name, bytes)).toMatchObject({ complete: true });
  });

  it('discards bytes that are not the image the name says (422 not_an_image)', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      randomBytes(100),
      Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
    ]);
    const text = Buffer.from('Esto no es una foto, es un texto cualquiera.');
    const cut = fakeJpeg(500).subarray(0, 400);
    for (const bytes of [text, png, cut]) {
      const name = nameOf(bytes, 'jpg');
      await recordNaming(name);
      const response = await put(name, 0, bytes.length, bytes);
      expect(response.status).toBe(422);
      expect(errorOf(response)).toEqual({
        code: 'not_an_image',
        message: `${name} is not a whole JPEG image (by its first and last bytes): the copy was discarded`,
        received: 0,
      });
      expect(await kept(name)).toEqual({ row: undefined, bytes: 0, chunks: 0 });
    }
    // The same PNG under its own type is fine.
    const pngName = nameOf(png, 'png');
    await recordNaming(pngName);
    expect(stateOf(await put(pngName, 0, png.length, png))).toMatchObject({ complete: true });
    const got = await download(pngName, await t.tokenFor('admin'));
    expect(got.type).toBe('image/png');
    expect(got.bytes.equals(png)).toBe(true);
  });

  it('refuses a photo announced over 20 MiB with 413 and a body that runs past its size as it arrives, keeping nothing', async () => {
    const bytes = fakeJpeg(MIB + 10);
    const name = nameOf(bytes);
    await recordNaming(name);
    const huge = await put(name, 0, 50_000_000, bytes.subarray(0, 1000));
    expect(huge.status).toBe(413);
    expect(errorOf(huge)).toEqual({
      code: 'payload_too_large',
      message: 'size: a photo may be at most 20 MiB; this one announces 50000000 bytes',
      field: 'size',
    });
    // No content-length to refuse it by: counted as it arrives, refused once it passes the size.
    const past = await putChunked(name, 0, 1000, bytes);
    expect(past.status).toBe(400);
    expect(errorOf({ status: past.status, body: past.body } as CallResult)).toEqual({
      code: 'invalid_input',
      message: expect.stringMatching(
        /^body: the chunk ends at byte \d+, past the announced size 1000$/,
      ) as unknown,
      field: 'body',
    });
    expect(await kept(name)).toEqual({ row: undefined, bytes: 0, chunks: 0 });
    expect(stateOf(await put(name, 0, bytes.length, bytes))).toMatchObject({ complete: true });
  });

  it('refuses other content types (415) and chunks past the announced size (400), keeping nothing', async () => {
    const bytes = fakeJpeg(2000);
    const name = nameOf(bytes);
    await recordNaming(name);
    const json = await put(name, 0, bytes.length, Buffer.from('{"a":1}'), {
      contentType: 'application/json',
    });
    expect(json.status).toBe(415);
    expect(errorOf(json)).toEqual({
      code: 'unsupported_media_type',
      message: 'Send attachment chunks as application/octet-stream',
    });
    const past = await put(name, 0, 1000, bytes);
    expect(past.status).toBe(400);
    expect(errorOf(past)).toEqual({
      code: 'invalid_input',
      message: 'body: the chunk ends at byte 2000, past the announced size 1000',
      field: 'body',
    });
    expect(await kept(name)).toEqual({ row: undefined, bytes: 0, chunks: 0 });
  });

  it('accepts uploads only of photos a stored record of the kiosk’s events names (404 otherwise)', async () => {
    const bytes = fakeJpeg(1000);
    const name = nameOf(bytes);
    const message = `no stored record names this attachment (${name}): push the record first`;
    const unnamed = await put(name, 0, bytes.length, bytes);
    expect(unnamed.status).toBe(404);
    expect(errorOf(unnamed)).toEqual({ code: 'not_found', message });
    expect(errorOf(await status(name))).toEqual({ code: 'not_found', message });
    // Named by a record of another event: still not this kiosk's to upload.
    await recordNaming(name);
    const stranger = await t.enrol(await t.createEvent(['patrimonio-inmaterial']), 'Otra feria');
    const foreign = await put(name, 0, bytes.length, bytes, { token: stranger.token });
    expect(foreign.status).toBe(404);
    expect(await kept(name)).toEqual({ row: undefined, bytes: 0, chunks: 0 });
    const badName = await put('foto.jpg', 0, bytes.length, bytes);
    expect(badName.status).toBe(400);
    expect(errorOf(badName)).toEqual({
      code: 'invalid_input',
      message: 'name: not an attachment name',
      field: 'name',
    });
  });

  it('answers a complete photo’s status to a chunk sent again, storing nothing', async () => {
    const bytes = fakeJpeg(1500);
    const name = nameOf(bytes);
    await recordNaming(name);
    await upload(name, bytes, 0, 1000);
    const before = await kept(name);
    const again = stateOf(await put(name, 0, bytes.length, bytes.subarray(0, 1000)));
    expect(again).toMatchObject({ received: bytes.length, size: bytes.length, complete: true });
    expect(stateOf(await put(name, 0, bytes.length, bytes))).toMatchObject({ complete: true });
    expect(await kept(name)).toEqual(before);
  });

  it('stores a photo sent whole twice at once (a retry racing the first try) once', async () => {
    const bytes = fakeJpeg(600_000);
    const name = nameOf(bytes);
    await recordNaming(name);
    const answers = await Promise.all([put(name, 0, bytes.length, bytes), put(name, 0, bytes.length, bytes)]);
    for (const answer of answers) expect(stateOf(answer)).toMatchObject({ complete: true });
    expect(await kept(name)).toMatchObject({
      row: { received: bytes.length },
      bytes: bytes.length,
      chunks: rows(1),
    });
    expect((await download(name, await t.tokenFor('admin'))).bytes.equals(bytes)).toBe(true);
  });

  it('answers where many photos stand in one exchange, only those the kiosk may upload', async () => {
    const [whole, part, untouched, unnamed] = [fakeJpeg(2000), fakeJpeg(3000), fakeJpeg(4000), fakeJpeg(500)];
    await recordNaming(nameOf(whole), nameOf(part), nameOf(untouched));
    await upload(nameOf(whole), whole);
    stateOf(await put(nameOf(part), 0, part.length, part.subarray(0, 1000)));
    const names = [untouched, unnamed, part, whole].map((b) => nameOf(b));
    const asked = (body: unknown, token = kiosk.token) =>
      t.call('POST', '/v1/attachments/status', { token, body });
    const answer = await asked({ names });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(AttachmentStatusListSchema.parse(answer.body).attachments).toEqual([
      { name: nameOf(untouched), received: 0, size: null, complete: false },
      { name: nameOf(part), received: 1000, size: part.length, complete: false },
      { name: nameOf(whole), received: whole.length, size: whole.length, complete: true },
    ]);
    // Another event's kiosk learns nothing of them.
    const stranger = await t.enrol(await t.createEvent(['patrimonio-inmaterial']), 'Otra feria');
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
    const incomplete = await download(name, await t.tokenFor('admin'));
    expect(incomplete.status).toBe(404);
    await upload(name, bytes);

    const allowed: Record<ApiTokenRole, number> = { admin: 200, statistician: 403, coordinator: 403 };
    for (const [role, code] of Object.entries(allowed) as [ApiTokenRole, number][]) {
      expect((await download(name, await t.tokenFor(role))).status, role).toBe(code);
    }
    const visitor = await t.enrol(eventId, 'Entrada');
    const assigned = await t.call('PUT', `/v1/devices/${visitor.deviceId}/assignment`, {
      token: await t.tokenFor('coordinator'),
      body: { eventId, offeredForms: [{ formId: SURVEY_FORM.formId, onIdle: 'discard' }] },
    });
    expect(assigned.status).toBe(200);
    const refused = await download(name, visitor.token);
    expect(refused.status).toBe(403);
    expect(ErrorBodySchema.parse(JSON.parse(refused.bytes.toString())).error).toEqual({
      code: 'forbidden',
      message:
        "A kiosk reads only the photos of its event's field records, and only if it offers a field form",
    });
    const elsewhere = await t.enrol(await t.createEvent(['patrimonio-inmaterial']), 'Otra feria');
    expect((await download(name, elsewhere.token)).status).toBe(403);
    expect((await download(name, 'qapi_nobody')).status).toBe(401);
  });

  it.runIf(kind === 'postgres')(
    'takes chunks and serves bytes through any server process on one database',
    async () => {
      const database = await createTestDatabase('postgres');
      const [a, b] = await Promise.all([
        openServerForTest(kind, { database: database.config }),
        openServerForTest(kind, { database: database.config }),
      ]);
      try {
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
      } finally {
        await Promise.all([a.close(), b.close()]);
        await database.drop();
      }
    },
  );
});
