// Staff filling in the heritage record against a scripted core: autosave, resume, repeat entries,
// the message for a missing answer in an entry, the idle lock, finishing and merging a conflict.
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../shared/forms/form-definition';
import type { RevisionView } from '../../../shared/ipc/field-contract';
import { fieldView, issueEntry, pageIssue } from '../field/field-pages';
import type { KioskStore } from './kiosk-store';
import { AUTOSAVE_MS, selectFieldForm } from './field-form-slice';
import { DRAFT_ID, RECORD_ID, fieldStore, heritage } from './testing/field-kiosk';
import { NOW, SETTINGS } from './testing/scripted-kiosk';

function view(store: KioskStore) {
  const state = store.getState();
  const form = selectFieldForm(state);
  const session = state.fieldSession;
  if (!form || !session) throw new Error('no field draft open');
  return fieldView(form.compiled, session.answers, session.path);
}

const path = (store: KioskStore) => store.getState().fieldSession?.path;

/** Answers the current page and presses Siguiente. */
async function answer(store: KioskStore, value?: string | string[]) {
  const at = path(store);
  if (at && value !== undefined) store.getState().setFieldAnswer(at, value);
  await store.getState().fieldNext();
}

/** Consent, bearer and practice answered: the flow stands on the ingredients' list. */
async function toIngredients(store: KioskStore) {
  store.getState().startFieldDraft('patrimonio_inmaterial');
  await answer(store, 'si');
  await answer(store, 'no');
  await answer(store, 'si');
  await answer(store, 'Doña Rosa');
  await answer(store, 'cocinera');
  await answer(store, 'El Arenal');
  await answer(store, 'pachuca_de_soto');
  await answer(store, ['espanol']);
  await answer(store);
  await answer(store, 'cocina');
  await answer(store, 'Escamoles');
  await answer(store);
  await answer(store, 'Larvas de hormiga guisadas con mantequilla y epazote.');
  await answer(store);
  await answer(store);
  expect(path(store)).toBe('ingredientes');
}

async function addIngredient(store: KioskStore, name: string, origin: string) {
  await store.getState().addFieldEntry('ingredientes');
  expect(path(store)).toMatch(/^ingredientes\.\d+\.ingrediente$/);
  await answer(store, name);
  await answer(store);
  await answer(store, origin);
  await answer(store);
  expect(path(store)).toBe('ingredientes');
}

describe('autosave', () => {
  it('saves once typing pauses, creates the draft with the first save, and saves at once on a page change', async () => {
    const { store, clock, saves, lastSaved } = await fieldStore();
    store.getState().startFieldDraft('patrimonio_inmaterial');
    expect(store.getState().screen).toBe('field-form');
    expect(path(store)).toBe('consiente_registro');
    store.getState().setFieldAnswer('consiente_registro', 'si');
    clock.advance(AUTOSAVE_MS - 1);
    expect(saves()).toHaveLength(0);
    expect(store.getState().fieldSession?.saveState).toBe('pending');
    store.getState().setFieldAnswer('consiente_registro', 'no');
    clock.advance(AUTOSAVE_MS - 1);
    expect(saves()).toHaveLength(0);
    clock.advance(1);
    await store.getState().saveFieldDraft();
    expect(saves()).toHaveLength(1);
    expect(saves()[0]?.input).not.toHaveProperty('draftId');
    expect(lastSaved()).toEqual({ consiente_registro: 'no' });
    expect(store.getState().fieldSession).toMatchObject({ draftId: DRAFT_ID, saveState: 'saved' });

    await store.getState().fieldNext();
    expect(path(store)).toBe('registrado_por');
    expect(saves()).toHaveLength(2);
    expect(saves()[1]?.input).toMatchObject({ draftId: DRAFT_ID, position: { path: 'registrado_por' } });
    expect(clock.pending()).toBe(0);
  });

  it('resumes a draft on the page it was saved on', async () => {
    const { store } = await fieldStore();
    await toIngredients(store);
    await addIngredient(store, 'Escamoles', 'recoleccion');
    await store.getState().editFieldEntry('ingredientes', 0);
    await answer(store, 'Escamoles de hormiga');
    expect(path(store)).toBe('ingredientes.0.ingrediente_nombre_local');
    await store.getState().closeFieldForm();
    expect(store.getState().screen).toBe('field-list');
    expect(store.getState().fieldSession).toBeNull();

    expect(await store.getState().resumeDraft(DRAFT_ID)).toBeNull();
    expect(store.getState().screen).toBe('field-form');
    expect(path(store)).toBe('ingredientes.0.ingrediente_nombre_local');
    expect(store.getState().fieldSession?.answers['ingredientes']).toEqual([
      { ingrediente: 'Escamoles de hormiga', ingrediente_origen: 'recoleccion' },
    ]);
  });
});

