// What staff and the attract screen see of field records: the staff-only forms, the list with its
// summaries, conflicts, photos waiting and accent-insensitive search, and the counts on staff:status.
import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { SubmissionPayload } from '../../../shared/sync/protocol';
import {
  HERITAGE_FORM,
  heritageAnswers,
  heritageDraft,
  staffCaller,
  testJpeg,
} from '../testing/field-fixtures';
import { fieldKioskPerTest, type FieldKiosk } from '../testing/field-kiosk-per-test';
import { insertPulledRevision } from './revisions';

const kiosk = fieldKioskPerTest();
let call: FieldKiosk['call'];

async function open() {
  ({ call } = await kiosk.open());
}
/** Moves the kiosk clock; days pass, so staff unlock again. */
async function at(iso: string) {
  kiosk.setClock(iso);
  ({ call } = await staffCaller(kiosk.core));
}
const TITLE = { es: 'Ficha de patrimonio cultural inmaterial', en: 'Intangible cultural heritage record' };

describe('field forms stay off the attract screen', () => {
  it('field:forms lists heritage forms and forms offered staff-only; bootstrap leaves both out', async () => {
    await open();
    expect((await call('field:forms', {})).forms.map((f) => f.formId)).toEqual([HERITAGE_FORM]);
    const { settings } = await call('staff:config', {});
    await call('staff:configure', {
      settings: {
        ...settings,
        offeredForms: [
          { formId: 'registro_visitantes', onIdle: 'discard', staffOnly: true },
          { formId: 'encuesta_impacto_economico', onIdle: 'keep' },
          { formId: HERITAGE_FORM, onIdle: 'keep' },
        ],
      },
    });
    expect((await call('field:forms', {})).forms.map((f) => f.formId)).toEqual([
      HERITAGE_FORM,
      'registro_visitantes',
    ]);
    const boot = await kiosk.core.call('kiosk:bootstrap', {});
    expect(boot.ok && boot.value.forms.map((f) => f.formId)).toEqual(['encuesta_impacto_economico']);
  });
});

