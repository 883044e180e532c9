// The progress a visitor sees, on the demo forms through the real store: along every path the
// bar only fills, the total never grows, and only the review is the last step.
import { describe, expect, it } from 'vitest';
import { readXlsFormCsv } from '../../../shared/forms/xlsform-csv';
import type { FormDefinition } from '../../../shared/forms/form-definition';
import { formProgress, shownFraction } from './form-progress';
import { formView } from './form-view';
import type { KioskStore } from './kiosk-store';
import { sessionForm } from './session-slice';
import { SETTINGS, readyStore, registration, survey } from './testing/scripted-kiosk';

type Seen = { path: string; step: number; total: number; fraction: number };

function shown(store: KioskStore): Seen {
  const state = store.getState();
  const form = sessionForm(state);
  const { session } = state;
  if (!form || !session) throw new Error('no session');
  const view = formView(form.compiled, session.answers, session.pageIndex);
  const progress = formProgress(form.compiled, view, session.reviewing);
  const fraction = session.reviewing ? 1 : shownFraction(progress, session.progressFloors, view.index);
  return { path: session.reviewing ? 'review' : (view.page?.path ?? ''), ...progress, fraction };
}

/** Walks forward, answering each page with `answer(path)`, to the review; what each step showed. */
async function walk(
  store: KioskStore,
  formId: string,
  answer: (path: string) => string | number | string[] | undefined,
): Promise<Seen[]> {
  store.getState().startForm(formId);
  store.getState().chooseLanguage('es');
  const seen: Seen[] = [];
  for (let guard = 0; guard < 100; guard++) {
    const now = shown(store);
    seen.push(now);
    if (now.path === 'review') return seen;
    const value = answer(now.path);
    if (value !== undefined) store.getState().setAnswer(now.path, value);
    // Answering a page never moves the bar under the visitor's finger.
    expect(shown(store), now.path).toEqual(now);
    await store.getState().goNext();
    expect(store.getState().session?.showIssue, `stuck at ${now.path}`).toBe(false);
  }
  throw new Error('never reached the review');
}

function expectHonest(seen: Seen[]): void {
  for (const [i, now] of seen.entries()) {
    const before = seen[i - 1];
    expect(now.step, now.path).toBe(i + 1);
    if (before) {
      expect(now.fraction, now.path).toBeGreaterThan(before.fraction);
      expect(now.total, now.path).toBeLessThanOrEqual(before.total);
    }
    if (now.path !== 'review') expect(now.step, now.path).toBeLessThan(now.total);
  }
  const last = seen.at(-1);
  expect(last).toMatchObject({ path: 'review', fraction: 1 });
  expect(last?.step).toBe(last?.total);
}

/** A small seeded generator, so a failing path can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** Some valid answer for any page of the demo forms, picked at random; undefined skips. */
function randomAnswers(definition: FormDefinition, seed: number) {
  const next = random(seed);
  const questions = new Map<string, { type: string; listName?: string | undefined; required: boolean }>();
  const collect = (nodes: FormDefinition['children']): void => {
    for (const node of nodes) {
      if ('children' in node) collect(node.children);
      else questions.set(node.name, node);
    }
  };
  collect(definition.children);
  return (path: string) => {
    const question = questions.get(path);
    if (!question) return undefined;
    if (path === 'acepta_aviso') return 'si';
    if (!question.required && next() < 0.3) return undefined;
    const choices = definition.choices[question.listName ?? ''] ?? [];
    const pick = () => choices[Math.floor(next() * choices.length)]?.name ?? '';
    switch (question.type) {
      case 'select_one':
        return pick();
      case 'select_multiple':
        return [...new Set([pick(), pick()])];
      case 'integer':
      case 'decimal':
        return 1 + Math.floor(next() * 5);
      case 'text':
        return path === 'correo' ? 'ana@example.mx' : path === 'cct' ? '13DPR0001X' : 'Ana Pérez';
      default:
        return undefined;
    }
  };
}

describe('progress on the economic-impact survey', () => {
  it('opens as step 1 of every page the form could show, with the review last', async () => {
    const { store } = await readyStore();
    store.getState().startForm('encuesta_impacto_economico');
    // 26 questions and notes a visitor may see (the total is calculated), plus the review.
    expect(shown(store)).toMatchObject({ path: 'intro', step: 1, total: 27 });
  });

  it('a visitor who declines sees the total fall to the review', async () => {
    const { store } = await readyStore();
    const seen = await walk(store, 'encuesta_impacto_economico', (path) =>
      path === 'acepta' ? 'no' : undefined,
    );
    expect(seen.map(({ path, step, total }) => `${path} ${step}/${total}`)).toEqual([
      'intro 1/27',
      'acepta 2/27',
      'review 3/3',
    ]);
    expectHonest(seen);
  });

  it('from Hidalgo staying overnight, and from abroad going home: the total only falls', async () => {
    const hidalgo: Record<string, string | number | string[]> = {
      acepta: 'si',
      pais: 'mx',
      estado: 'hgo',
      municipio: 'actopan',
      primera_vez: 'no',
      veces_anteriores: 2,
      como_se_entero: ['otro'],
      como_se_entero_otro: 'Periódico',
      pernocta: 'si',
      noches: 2,
      hospedaje: 'hotel',
    };
    const abroad: Record<string, string | number | string[]> = {
      ...hidalgo,
      pais: 'us',
      primera_vez: 'si',
      como_se_entero: ['redes'],
      pernocta: 'no',
    };
    for (const path of [hidalgo, abroad]) {
      const { store } = await readyStore();
      const answers = randomAnswers(survey, 7);
      const seen = await walk(store, 'encuesta_impacto_economico', (name) => path[name] ?? answers(name));
      expectHonest(seen);
    }
  });

  it('stays honest along 150 random paths through each demo form', async () => {
    for (const [formId, definition] of [
      ['encuesta_impacto_economico', survey],
      ['registro_visitantes', registration],
    ] as const) {
      for (let seed = 1; seed <= 150; seed++) {
        const { store } = await readyStore();
        expectHonest(await walk(store, formId, randomAnswers(definition, seed)));
      }
    }
  });
});

describe('progress when the total is only known late', () => {
  const counted = readXlsFormCsv({
    survey: [
      'type,name,label,required,repeat_count',
      'integer,personas,¿Cuántas personas?,yes,',
      'begin_repeat,persona,Persona,,${personas}',
      'text,nombre,Nombre,yes,',
      'end_repeat,persona,,,',
      'text,fin,Comentario,no,',
    ].join('\n'),
    choices: 'list_name,name,label\n',
    settings: 'form_id,version\nconteo,1\n',
  });

  it('keeps the bar where it was when an answer adds pages', async () => {
    const settings = { ...SETTINGS, offeredForms: [{ formId: 'conteo', onIdle: 'discard' as const }] };
    const { store } = await readyStore(
      { 'kiosk:bootstrap': () => ({ ok: true, value: { deviceId: 'd', settings, forms: [counted] } }) },
      [counted],
    );
    const seen = await walk(store, 'conteo', (path) => (path === 'personas' ? 4 : 'Ana'));
    expect(seen.map(({ step, total }) => `${step}/${total}`)).toEqual([
      '1/3',
      '2/7',
      '3/7',
      '4/7',
      '5/7',
      '6/7',
      '7/7',
    ]);
    expect(seen[1]?.fraction).toBe(1 / 3);
    for (const [i, now] of seen.entries())
      expect(now.fraction).toBeGreaterThanOrEqual(seen[i - 1]?.fraction ?? 0);
  });
});