describe('repeat entries', () => {
  it('adds, edits, deletes and reorders entries, each filled page by page and back to the list', async () => {
    const { store, lastSaved } = await fieldStore();
    await toIngredients(store);
    await addIngredient(store, 'Escamoles', 'recoleccion');
    await addIngredient(store, 'Mantequilla', 'compra_local');
    await addIngredient(store, 'Epazote', 'cultivo');
    const list = () =>
      (store.getState().fieldSession?.answers['ingredientes'] as Answers[]).map((e) => e['ingrediente']);
    expect(list()).toEqual(['Escamoles', 'Mantequilla', 'Epazote']);

    await store.getState().editFieldEntry('ingredientes', 1);
    expect(path(store)).toBe('ingredientes.1.ingrediente');
    await answer(store, 'Mantequilla de rancho');
    await store.getState().fieldBack();
    await store.getState().fieldBack();
    expect(path(store)).toBe('ingredientes');

    store.getState().deleteFieldEntry('ingredientes', 0);
    store.getState().moveFieldEntry('ingredientes', 1, -1);
    store.getState().moveFieldEntry('ingredientes', 0, -1);
    expect(list()).toEqual(['Epazote', 'Mantequilla de rancho']);
    await store.getState().saveFieldDraft();
    expect((lastSaved()?.['ingredientes'] as Answers[]).map((e) => e['ingrediente'])).toEqual([
      'Epazote',
      'Mantequilla de rancho',
    ]);

    // Past the list: its entries are skipped, and Atrás from the next page returns to the list.
    await store.getState().fieldNext();
    expect(path(store)).toBe('riesgo'); // no photo consent: no photos list
    await store.getState().fieldBack();
    expect(path(store)).toBe('ingredientes');
    // The step counter counts every entry's pages.
    const pages = view(store).pages.map((page) => page.path);
    expect(pages.filter((page) => page.startsWith('ingredientes.'))).toHaveLength(8);
  });

  it('will not leave the list while an entry misses a required answer, and says which entry', async () => {
    const { store } = await fieldStore();
    await toIngredients(store);
    await addIngredient(store, 'Escamoles', 'recoleccion');
    await store.getState().addFieldEntry('ingredientes');
    await answer(store, 'Epazote');
    await store.getState().goToFieldPage('ingredientes');
    await store.getState().fieldNext();
    expect(path(store)).toBe('ingredientes');
    expect(store.getState().fieldSession?.showIssue).toBe(true);
    const current = view(store);
    const issue = pageIssue(current, current.index);
    expect(issue).toMatchObject({ path: 'ingredientes.1.ingrediente_origen', code: 'required' });
    expect(issue && issueEntry(current.pages, issue)?.entry).toEqual({
      repeatPath: 'ingredientes',
      index: 1,
    });
  });
});

describe('finishing', () => {
  it('a refusal finishes as the minimal record, edited by who asked', async () => {
    const { store, calls } = await fieldStore({
      'draft:finish': () => ({
        ok: true,
        value: { recordId: RECORD_ID, revisionId: RECORD_ID, revision: 1, savedAt: NOW.toISOString() },
      }),
    });
    store.getState().startFieldDraft('patrimonio_inmaterial');
    await answer(store, 'no');
    await answer(store, 'Ana Pérez');
    expect(path(store)).toBeNull(); // the review
    expect(await store.getState().finishFieldDraft()).toBeNull();
    expect(calls.find((call) => call.channel === 'draft:finish')?.input).toMatchObject({
      draftId: DRAFT_ID,
      editedBy: 'Ana Pérez',
    });
    expect(store.getState().screen).toBe('field-list');
    expect(store.getState().field.finished).toEqual({ revision: 1 });
  });

  it('goes to the first page with an issue instead of finishing', async () => {
    const { store, calls } = await fieldStore();
    store.getState().startFieldDraft('patrimonio_inmaterial');
    await answer(store, 'no');
    await store.getState().goToFieldPage(null);
    await store.getState().finishFieldDraft();
    expect(path(store)).toBe('registrado_por');
    expect(store.getState().fieldSession?.showIssue).toBe(true);
    expect(calls.some((call) => call.channel === 'draft:finish')).toBe(false);
  });
});

