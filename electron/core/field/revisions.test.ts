// Drafts finished into revisions on a real kiosk: 1 → 2 → a conflict from two bases (the other
// kiosk's revision pulled) → a merge; refusals; photos dropped with photo consent.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Answers } from '../../../shared/forms/form-definition';
import { recording } from '../../../shared/sync/node/media-fixtures';
import { SubmissionPayloadSchema, type SubmissionPayload } from '../../../shared/sync/protocol';
import {
  attachmentName,
  heritageAnswers,
  heritageDraft,
  staffCaller,
  testJpeg,
} from '../testing/field-fixtures';
import { fieldKioskPerTest } from '../testing/field-kiosk-per-test';
import { FORM_VERSION } from '../testing/kiosk-fixtures';
import { mediaDir } from './attachment-store';
import { UNCLAIMED_PHOTO_GRACE_MS } from './media-gc';
import { insertPulledRevision } from './revisions';

const kiosk = fieldKioskPerTest();
const { open, tick } = kiosk;
const count = (table: string) =>
  kiosk.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n;
const outboxPayloads = () =>
  kiosk.db
    .prepare<[], { payload: string }>('SELECT payload FROM outbox ORDER BY seq')
    .all()
    // What the server will check: every pushed revision fits the protocol's strict schema.
    .map((r) => SubmissionPayloadSchema.parse(JSON.parse(r.payload)));

/** Another kiosk's revision of a record, as the records stream brings it. */
const pulled = (
  base: SubmissionPayload,
  answers: Answers,
  parents: string[],
  revision: number,
): SubmissionPayload => ({
  ...base,
  id: uuidv7(),
  deviceId: '01900000-0000-7000-8000-000000000002',
  answers,
  parents,
  revision,
  editedBy: 'Marta (otra tableta)',
  createdAt: '2026-11-20T19:00:00.000Z',
});

describe('drafts', () => {
  it('save, replace, get and discard', async () => {
    const { call } = await open();
    const { draftId, savedAt } = await call('draft:save', heritageDraft({ consiente_registro: 'si' }));
    expect(savedAt).toBe(kiosk.now().toISOString());
    tick();
    // A draft keeps what staff typed even when it breaks a constraint for now.
    const answers = { consiente_registro: 'si', nombre_portador: 'R' };
    await call('draft:save', heritageDraft(answers, { draftId, position: { path: 'comunidad' } }));
    expect(await call('draft:get', { draftId })).toEqual({
      draftId,
      formId: 'patrimonio_inmaterial',
      formVersion: FORM_VERSION,
      language: 'es',
      answers,
      position: { path: 'comunidad' },
      recordId: null,
      baseRevisions: [],
      startedAt: '2026-11-20T16:00:00.000Z',
      updatedAt: kiosk.now().toISOString(),
    });
    expect(await call('draft:discard', { draftId })).toEqual({ discarded: true });
    expect(count('drafts')).toBe(0);
  });

  it('refuses a draft of a form not installed, a draft that is gone, and unfinished answers', async () => {
    const { token, call } = await open();
    expect(await kiosk.core.call('draft:save', { token, ...heritageDraft({}), formVersion: '1999' })).toEqual(
      {
        ok: false,
        error: {
          code: 'form_not_found',
          message: 'Form patrimonio_inmaterial version 1999 is not installed on this kiosk',
          details: { formId: 'patrimonio_inmaterial', formVersion: '1999' },
        },
      },
    );
    const gone = uuidv7();
    expect(await kiosk.core.call('draft:save', { token, ...heritageDraft({}), draftId: gone })).toEqual({
      ok: false,
      error: { code: 'not_found', message: `This kiosk holds no draft ${gone}` },
    });
    expect(count('drafts')).toBe(0);

    const { draftId } = await call(
      'draft:save',
      heritageDraft({ consiente_registro: 'si', nombre_portador: 'R' }),
    );
    const finished = await kiosk.core.call('draft:finish', { token, draftId });
    expect(finished).toMatchObject({ ok: false, error: { code: 'answers_invalid' } });
    expect(!finished.ok && finished.error.message).toMatch(
      /^\d+ answer\(s\) do not satisfy the form: .*nombre_portador \(constraint\)/,
    );
    expect(count('drafts')).toBe(1);
    expect(count('submissions')).toBe(0);
    expect(count('outbox')).toBe(0);
  });
});