describe('field:list', () => {
  it('drafts and records newest first, one line per record, with summaries, conflicts and photos waiting', async () => {
    await open();
    await at('2026-11-18T15:00:00.000Z');
    const photo = (
      await call('attachment:save', { mime: 'image/jpeg', base64: testJpeg(1).toString('base64') })
    ).name;
    const saved = await call('draft:finish', {
      draftId: (await call('draft:save', heritageDraft(heritageAnswers([photo])))).draftId,
    });
    await at('2026-11-19T15:00:00.000Z');
    const refusal = await call('draft:finish', {
      draftId: (await call('draft:save', heritageDraft(heritageAnswers([], { consiente_registro: 'no' }))))
        .draftId,
    });
    await at('2026-11-20T14:00:00.000Z');
    await call('draft:finish', {
      draftId: (await call('record:edit', { recordId: saved.recordId })).draftId,
    });
    await at('2026-11-20T15:00:00.000Z');
    const draft = await call(
      'draft:save',
      heritageDraft({ consiente_registro: 'si', nombre_portador: 'Don Aurelio Peña' }),
    );

    // Another tablet's record, and its edit of our record, made offline from the same base as ours.
    const [ownPayload] = kiosk.db
      .prepare<[], { payload: string }>('SELECT payload FROM outbox ORDER BY seq LIMIT 1')
      .all()
      .map((r) => JSON.parse(r.payload) as SubmissionPayload);
    const other = '01900000-0000-7000-8000-000000000002';
    const foreignId = uuidv7();
    insertPulledRevision(kiosk.db, {
      ...(ownPayload as SubmissionPayload),
      id: foreignId,
      recordId: foreignId,
      deviceId: other,
      answers: heritageAnswers([], {
        nombre_portador: 'Grupo de danza Xitá',
        nombre_practica: 'Danza de los Xitas',
      }),
      createdAt: '2026-11-17T10:00:00.000Z',
    });
    const conflicting = {
      ...(ownPayload as SubmissionPayload),
      id: uuidv7(),
      deviceId: other,
      revision: 2,
      parents: [saved.revisionId],
    };
    insertPulledRevision(kiosk.db, { ...conflicting, createdAt: '2026-11-20T12:00:00.000Z' });
    await at('2026-11-20T16:00:00.000Z');
    const edit = await call('record:merge', {
      recordId: saved.recordId,
      answers: heritageAnswers([photo]),
      language: 'es',
    });
    await call('draft:finish', { draftId: edit.draftId });
    const visitor = await kiosk.core.call('submission:save', {
      formId: 'encuesta_impacto_economico',
      formVersion: '2026110101',
      language: 'es',
      answers: { acepta: 'no' },
      complete: true,
      startedAt: '2026-11-20T16:00:00.000Z',
    });
    expect(visitor.ok).toBe(true);

    const { entries, total } = await call('field:list', {});
    expect(total).toBe(4);
    expect(entries).toEqual([
      {
        kind: 'record',
        draftId: null,
        recordId: saved.recordId,
        formId: HERITAGE_FORM,
        title: TITLE,
        summary: ['Doña Rosa Martínez', 'El Mezquital', 'Escamoles a la mantequilla'],
        revision: 3,
        conflict: false,
        complete: true,
        photosWaiting: 1,
        here: true,
        updatedAt: '2026-11-20T16:00:00.000Z',
      },
      {
        kind: 'draft',
        draftId: draft.draftId,
        recordId: null,
        formId: HERITAGE_FORM,
        title: TITLE,
        summary: ['Don Aurelio Peña', 'Sí'],
        revision: null,
        conflict: false,
        complete: true,
        photosWaiting: 0,
        here: true,
        updatedAt: '2026-11-20T15:00:00.000Z',
      },
      expect.objectContaining({
        recordId: refusal.recordId,
        summary: ['Luis Hernández', 'No'],
        complete: false,
        revision: 1,
      }),
      expect.objectContaining({
        recordId: foreignId,
        here: false,
        photosWaiting: 0,
        updatedAt: '2026-11-17T10:00:00.000Z',
      }),
    ]);
  });

  it('shows a conflict while two revisions are current', async () => {
    await open();
    const saved = await call('draft:finish', {
      draftId: (await call('draft:save', heritageDraft(heritageAnswers()))).draftId,
    });
    const [payload] = kiosk.db.prepare<[], { payload: string }>('SELECT payload FROM outbox').all();
    const first = JSON.parse(String(payload?.payload)) as SubmissionPayload;
    for (const n of [1, 2])
      insertPulledRevision(kiosk.db, {
        ...first,
        id: uuidv7(),
        revision: 2,
        parents: [saved.revisionId],
        createdAt: `2026-11-20T19:0${n}:00.000Z`,
      });
    const [entry] = (await call('field:list', {})).entries;
    expect(entry).toMatchObject({ recordId: saved.recordId, conflict: true, revision: 2 });
  });

  it('search: any text answer, ignoring case and accents, or the day it was saved', async () => {
    await open();
    const finish = async (answers: ReturnType<typeof heritageAnswers>, day: string) => {
      await at(`${day}T15:00:00.000Z`);
      return call('draft:finish', { draftId: (await call('draft:save', heritageDraft(answers))).draftId });
    };
    const rosa = await finish(heritageAnswers(), '2026-11-18');
    const xita = await finish(
      heritageAnswers([], {
        nombre_portador: 'Grupo Xitá',
        ingredientes: [{ ingrediente: 'Pulque de maguey', ingrediente_origen: 'cultivo' }],
      }),
      '2026-11-19',
    );
    const found = async (query: string) =>
      (await call('field:list', { query })).entries.map((e) => e.recordId);
    expect(await found('martinez')).toEqual([rosa.recordId]);
    expect(await found('  DOÑA rosa ')).toEqual([rosa.recordId]);
    expect(await found('xita')).toEqual([xita.recordId]);
    expect(await found('PULQUE')).toEqual([xita.recordId]); // inside a repeat
    expect(await found('2026-11-18')).toEqual([rosa.recordId]);
    expect(await found('mezquital')).toEqual([xita.recordId, rosa.recordId]);
    expect(await found('santiago_de_anaya')).toEqual([]); // a choice code is not text
    expect(await found('')).toHaveLength(2);
  });
});

describe('staff:status', () => {
  it('counts photos a saved revision names that the server has not confirmed', async () => {
    await open();
    const save = async (seed: number) =>
      (await call('attachment:save', { mime: 'image/jpeg', base64: testJpeg(seed).toString('base64') })).name;
    const [a, b, inDraft] = [await save(1), await save(2), await save(3)];
    await call('draft:finish', {
      draftId: (await call('draft:save', heritageDraft(heritageAnswers([a, b])))).draftId,
    });
    await call('draft:save', heritageDraft(heritageAnswers([inDraft])));
    expect((await call('staff:status', {})).photosWaiting).toBe(2);
    kiosk.db
      .prepare('UPDATE attachments SET uploaded_at = ? WHERE name = ?')
      .run(kiosk.now().toISOString(), a);
    expect((await call('staff:status', {})).photosWaiting).toBe(1);
  });
});