describe('idle lock', () => {
  it('saves, locks, and after the PIN is back in the draft with nothing lost', async () => {
    const { store, calls, saves } = await fieldStore();
    store.getState().startFieldDraft('patrimonio_inmaterial');
    store.getState().setFieldAnswer('consiente_registro', 'si');
    await store.getState().lockFieldSession();
    expect(saves()).toHaveLength(1);
    expect(store.getState().screen).toBe('staff-pin');
    expect(store.getState().staff.token).toBeNull();
    expect(calls.at(-1)?.channel).toBe('staff:lock');
    // The PIN screen itself times out to the attract screen: the draft still waits.
    await store.getState().resetKiosk();
    store.getState().openStaffPin();
    await store.getState().unlockStaff('2468');
    expect(store.getState().screen).toBe('field-form');
    expect(store.getState().fieldSession).toMatchObject({
      draftId: DRAFT_ID,
      answers: { consiente_registro: 'si' },
      path: 'consiente_registro',
    });
  });
});

describe('a conflict', () => {
  const revision = (id: string, answers: Answers, createdAt: string): RevisionView => ({
    id,
    recordId: RECORD_ID,
    revision: 2,
    parents: [RECORD_ID],
    formId: 'patrimonio_inmaterial',
    formVersion: '2026110101',
    language: 'es',
    complete: true,
    answers,
    deviceId: 'device-1',
    editedBy: null,
    createdAt,
    current: true,
  });
  const base = { consiente_registro: 'si', registrado_por: 'Ana Pérez' };
  const left = revision(
    '0199a3b2-7c4e-7d21-9f00-00000000a002',
    {
      ...base,
      nombre_portador: 'Rosa',
      ingredientes: [{ ingrediente: 'Sal', ingrediente_origen: 'cultivo' }],
    },
    '2026-11-14T10:00:00.000Z',
  );
  const right = revision(
    '0199a3b2-7c4e-7d21-9f00-00000000a003',
    { ...base, nombre_portador: 'Rosa María', ingredientes: [] },
    '2026-11-14T11:00:00.000Z',
  );

  it('merges the choices field by field, repeats as a whole, and opens the merge draft', async () => {
    const { store, calls } = await fieldStore({
      'record:revisions': () => ({
        ok: true,
        value: { revisions: [{ ...left, current: false, id: RECORD_ID, revision: 1 }, left, right] },
      }),
      'record:merge': ({ answers, language }) => ({
        ok: true,
        value: {
          draftId: DRAFT_ID,
          formId: 'patrimonio_inmaterial',
          formVersion: '2026110101',
          language,
          answers: answers as Answers,
          position: { path: 'consiente_registro' },
          recordId: RECORD_ID,
          baseRevisions: [left.id, right.id],
          startedAt: NOW.toISOString(),
          updatedAt: NOW.toISOString(),
        },
      }),
    });
    expect(await store.getState().openConflict(RECORD_ID)).toBeNull();
    expect(store.getState().screen).toBe('field-merge');
    expect(store.getState().field.merge?.sides.map((side) => side.id)).toEqual([left.id, right.id]);
    store.getState().chooseMergeSide('nombre_portador', 1);
    expect(await store.getState().mergeRecord()).toBeNull();
    expect(calls.find((call) => call.channel === 'record:merge')?.input).toMatchObject({
      recordId: RECORD_ID,
      language: 'es',
      answers: { ...base, nombre_portador: 'Rosa María', ingredientes: left.answers['ingredientes'] },
    });
    expect(store.getState().screen).toBe('field-form');
    expect(store.getState().fieldSession?.baseRevisions).toEqual([left.id, right.id]);
  });

  it('opens no merge when the conflict was merged elsewhere since the list was read: the list again', async () => {
    const { store, calls } = await fieldStore({
      'record:revisions': () => ({
        ok: true,
        value: {
          revisions: [
            { ...left, current: false },
            { ...right, current: false },
            { ...right, revision: 3 },
          ],
        },
      }),
    });
    const listReads = () => calls.filter((call) => call.channel === 'field:list').length;
    const before = listReads();
    expect(await store.getState().openConflict(RECORD_ID)).toBeNull();
    expect(store.getState().screen).toBe('field-list');
    expect(store.getState().field.merge).toBeNull();
    expect(listReads()).toBe(before + 1);
  });
});

it('the visitors never get a staff-only form from the bootstrap', async () => {
  const { store } = await fieldStore({
    'kiosk:bootstrap': () => ({
      ok: true,
      value: { deviceId: 'device-1', settings: SETTINGS, forms: [heritage] },
    }),
  });
  const { boot } = store.getState();
  expect(boot.status === 'ready' && boot.forms).toEqual([]);
});