describe('drafts that edit a record', () => {
  it('name a record this kiosk holds and revisions of it, one open draft per record', async () => {
    const { token, call } = await open();
    const r1 = await call('draft:finish', {
      draftId: (await call('draft:save', heritageDraft(heritageAnswers()))).draftId,
    });
    const refused = async (extra: Parameters<typeof heritageDraft>[1]) => {
      const result = await kiosk.core.call('draft:save', {
        token,
        ...heritageDraft(heritageAnswers(), extra),
      });
      return result.ok ? result : result.error;
    };
    const unknown = uuidv7();
    expect(await refused({ recordId: unknown, baseRevisions: [unknown] })).toEqual({
      code: 'not_found',
      message: `This kiosk holds no record ${unknown}`,
    });
    expect(await refused({ baseRevisions: [r1.revisionId] })).toEqual({
      code: 'invalid_input',
      message: 'A draft with base revisions must name the record it edits',
    });
    expect(await refused({ recordId: r1.recordId, baseRevisions: [unknown] })).toEqual({
      code: 'invalid_input',
      message: `A draft editing record ${r1.recordId} must name one or two of its revisions as its base`,
    });
    const edit = await call('record:edit', { recordId: r1.recordId });
    expect(await refused({ recordId: r1.recordId, baseRevisions: [r1.revisionId] })).toEqual({
      code: 'invalid_input',
      message: `Record ${r1.recordId} is already being edited in draft ${edit.draftId}`,
    });
    expect(count('drafts')).toBe(1);

    // A merge takes the place of the draft open on the record.
    const [own1] = outboxPayloads();
    insertPulledRevision(kiosk.db, pulled(own1 as SubmissionPayload, heritageAnswers(), [r1.revisionId], 2));
    insertPulledRevision(kiosk.db, pulled(own1 as SubmissionPayload, heritageAnswers(), [r1.revisionId], 2));
    const merge = await call('record:merge', {
      recordId: r1.recordId,
      answers: heritageAnswers(),
      language: 'en',
    });
    expect(merge).toMatchObject({ draftId: edit.draftId, language: 'en' });
    expect(count('drafts')).toBe(1);
  });
});

