// Field records at push and pull, on SQLite and PostgreSQL: revisions stored with their parents,
// current flags as the parents say (edits, conflicts, merges, a child before its parent), the
// photos each revision names, and the records stream only for kiosks that run a field form.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ErrorBodySchema,
  PullResponseSchema,
  PushResponseSchema,
  type PullStream,
  type SubmissionPayload,
} from '../shared/sync/protocol';
import {
  DB_KINDS,
  heritagePayload,
  openServerForTest,
  SURVEY_FORM,
  surveyPayload,
  type TestDevice,
  type TestServer,
} from './testing/test-server';

const photoName = (seed: string) => `${createHash('sha256').update(seed).digest('hex')}.jpg`;

describe.each(DB_KINDS)('field records on %s', (kind) => {
  let t: TestServer;
  let eventId: string;
  let fieldKiosk: TestDevice;
  let otherFieldKiosk: TestDevice;
  let visitorKiosk: TestDevice;
  const nextSeq = new Map<string, number>();

  beforeAll(async () => {
    t = await openServerForTest(kind);
    eventId = await t.createEvent(['encuesta-impacto-economico', 'patrimonio-inmaterial']);
    // A new kiosk offers every form of its event, the heritage form among them.
    fieldKiosk = await t.enrol(eventId, 'Tablet A');
    otherFieldKiosk = await t.enrol(eventId, 'Tablet B');
    visitorKiosk = await t.enrol(eventId, 'Entrada');
    await assign(visitorKiosk, [{ formId: SURVEY_FORM.formId, onIdle: 'discard' }]);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function assign(device: TestDevice, offeredForms: unknown[], event = eventId) {
    const response = await t.call('PUT', `/v1/devices/${device.deviceId}/assignment`, {
      token: await t.tokenFor('coordinator'),
      body: { eventId: event, offeredForms },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  }

  async function push(device: TestDevice, ...payloads: SubmissionPayload[]) {
    const from = nextSeq.get(device.deviceId) ?? 1;
    nextSeq.set(device.deviceId, from + payloads.length);
    const changes = payloads.map((payload, i) => ({
      seq: from + i,
      kind: 'submission',
      id: payload.id,
      payload,
    }));
    const response = await t.call('POST', '/v1/sync/push', {
      token: device.token,
      body: { deviceId: device.deviceId, changes },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return PushResponseSchema.parse(response.body);
  }

  const pull = (device: TestDevice, stream: PullStream, cursor = 0) =>
    t.call('GET', `/v1/sync/pull?stream=${stream}&cursor=${cursor}&limit=1000`, { token: device.token });

  /** id → current, for every stored revision of the record. */
  async function currentFlags(recordId: string) {
    const rows = await t.server.db.db
      .selectFrom('submissions')
      .select(['id', 'current'])
      .where('record_id', '=', recordId)
      .execute();
    return Object.fromEntries(rows.map((r) => [r.id, r.current]));
  }

  const edit = (device: TestDevice, recordId: string, parents: SubmissionPayload[], revision: number) =>
    heritagePayload(device, [], { recordId, parents: parents.map((p) => p.id), revision, editedBy: 'Luis' });

  it('stores an edit with its revision fields and makes its parent not current', async () => {
    const first = heritagePayload(fieldKiosk);
    const second = edit(fieldKiosk, first.id, [first], 2);
    expect(await push(fieldKiosk, first)).toMatchObject({ rejected: [] });
    expect(await currentFlags(first.id)).toEqual({ [first.id]: 1 });
    expect(await push(fieldKiosk, second)).toMatchObject({ rejected: [] });
    expect(await currentFlags(first.id)).toEqual({ [first.id]: 0, [second.id]: 1 });
    const row = await t.server.db.db
      .selectFrom('submissions')
      .select(['record_id', 'revision', 'parents', 'edited_by'])
      .where('id', '=', second.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      record_id: first.id,
      revision: 2,
      parents: JSON.stringify([first.id]),
      edited_by: 'Luis',
    });
  });

  it('keeps two edits of one base as two current revisions (a conflict) until a merge names both', async () => {
    const base = heritagePayload(fieldKiosk);
    await push(fieldKiosk, base);
    const a = edit(fieldKiosk, base.id, [base], 2);
    const b = edit(otherFieldKiosk, base.id, [base], 2);
    await push(fieldKiosk, a);
    await push(otherFieldKiosk, b);
    expect(await currentFlags(base.id)).toEqual({ [base.id]: 0, [a.id]: 1, [b.id]: 1 });
    const merge = edit(otherFieldKiosk, base.id, [a, b], 3);
    await push(otherFieldKiosk, merge);
    expect(await currentFlags(base.id)).toEqual({ [base.id]: 0, [a.id]: 0, [b.id]: 0, [merge.id]: 1 });
  });

  it('stores a revision that arrives after its child as not current, in one batch or two', async () => {
    const first = heritagePayload(otherFieldKiosk);
    const second = edit(fieldKiosk, first.id, [first], 2);
    const third = edit(fieldKiosk, first.id, [second], 3);
    await push(fieldKiosk, third);
    expect(await currentFlags(first.id)).toEqual({ [third.id]: 1 });
    await push(fieldKiosk, second);
    await push(otherFieldKiosk, first);
    expect(await currentFlags(first.id)).toEqual({ [first.id]: 0, [second.id]: 0, [third.id]: 1 });

    const base = heritagePayload(fieldKiosk);
    const child = edit(fieldKiosk, base.id, [base], 2);
    await push(fieldKiosk, child, base);
    expect(await currentFlags(base.id)).toEqual({ [base.id]: 0, [child.id]: 1 });
  });

  it('refuses a revision id sent again with other content and leaves the flags alone', async () => {
    const first = heritagePayload(fieldKiosk);
    const second = edit(fieldKiosk, first.id, [first], 2);
    await push(fieldKiosk, first, second);
    const changed = { ...first, answers: { ...first.answers, comunidad: 'Otra' } };
    const changesBefore = await t.count('changes', { eventId });
    const result = await push(fieldKiosk, changed, second);
    expect(result.rejected).toEqual([expect.objectContaining({ id: first.id, code: 'conflict' })]);
    expect(await currentFlags(first.id)).toEqual({ [first.id]: 0, [second.id]: 1 });
    expect(await t.count('changes', { eventId })).toBe(changesBefore);
  });

  it('notes the photos each revision names, inside the repeat, and nothing that is not an attachment name', async () => {
    const photos = [photoName('a'), photoName('b')];
    const record = heritagePayload(fieldKiosk, [...photos, 'IMG_0001.jpg']);
    await push(fieldKiosk, record);
    const named = await t.server.db.db
      .selectFrom('record_attachments')
      .select('name')
      .where('submission_id', '=', record.id)
      .orderBy('name')
      .execute();
    expect(named.map((r) => r.name)).toEqual([...photos].sort());
  });

  it('sends every revision of a field record down the records stream, and nothing else', async () => {
    const { cursor } = PullResponseSchema.parse((await pull(fieldKiosk, 'records')).body);
    const first = heritagePayload(otherFieldKiosk);
    const second = edit(fieldKiosk, first.id, [first], 2);
    const visitor = surveyPayload(visitorKiosk);
    await push(otherFieldKiosk, first);
    await push(visitorKiosk, visitor);
    await push(fieldKiosk, second);
    const response = await pull(fieldKiosk, 'records', cursor);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const page = PullResponseSchema.parse(response.body);
    expect(page.changes.map(({ kind, id, payload }) => ({ kind, id, payload }))).toEqual([
      { kind: 'record', id: first.id, payload: first },
      { kind: 'record', id: second.id, payload: second },
    ]);
    const setUp = PullResponseSchema.parse((await pull(fieldKiosk, 'kiosk')).body);
    expect(setUp.changes.filter((c) => c.kind === 'record')).toEqual([]);
  });

  it('refuses the records stream to a kiosk that runs no field form, and gives it to one offering a form as staff-only', async () => {
    const refused = await pull(visitorKiosk, 'records');
    expect(refused.status).toBe(403);
    expect(ErrorBodySchema.parse(refused.body).error).toEqual({
      code: 'forbidden',
      message: 'Only kiosks that offer a field form (a heritage or staff-only form) pull field records',
      field: 'stream',
    });

    // Offered as staff-only on one kiosk, the survey becomes a field form of the event.
    const staffKiosk = await t.enrol(eventId, 'Tablet de encuestas');
    await assign(staffKiosk, [{ formId: SURVEY_FORM.formId, onIdle: 'keep', staffOnly: true }]);
    const { cursor } = PullResponseSchema.parse((await pull(staffKiosk, 'records')).body);
    const response = surveyPayload(staffKiosk);
    await push(staffKiosk, response);
    const page = PullResponseSchema.parse((await pull(staffKiosk, 'records', cursor)).body);
    expect(page.changes.map((c) => c.id)).toEqual([response.id]);
  });

  it('keeps field records of one event from the kiosks of another', async () => {
    const otherEvent = await t.createEvent(['patrimonio-inmaterial']);
    const elsewhere = await t.enrol(otherEvent, 'Otra feria');
    const record = heritagePayload(fieldKiosk);
    await push(fieldKiosk, record);
    const page = PullResponseSchema.parse((await pull(elsewhere, 'records')).body);
    expect(page.changes).toEqual([]);
  });
});
