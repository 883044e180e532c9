// Recordings and documents reach the server as photos do (SQLite and PostgreSQL): an audio answer's
// WebM and a file answer's text are stored byte for byte under their hash and served as downloads
// (their type, `attachment`, `nosniff`); bytes that are not what their name says are discarded
// with the exact error.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAND_MADE_PDF, recording, WINDOWS_PROGRAM } from '../shared/sync/node/media-fixtures';
import { ErrorBodySchema, HEADERS, PROTOCOL_VERSION, PushResponseSchema } from '../shared/sync/protocol';
import { addForm, readFormSheets } from './events/events-store';
import { column, csvTable, exportBuffer } from './exports/testing/read-back';
import { readZip } from './exports/testing/read-zip';
import {
  DB_KINDS,
  openServerForTest,
  surveyPayload,
  type TestDevice,
  type TestServer,
} from './testing/test-server';

const FORM = {
  survey: [
    'type,name,label',
    'text,practica,Práctica',
    'audio,testimonio,Testimonio grabado',
    'video,danza,Video de la danza',
    'file,documento,Documento',
  ].join('\n'),
  choices: '',
  settings: 'form_id,version,form_title,kind\nmedios_patrimonio,1,Medios,heritage',
};
const nameOf = (bytes: Buffer, extension: string) =>
  `${createHash('sha256').update(bytes).digest('hex')}.${extension}`;