describe('revisions', () => {
  it('1 → 2 → a conflict with a pulled revision → a merge with both as parents', async () => {
    const { token, call } = await open();
    const first = await call('draft:save', heritageDraft(heritageAnswers()));
    const r1 = await call('draft:finish', { draftId: first.draftId, editedBy: 'Luis' });
    expect(r1).toEqual({
      recordId: r1.revisionId,
      revisionId: r1.revisionId,
      revision: 1,
      savedAt: kiosk.now().toISOString(),
    });
    expect(count('drafts')).toBe(0);

    tick();
    const edit = await call('record:edit', { recordId: r1.recordId });
    expect(edit).toMatchObject({
      recordId: r1.recordId,
      baseRevisions: [r1.revisionId],
      answers: heritageAnswers(),
    });
    expect(await call('record:edit', { recordId: r1.recordId })).toEqual(edit); // the open draft again
    await call('draft:save', {
      ...heritageDraft(heritageAnswers([], { comunidad: 'Santiago de Anaya' })),
      draftId: edit.draftId,
    });
    const r2 = await call('draft:finish', { draftId: edit.draftId, editedBy: 'Luis' });
    expect(r2).toMatchObject({ recordId: r1.recordId, revision: 2 });

    // Offline, another tablet edited revision 1 too: its revision arrives by the records stream.
    const [own1] = outboxPayloads();
    const other = pulled(
      own1 as SubmissionPayload,
      heritageAnswers([], { riesgo: 'riesgo' }),
      [r1.revisionId],
      2,
    );
    expect(insertPulledRevision(kiosk.db, other)).toBe(true);
    expect(insertPulledRevision(kiosk.db, other)).toBe(false);
    expect(count('outbox')).toBe(2); // pulled revisions are not pushed again

    const { revisions } = await call('record:revisions', { recordId: r1.recordId });
    expect(revisions.map((r) => [r.id, r.revision, r.parents, r.current, r.editedBy])).toEqual([
      [r1.revisionId, 1, [], false, 'Luis'],
      [r2.revisionId, 2, [r1.revisionId], true, 'Luis'],
      [other.id, 2, [r1.revisionId], true, 'Marta (otra tableta)'],
    ]);
    expect(await kiosk.core.call('record:edit', { token, recordId: r1.recordId })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: `Record ${r1.recordId} has a conflict (2 current revisions): resolve it with record:merge first`,
      },
    });

    tick();
    const chosen = heritageAnswers([], { comunidad: 'Santiago de Anaya', riesgo: 'riesgo' });
    const merge = await call('record:merge', { recordId: r1.recordId, answers: chosen, language: 'es' });
    expect(merge).toMatchObject({
      recordId: r1.recordId,
      answers: chosen,
      baseRevisions: [r2.revisionId, other.id],
    });
    const r3 = await call('draft:finish', { draftId: merge.draftId, editedBy: 'Ana' });
    expect(r3).toMatchObject({ recordId: r1.recordId, revision: 3 });
    expect(outboxPayloads().at(-1)).toMatchObject({
      id: r3.revisionId,
      recordId: r1.recordId,
      revision: 3,
      parents: [r2.revisionId, other.id],
      editedBy: 'Ana',
      answers: chosen,
      complete: true,
    });
    const after = await call('record:revisions', { recordId: r1.recordId });
    expect(after.revisions.filter((r) => r.current).map((r) => r.id)).toEqual([r3.revisionId]);
    expect(
      await kiosk.core.call('record:merge', {
        token,
        recordId: r1.recordId,
        answers: chosen,
        language: 'es',
      }),
    ).toEqual({
      ok: false,
      error: {
        code: 'no_conflict',
        message: `Record ${r1.recordId} has one current revision: there is nothing to merge`,
      },
    });
  });

  it('a draft whose base stopped being current still saves: the conflict is kept', async () => {
    const { call } = await open();
    const r1 = await call('draft:finish', {
      draftId: (await call('draft:save', heritageDraft(heritageAnswers()))).draftId,
    });
    const edit = await call('record:edit', { recordId: r1.recordId });
    const [own1] = outboxPayloads();
    insertPulledRevision(kiosk.db, pulled(own1 as SubmissionPayload, heritageAnswers(), [r1.revisionId], 2));
    const r2 = await call('draft:finish', { draftId: edit.draftId });
    expect(r2.revision).toBe(2);
    const { revisions } = await call('record:revisions', { recordId: r1.recordId });
    expect(revisions.filter((r) => r.current)).toHaveLength(2);
  });

  it('a child pulled before its parent: the parent arrives not current', async () => {
    const { call } = await open();
    const r1 = await call('draft:finish', {
      draftId: (await call('draft:save', heritageDraft(heritageAnswers()))).draftId,
    });
    const [own1] = outboxPayloads();
    const parent = pulled(own1 as SubmissionPayload, heritageAnswers(), [r1.revisionId], 2);
    const child = pulled(own1 as SubmissionPayload, heritageAnswers(), [parent.id], 3);
    expect(insertPulledRevision(kiosk.db, child)).toBe(true);
    expect(insertPulledRevision(kiosk.db, parent)).toBe(true);
    const { revisions } = await call('record:revisions', { recordId: r1.recordId });
    expect(revisions.map((r) => [r.revision, r.current])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
  });

  it('a refusal is a valid minimal record, stored as not complete', async () => {
    const { call } = await open();
    const { draftId } = await call(
      'draft:save',
      heritageDraft(heritageAnswers([], { consiente_registro: 'no' })),
    );
    const saved = await call('draft:finish', { draftId });
    expect(outboxPayloads()).toEqual([
      expect.objectContaining({
        id: saved.revisionId,
        recordId: saved.revisionId,
        revision: 1,
        parents: [],
        complete: false,
        answers: { consiente_registro: 'no', registrado_por: 'Luis Hernández' },
      }),
    ]);
  });

  it('record:edit and record:revisions of an unknown record → not_found', async () => {
    const { token } = await open();
    const recordId = uuidv7();
    const error = { code: 'not_found', message: `This kiosk holds no record ${recordId}` };
    expect(await kiosk.core.call('record:edit', { token, recordId })).toEqual({ ok: false, error });
    expect(await kiosk.core.call('record:revisions', { token, recordId })).toEqual({ ok: false, error });
  });
});

