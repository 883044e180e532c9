// The photo-upload tests' server and client: a server on a database kind for a describe block
// with an event and an enrolled field kiosk, and the calls those tests make (push a record naming
// photos, PUT chunks, read status, download, and what the server keeps of a photo).
import { createHash, randomBytes } from 'node:crypto';
import { beforeAll, expect } from 'vitest';
import {
  AttachmentStatusSchema,
  ErrorBodySchema,
  HEADERS,
  MAX_ATTACHMENT_CHUNK_BYTES,
  PROTOCOL_VERSION,
  PushResponseSchema,
} from '../../shared/sync/protocol';
import type { DatabaseKind } from '../db/schema';
import { serverForBlock } from './block-server';
import { chunkRows, storedPhotoBytes } from './stored-photo';
import { heritagePayload, type CallResult, type TestDevice, type TestServer } from './test-server';

const JPEG_SOI = [0xff, 0xd8, 0xff, 0xe0];
const JPEG_EOI = [0xff, 0xd9];

/** Bytes that read as a JPEG by their signature, random between. */
export const fakeJpeg = (size: number): Buffer =>
  Buffer.concat([Buffer.from(JPEG_SOI), randomBytes(size - 6), Buffer.from(JPEG_EOI)]);
export const nameOf = (bytes: Buffer, ext = 'jpg') =>
  `${createHash('sha256').update(bytes).digest('hex')}.${ext}`;
export const errorOf = (response: CallResult) => ErrorBodySchema.parse(response.body).error;

export function attachmentsOnServer(kind: DatabaseKind) {
  const block = serverForBlock(kind, ['encuesta-impacto-economico', 'patrimonio-inmaterial']);
  let kiosk: TestDevice | undefined;
  let seq = 0;

  // After the block's server has opened: beforeAll hooks run in the order they were added.
  beforeAll(async () => {
    kiosk = await block.t.enrol(block.eventId, 'Tablet de campo');
  });
  const enrolled = (): TestDevice => {
    if (kiosk === undefined) throw new Error('the kiosk is enrolled in the block’s beforeAll');
    return kiosk;
  };

  /** Pushes a heritage record naming these photos, so they may be uploaded. */
  async function recordNaming(...names: string[]) {
    const payload = heritagePayload(enrolled(), names);
    seq += 1;
    const response = await block.t.call('POST', '/v1/sync/push', {
      token: enrolled().token,
      body: {
        deviceId: enrolled().deviceId,
        changes: [{ seq, kind: 'submission', id: payload.id, payload }],
      },
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
    (options.server ?? block.t).call('PUT', `/v1/attachments/${name}/chunks?offset=${offset}&size=${size}`, {
      token: options.token ?? enrolled().token,
      rawBody: new Uint8Array(bytes),
      headers: { 'content-type': options.contentType ?? 'application/octet-stream' },
    });
  const status = async (name: string, device = enrolled()) =>
    block.t.call('GET', `/v1/attachments/${name}/status`, { token: device.token });
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

  async function download(name: string, token: string, server: TestServer = block.t) {
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
    const s = block.t.server.db;
    const row = await s.db.selectFrom('attachments').selectAll().where('name', '=', name).executeTakeFirst();
    const bytes = (await storedPhotoBytes(s, name)).length;
    return { row, bytes, chunks: await chunkRows(s, name) };
  }
  /** Slices stored as database rows: on PostgreSQL only. */
  const rows = (n: number) => (kind === 'postgres' ? n : 0);

  return {
    /** The block's server, open from its beforeAll on. */
    get t() {
      return block.t;
    },
    /** The field kiosk enrolled in the block's event. */
    get kiosk() {
      return enrolled();
    },
    get eventId() {
      return block.eventId;
    },
    recordNaming,
    put,
    status,
    stateOf,
    upload,
    download,
    kept,
    rows,
  };
}