describe.each(DB_KINDS)('recordings and documents on %s', (kind) => {
  let t: TestServer;
  let eventId: string;
  let kiosk: TestDevice;
  let seq = 0;

  beforeAll(async () => {
    t = await openServerForTest(kind);
    eventId = await t.createEvent();
    await addForm(t.server.db, eventId, readFormSheets(FORM));
    kiosk = await t.enrol(eventId, 'Tablet de campo');
  });
  afterAll(async () => {
    await t?.close();
  });

  async function recordNaming(answers: Record<string, string>) {
    const payload = surveyPayload(kiosk, { formId: 'medios_patrimonio', formVersion: '1', answers });
    seq += 1;
    const response = await t.call('POST', '/v1/sync/push', {
      token: kiosk.token,
      body: { deviceId: kiosk.deviceId, changes: [{ seq, kind: 'submission', id: payload.id, payload }] },
    });
    expect(PushResponseSchema.parse(response.body).rejected).toEqual([]);
  }
  const put = (name: string, bytes: Buffer) =>
    t.call('PUT', `/v1/attachments/${name}/chunks?offset=0&size=${bytes.length}`, {
      token: kiosk.token,
      rawBody: new Uint8Array(bytes),
      headers: { 'content-type': 'application/octet-stream' },
    });
  async function download(name: string) {
    const response = await fetch(new URL(`v1/attachments/${name}`, t.url), {
      headers: {
        [HEADERS.protocol]: String(PROTOCOL_VERSION),
        [HEADERS.app]: 'quiosco-test/1',
        authorization: `Bearer ${await t.tokenFor('admin')}`,
      },
    });
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  it('stores an audio answer, a video answer and a file answer byte for byte, served as downloads', async () => {
    const tone = recording('tone.webm');
    const video = recording('picture.mp4');
    // Text that a browser would render as a page if it were sniffed.
    const page = Buffer.from('<html><script>alert(1)</script></html>\n');
    const names = {
      testimonio: nameOf(tone, 'weba'),
      danza: nameOf(video, 'mp4'),
      documento: nameOf(page, 'txt'),
    };
    await recordNaming({ practica: 'Danza de los Huehues', ...names });
    for (const [name, bytes, type] of [
      [names.testimonio, tone, 'audio/webm'],
      [names.danza, video, 'video/mp4'],
      [names.documento, page, 'text/plain'],
    ] as const) {
      const stored = await put(name, bytes);
      expect(stored.status, JSON.stringify(stored.body)).toBe(200);
      expect(stored.body).toMatchObject({ complete: true, received: bytes.length });
      const got = await download(name);
      expect(got.response.status).toBe(200);
      expect(createHash('sha256').update(got.bytes).digest('hex')).toBe(name.slice(0, 64));
      expect(
        Object.fromEntries(
          ['content-type', 'content-disposition', 'x-content-type-options'].map((h) => [
            h,
            got.response.headers.get(h),
          ]),
        ),
      ).toEqual({
        'content-type': type,
        'content-disposition': `attachment; filename="${name}"`,
        'x-content-type-options': 'nosniff',
      });
    }
  });

  it('discards a program named as a sound recording, and a PDF cut short, with the exact error', async () => {
    const cut = HAND_MADE_PDF.subarray(0, 80);
    const program = nameOf(WINDOWS_PROGRAM, 'weba');
    const pdf = nameOf(cut, 'pdf');
    await recordNaming({ practica: 'Otra', testimonio: program, documento: pdf });
    for (const [name, bytes, why] of [
      [program, WINDOWS_PROGRAM, 'its first bytes are not its type'],
      [pdf, cut, 'no %%EOF at the end'],
    ] as const) {
      const response = await put(name, bytes);
      expect(response.status).toBe(422);
      const type = name.endsWith('.pdf') ? 'application/pdf' : 'audio/webm';
      expect(ErrorBodySchema.parse(response.body).error).toEqual({
        code: 'not_an_image',
        message: `${name} is not a whole ${type} file (${why}): the copy was discarded`,
        received: 0,
      });
      expect((await download(name)).response.status).toBe(404);
    }
  });

  it('refuses an attachment announced over its type limit before reading it (413), keeping nothing', async () => {
    const tone = recording('tone.webm');
    const pdf = nameOf(Buffer.from('%PDF-1.4 grande'), 'pdf');
    // Not yet stored: its name from other bytes than the recordings above.
    const audio = nameOf(Buffer.from('una grabación larga'), 'weba');
    await recordNaming({ practica: 'Grande', testimonio: audio, documento: pdf });
    for (const [name, size, message] of [
      [
        audio,
        50 * 1024 * 1024 + 1,
        `size: a sound recording may be at most 50 MiB; this one announces ${50 * 1024 * 1024 + 1} bytes`,
      ],
      [
        pdf,
        20 * 1024 * 1024 + 1,
        `size: a file may be at most 20 MiB; this one announces ${20 * 1024 * 1024 + 1} bytes`,
      ],
    ] as const) {
      const response = await t.call('PUT', `/v1/attachments/${name}/chunks?offset=0&size=${size}`, {
        token: kiosk.token,
        rawBody: new Uint8Array(tone),
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect(response.status).toBe(413);
      expect(ErrorBodySchema.parse(response.body).error).toMatchObject({
        code: 'payload_too_large',
        message,
      });
      expect((await download(name)).response.status).toBe(404);
    }
  });

  it('a ZIP export holds the recordings and the document in media/, their columns the relative paths', async () => {
    const zip = readZip(
      (await exportBuffer(t.server.db, 'medios_patrimonio', { format: 'zip', event: eventId })).bytes,
    );
    const table = csvTable(zip.get('medios_patrimonio.csv') as Buffer);
    const row = column(table, 'practica').indexOf('Danza de los Huehues');
    for (const question of ['testimonio', 'danza', 'documento']) {
      const path = String(column(table, question)[row]);
      expect(path).toMatch(/^media\/[0-9a-f]{64}\.(weba|mp4|txt)$/);
      const bytes = zip.get(path);
      expect(bytes && createHash('sha256').update(bytes).digest('hex')).toBe(path.slice(6, 70));
    }
    // Voices and videos can identify people: an anonymised export leaves the columns out.
    const anonymised = await exportBuffer(
      t.server.db,
      'medios_patrimonio',
      { format: 'csv', event: eventId },
      { anonymised: true },
    );
    expect(csvTable(anonymised.bytes).header).not.toContain('testimonio');
  });
});