describe('photos follow their drafts and records', () => {
  const media = () => (existsSync(mediaDir(kiosk.db)) ? readdirSync(mediaDir(kiosk.db)).sort() : []);

  it('photo consent turned "no": the photos and their files go when the draft is finished', async () => {
    const { call } = await open();
    const save = (seed: number) =>
      call('attachment:save', { mime: 'image/jpeg', base64: testJpeg(seed).toString('base64') });
    const photos = [(await save(1)).name, (await save(2)).name];
    const { draftId } = await call('draft:save', heritageDraft(heritageAnswers(photos)));
    await call('draft:save', {
      ...heritageDraft(heritageAnswers(photos, { consiente_fotos: 'no' })),
      draftId,
    });
    const unclaimed = (await save(3)).name; // just taken, its draft autosave not landed yet
    await call('draft:finish', { draftId });
    expect(outboxPayloads()[0]?.answers).not.toHaveProperty('fotos');
    expect(media()).toEqual([unclaimed]);
    expect(count('attachments')).toBe(1);
  });

  it('discarding a draft deletes its photos, and a photo nothing claimed goes after the grace', async () => {
    const { call } = await open();
    const kept = (
      await call('attachment:save', { mime: 'image/jpeg', base64: testJpeg('kept').toString('base64') })
    ).name;
    await call('draft:finish', {
      draftId: (await call('draft:save', heritageDraft(heritageAnswers([kept])))).draftId,
    });
    const dropped = (
      await call('attachment:save', { mime: 'image/jpeg', base64: testJpeg('x').toString('base64') })
    ).name;
    const stray = (
      await call('attachment:save', { mime: 'image/jpeg', base64: testJpeg('y').toString('base64') })
    ).name;
    const { draftId } = await call('draft:save', heritageDraft(heritageAnswers([dropped])));
    await call('draft:discard', { draftId });
    expect(media()).toEqual([kept, stray].sort());

    tick(UNCLAIMED_PHOTO_GRACE_MS + 1);
    const later = await staffCaller(kiosk.core); // the first session lapsed meanwhile
    await later.call('draft:discard', {
      draftId: (await later.call('draft:save', heritageDraft({}))).draftId,
    });
    expect(media()).toEqual([kept]);
  });

  it('a recording a saved record names is kept past the grace, as a photo is (names are walked form-agnostic)', async () => {
    const { call } = await open();
    const tone = recording('tone.webm');
    const { name } = await call('attachment:save', { mime: 'audio/webm', base64: tone.toString('base64') });
    await call('draft:finish', {
      draftId: (await call('draft:save', heritageDraft(heritageAnswers([name])))).draftId,
    });
    tick(UNCLAIMED_PHOTO_GRACE_MS + 1);
    const later = await staffCaller(kiosk.core);
    await later.call('draft:discard', {
      draftId: (await later.call('draft:save', heritageDraft({}))).draftId,
    });
    expect(media()).toEqual([name]);
    expect(count('attachments')).toBe(1);
  });

  it('what a crash left in media (a temp file, a file whose row never committed) goes at the next discard', async () => {
    const { call } = await open();
    const kept = (
      await call('attachment:save', { mime: 'image/jpeg', base64: testJpeg('kept').toString('base64') })
    ).name;
    await call('draft:save', heritageDraft(heritageAnswers([kept])));
    const orphan = attachmentName(testJpeg('orphan'));
    writeFileSync(join(mediaDir(kiosk.db), orphan), testJpeg('orphan'));
    writeFileSync(join(mediaDir(kiosk.db), '.0190-torn.tmp'), testJpeg('torn').subarray(0, 20));
    await call('draft:discard', { draftId: (await call('draft:save', heritageDraft({}))).draftId });
    expect(media()).toEqual([kept]);
  });
});
