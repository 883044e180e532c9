// Photo uploads on SQLite and PostgreSQL: whole or in chunks, the part of a cut-off request kept
// and resumed after, verified by hash and image signature, refused with the exact error and
// nothing kept when wrong. Status lists and who may read a photo: attachments-access.test.ts.
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { HEADERS, PROTOCOL_VERSION } from '../shared/sync/protocol';
import { ATTACHMENT_SLICE_BYTES } from './attachments/attachment-intake';
import { attachmentsOnServer, errorOf, fakeJpeg, nameOf } from './testing/attachment-uploads';
import { DB_KINDS, type CallResult } from './testing/test-server';

const MIB = 1024 * 1024;

describe.each(DB_KINDS)('attachments on %s', (kind) => {
  const f = attachmentsOnServer(kind);
  const { recordNaming, put, status, stateOf, upload, download, kept, rows } = f;

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

    const got = await download(name, await f.t.tokenFor('admin'));
    expect(got.status).toBe(200);
    expect(got.type).toBe('image/jpeg');
    expect(got.bytes.equals(bytes)).toBe(true);
    const byKiosk = await download(name, f.kiosk.token);
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
    expect((await download(name, await f.t.tokenFor('admin'))).bytes.equals(bytes)).toBe(true);

    const big = fakeJpeg(ATTACHMENT_SLICE_BYTES + MIB);
    const bigName = nameOf(big);
    await recordNaming(bigName);
    expect(stateOf(await put(bigName, 0, big.length, big))).toMatchObject({ complete: true });
    expect(await kept(bigName)).toMatchObject({ bytes: big.length, chunks: rows(2) });
    expect((await download(bigName, await f.t.tokenFor('admin'))).bytes.equals(big)).toBe(true);
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
    expect((await download(name, await f.t.tokenFor('admin'))).bytes.equals(bytes)).toBe(true);
  });

  /** Sends half of a request's body, then drops the connection, as a network cut does. */
  async function cutOff(name: string, offset: number, size: number, chunk: Buffer) {
    await new Promise<void>((resolve) => {
      const request = httpRequest(
        new URL(`v1/attachments/${name}/chunks?offset=${offset}&size=${size}`, f.t.url),
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
    authorization: `Bearer ${f.kiosk.token}`,
    'content-type': 'application/octet-stream',
  });

  /** A request whose body goes chunked (no content-length): its length is known only as it arrives. */
  async function putChunked(name: string, offset: number, size: number, body: Buffer) {
    return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const request = httpRequest(
        new URL(`v1/attachments/${name}/chunks?offset=${offset}&size=${size}`, f.t.url),
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
    const got = await download(pngName, await f.t.tokenFor('admin'));
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
    const stranger = await f.t.enrol(await f.t.createEvent(['patrimonio-inmaterial']), 'Otra feria');
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
    expect((await download(name, await f.t.tokenFor('admin'))).bytes.equals(bytes)).toBe(true);
  });
});
