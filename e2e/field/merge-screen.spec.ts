// The merge screen in real Chromium, on a conflict made for real: a heritage record with a photo
// made on kiosk A, pulled by kiosk B, edited on both from the same base with no sync between, and
// synced through a real sync server. Staff on A open the conflict and choose, field by field, by
// touch in one test and by keyboard only in the other; the merge is saved in the kiosk's SQLite
// and reaches the server as one revision with both current revisions as parents. Axe in Spanish;
// a long description and an ingredient holding a RIGHT-TO-LEFT OVERRIDE (U+202E) leave the
// layout whole; a retaken photo with the same caption shows as two different photos. A conflict
// merged elsewhere meanwhile is refused in words; three current revisions merge two at a time.
import type { Locator, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
import { heritageAnswers } from '../../electron/core/testing/field-fixtures';
import type { Answers } from '../../shared/forms/form-definition';
import {
  kioskRevisions,
  makeConflict,
  serverRevisions,
  staffToken,
  startConflictServer,
  syncNow,
  twoPhotos,
  type Conflict,
  type ConflictServer,
} from '../support/field-conflict';
import { test as base, expect, expectAccessible } from '../support/fixtures';
import { tapKeypad } from '../support/kiosk-page';
import { callKiosk, STAFF_PIN } from '../support/kiosk-process';
import { charLefts, leftToRight } from '../support/text-layout';

// A long description: accents, emoji, and a word too long for any line.
const LONG = `${'Carne de borrego envuelta en pencas de maguey, cocida toda la noche en un horno de tierra con leña de mezquite; ñandú, pingüino, acción 🔥🐑. '.repeat(6)}${'Xochitlahuiyotlmaguey'.repeat(12)}`;
const OVERRIDDEN = 'Borrego \u202eadobado';
const AFTER_OVERRIDE = ' / Pencas de maguey · Compra en la región';

const CAPTION = 'Pencas de maguey 🌵';
const heritageBase = (photo: string): Answers =>
  heritageAnswers([], { fotos: [{ foto: photo, pie_foto: CAPTION }] });
/** A: a long description, an overriding ingredient, the bearer's full name. */
const onA = (answers: Answers): Answers => ({
  ...answers,
  nombre_portador: 'Doña Rosa Martínez Ñañez',
  descripcion: LONG,
  ingredientes: [
    { ingrediente: OVERRIDDEN, ingrediente_origen: 'crianza' },
    { ingrediente: 'Pencas de maguey', ingrediente_origen: 'compra_local' },
  ],
});
/** B: the family, a lower viability, the photo retaken (same caption, another photo). */
const onB = (answers: Answers, [, retaken]: [string, string]): Answers => ({
  ...answers,
  nombre_portador: 'Doña Rosa Martínez y familia 👵🏽',
  riesgo: 'disminucion',
  fotos: [{ foto: retaken, pie_foto: CAPTION }],
});

const BEARER = 'Nombre de la persona o grupo portador';
const DIFFERING = [
  BEARER,
  'Descripción',
  'Ingredientes o materiales',
  'Fotografías',
  '¿Qué tan viva está la práctica?',
];

let server: ConflictServer;
let photoBytes: [string, string];

type Edits = Parameters<typeof makeConflict>[3];
/** Each test's own conflict, from the edits it uses (A's and B's unless it says). */
const test = base.extend<{ edits: Edits; conflict: Conflict }>({
  edits: [[onA, onB], { option: true }],
  conflict: async ({ edits }, use) => {
    const conflict = await makeConflict(server, photoBytes, heritageBase, edits);
    await use(conflict);
    await conflict.stop();
  },
});

test.beforeAll(async () => {
  server = await startConflictServer();
  photoBytes = await twoPhotos();
});
test.afterAll(async () => {
  await server.close();
});

const row = (page: Page, label: string) =>
  page.getByRole('group', { name: `${label} Diferente`, exact: true });
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The choice of `label` that keeps the revision made on `device`. */
const side = (page: Page, label: string, device: string) =>
  row(page, label).getByRole('radio', { name: new RegExp(escape(device)) });

async function openConflict(page: Page, conflict: Conflict): Promise<void> {
  await page.goto(conflict.a.url);
  await page.getByRole('button', { name: 'Personal', exact: true }).click();
  await tapKeypad(page, STAFF_PIN);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.getByRole('button', { name: 'Abrir registros de campo' }).click();
  await expect(page.getByRole('button', { name: 'Resolver conflicto' })).toHaveCount(1);
}

/** What choosing A for `fromA` and B for the rest of the differing fields makes. */
function merged(conflict: Conflict, fromA: string[]): Answers {
  const { answersA, answersB } = conflict;
  const names = ['nombre_portador', 'descripcion', 'ingredientes', 'fotos', 'riesgo'];
  const answers: Answers = { ...answersA };
  for (const name of names) {
    const value = (fromA.includes(name) ? answersA : answersB)[name];
    if (value !== undefined) answers[name] = value;
  }
  return answers;
}

/** The kiosk holds the merge as revision 3 of both, the only current one; the server too, once synced. */
async function expectMergedEverywhere(conflict: Conflict, answers: Answers): Promise<void> {
  const { a, recordId, revisionA, revisionB } = conflict;
  const parents = [revisionA, revisionB].sort();
  const check = (revisions: Awaited<ReturnType<typeof serverRevisions>>) => {
    expect(revisions.map((r) => [r.revision, r.current])).toEqual([
      [1, false],
      [2, false],
      [2, false],
      [3, true],
    ]);
    const merge = revisions[3];
    expect([...(merge?.parents ?? [])].sort()).toEqual(parents);
    expect(merge?.answers).toEqual(answers);
  };
  check(kioskRevisions(a, recordId));
  await syncNow(a);
  check(await serverRevisions(server.server, recordId));
}

test('by touch: the differences side by side, photos shown, long and overriding text kept in place; the merge saved and synced', async ({
  page,
  conflict,
}) => {
  const { deviceA, deviceB, photos } = conflict;
  await openConflict(page, conflict);
  await page.getByRole('button', { name: 'Resolver conflicto' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Resolver conflicto' })).toBeVisible();
  await expect(page.getByText('Editó: Ana Pérez Ñíguez')).toBeVisible();
  await expect(page.getByText('Editó: Brenda Ruiz 🌵')).toBeVisible();
  await expect(page.locator('fieldset.merge-row legend')).toHaveText(DIFFERING.map((l) => `${l} Diferente`));
  await expect(page.getByRole('group')).toHaveCount(DIFFERING.length);
  // The same caption on both sides: the photos themselves say which is which.
  await expect(
    side(page, 'Fotografías', deviceA).locator('..').locator(`img[data-attachment="${photos[0]}"]`),
  ).toBeVisible();
  await expect(
    side(page, 'Fotografías', deviceB).locator('..').locator(`img[data-attachment="${photos[1]}"]`),
  ).toBeVisible();
  await expectAccessible(page, 'merge screen');

  // The long description wraps inside its choice; nothing scrolls sideways.
  const longChoice = side(page, 'Descripción', deviceA).locator('..');
  await expect(longChoice).toContainText('Xochitlahuiyotlmaguey');
  const text = longChoice.locator('.merge-side-name').locator('..');
  const [choiceBox, textBox] = await Promise.all([longChoice.boundingBox(), text.boundingBox()]);
  expect((textBox?.x ?? 0) + (textBox?.width ?? 0)).toBeLessThanOrEqual(
    (choiceBox?.x ?? 0) + (choiceBox?.width ?? 0),
  );
  expect(await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth)).toBe(0);
  // The override turns its own word around, never the entries and options after it.
  const ingredients = side(page, 'Ingredientes o materiales', deviceA).locator('..');
  await expect(ingredients).toContainText(`${OVERRIDDEN} · Crianza propia${AFTER_OVERRIDE}`);
  // Word by word: the choice is narrow enough for the line to wrap anywhere between them.
  for (const word of ['Crianza', 'propia', 'Pencas', 'maguey', 'Compra', 'región']) {
    const lefts = await charLefts(ingredients, word);
    expect(lefts, word).toEqual(leftToRight(lefts));
  }

  for (const [label, device] of [
    [BEARER, deviceB],
    ['Descripción', deviceA],
    ['Ingredientes o materiales', deviceA],
    ['Fotografías', deviceB],
    ['¿Qué tan viva está la práctica?', deviceB],
  ] as const) {
    await side(page, label, device).click();
    await expect(side(page, label, device)).toBeChecked();
  }
  await page.getByRole('button', { name: 'Unir y revisar' }).click();
  await expect(page.getByRole('heading', { name: 'Revise el registro' })).toBeVisible();
  await page.getByRole('button', { name: 'Terminar y guardar' }).click();
  await expect(page.getByText('Registro guardado (revisión 3).')).toBeVisible();
  await expectMergedEverywhere(conflict, merged(conflict, ['descripcion', 'ingredientes']));
});

/** Tab (forwards) until focus is inside `target`; a kiosk's tab order is short. */
async function tabInto(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    if (await target.evaluate((element) => element.contains(element.ownerDocument.activeElement))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the target');
}

/** The merge draft as the kiosk stored it: answers and base revisions. */
function storedMergeDraft(conflict: Conflict): { answers: Answers; bases: string[] } | undefined {
  const db = new Database(path.join(conflict.a.dataDir, 'kiosk.db'), { readonly: true });
  try {
    const draft = db
      .prepare<[string], { answers: string; base_revisions: string }>(
        'SELECT answers, base_revisions FROM drafts WHERE record_id = ?',
      )
      .get(conflict.recordId);
    if (!draft) return undefined;
    const bases = (JSON.parse(draft.base_revisions) as string[]).sort();
    return { answers: JSON.parse(draft.answers) as Answers, bases };
  } finally {
    db.close();
  }
}

test('by keyboard only: Tab to each difference, arrows to choose, Enter to merge; the draft and the revision saved', async ({
  page,
  conflict,
}) => {
  const { deviceA, deviceB } = conflict;
  await openConflict(page, conflict);
  await tabInto(page, page.getByRole('button', { name: 'Resolver conflicto' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Resolver conflicto' })).toBeVisible();

  const wanted: [string, string][] = [
    [BEARER, deviceA],
    ['Descripción', deviceB],
    ['Ingredientes o materiales', deviceB],
    ['Fotografías', deviceA],
    ['¿Qué tan viva está la práctica?', deviceB],
  ];
  for (const [label, device] of wanted) {
    await tabInto(page, row(page, label));
    // Focus lands on the checked side; an arrow moves to (and checks) the other one.
    if (!(await side(page, label, device).isChecked())) await page.keyboard.press('ArrowDown');
    await expect(side(page, label, device)).toBeFocused();
    await expect(side(page, label, device)).toBeChecked();
  }
  await tabInto(page, page.getByRole('button', { name: 'Unir y revisar' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Revise el registro' })).toBeVisible();
  const expected = merged(conflict, ['nombre_portador', 'fotos']);
  expect(storedMergeDraft(conflict)).toEqual({
    answers: expected,
    bases: [conflict.revisionA, conflict.revisionB].sort(),
  });

  await tabInto(page, page.getByRole('button', { name: 'Terminar y guardar' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Registro guardado (revisión 3).')).toBeVisible();
  expect(storedMergeDraft(conflict)).toBeUndefined();
  await expectMergedEverywhere(conflict, expected);
});

test('a conflict merged on the other kiosk meanwhile: the merge is refused in words, nothing is written, the list shows the merge', async ({
  page,
  conflict,
}) => {
  const { a, b, recordId, answersB } = conflict;
  await openConflict(page, conflict);
  await page.getByRole('button', { name: 'Resolver conflicto' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Resolver conflicto' })).toBeVisible();

  const token = await staffToken(b);
  const draft = await callKiosk(b, 'record:merge', { token, recordId, answers: answersB, language: 'es' });
  await callKiosk(b, 'draft:finish', { token, draftId: draft.draftId, editedBy: 'Brenda Ruiz 🌵' });
  await syncNow(b);
  await syncNow(a);
  const before = kioskRevisions(a, recordId);
  expect(before.filter((r) => r.current).map((r) => r.revision)).toEqual([3]);

  await page.getByRole('button', { name: 'Unir y revisar' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Este registro ya no tiene un conflicto. Vuelva a abrir la lista.',
  );
  expect(kioskRevisions(a, recordId)).toEqual(before);
  expect(storedMergeDraft(conflict)).toBeUndefined();
  await page.getByRole('button', { name: 'Volver a la lista' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Registros de campo' })).toBeVisible();
  await expect(page.getByText('Revisión 3')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resolver conflicto' })).toHaveCount(0);
});

/** C: another community and viability. */
const onC = (answers: Answers): Answers => ({
  ...answers,
  comunidad: 'El Arenal, Actopan 🌽',
  riesgo: 'riesgo',
});

test.describe('three kiosks', () => {
  test.use({ edits: [onA, onB, onC] });

  test('three current revisions: the two newest merged first, said so on screen, then the oldest with the merge', async ({
    page,
    conflict,
  }) => {
    const { a, recordId, revisionA, revisionB, revisionC, deviceA } = conflict;
    await openConflict(page, conflict);
    await page.getByRole('button', { name: 'Resolver conflicto' }).click();
    await expect(
      page.getByText(
        'Queda 1 versión más, más antigua: guarde esta unión y resuelva el conflicto otra vez para unirla.',
      ),
    ).toBeVisible();
    const groups = [BEARER, 'Comunidad o localidad', 'Fotografías', '¿Qué tan viva está la práctica?'];
    await expect(page.locator('fieldset.merge-row legend')).toHaveText(groups.map((l) => `${l} Diferente`));
    for (const label of groups) {
      await expect(row(page, label).getByRole('radio')).toHaveCount(2);
      await expect(side(page, label, deviceA)).toHaveCount(0);
    }
    await expectAccessible(page, 'merge screen, three revisions');
    await page.getByRole('button', { name: 'Unir y revisar' }).click();
    await page.getByRole('button', { name: 'Terminar y guardar' }).click();
    await expect(page.getByText('Registro guardado (revisión 3).')).toBeVisible();

    // Still a conflict: A's revision and the merge. The second merge names them both.
    await page.getByRole('button', { name: 'Resolver conflicto' }).click();
    await expect(page.getByText(/Queda|Quedan/)).toHaveCount(0);
    await page.getByRole('button', { name: 'Unir y revisar' }).click();
    await page.getByRole('button', { name: 'Terminar y guardar' }).click();
    await expect(page.getByText('Registro guardado (revisión 4).')).toBeVisible();
    const revisions = kioskRevisions(a, recordId);
    const [first, , , , merge] = revisions.map((r) => r.id);
    expect(revisions.map((r) => [r.revision, r.current, [...r.parents].sort()])).toEqual([
      [1, false, []],
      [2, false, [first]],
      [2, false, [first]],
      [2, false, [first]],
      [3, false, [revisionB, revisionC].sort()],
      [4, true, [revisionA, merge].sort()],
    ]);
    await syncNow(a);
    expect((await serverRevisions(server.server, recordId)).map((r) => [r.revision, r.current])).toEqual(
      revisions.map((r) => [r.revision, r.current]),
    );
  });
});
