// The appearance column, word by word: what the kiosk's widgets honour passes; what only arranges a
// many-questions screen or picks a widget the kiosk lacks loads with a warning at its cell; what
// needs something a kiosk cannot offer (other apps, printers) is refused.
import type { QuestionType } from './form-definition';
import { sheetWarning, type FormSheetWarning } from './form-sheet-error';
import type { Sheet, SheetRow } from './sheet';

/** The drawing pad (renderer/src/photo/DrawingQuestion.tsx): on image questions only. */
const DRAWING = /^(signature|draw|annotate)$/;

const REFUSED: readonly [RegExp, string][] = [
  [/^ex:/, 'answering in another app (ex:)'],
  [/^printer:/, 'printing (printer:)'],
  [/^search\(/, 'search() choice lists from a CSV (pulldata-like)'],
  [/^(ethiopian|coptic|islamic|bikram-sambat|myanmar|persian)$/, 'non-Gregorian calendars'],
  [/^(placement-map|image-map|bearing|counter)$/, 'this input widget'],
];

/** What the renderer's widgets do (renderer/src/form: choice-layout, dates, text, hidden pages). */
const HONOURED =
  /^(multiline|numbers|minimal|likert|columns|columns-pack|columns-\d+|search|autocomplete|month-year|year|hidden|privacy-notice)$/;

/** Layouts for showing several questions at once; the kiosk asks one question per page. */
const LAYOUT =
  /^(field-list|table-list|label|list-nolabel|list|horizontal|horizontal-compact|compact|compact-\d+|quickcompact|quickcompact-\d+|no-buttons|w\d+)$/;

/** ODK widgets the kiosk has no counterpart for: the question keeps its usual input. */
const OTHER_WIDGETS =
  /^(rating|spinner|picker|vertical|no-calendar|thousands-sep|url|masked|new|new-front|selfie|map|quick|distress)$/;

/** Checks each word of a question's appearance; returns the column's text. */
export function checkAppearance(
  sheet: Sheet,
  row: SheetRow,
  warnings: FormSheetWarning[],
  type: QuestionType,
): string | undefined {
  const text = row.get('appearance');
  if (text === '') return undefined;
  const warn = (detail: string) => warnings.push(sheetWarning(sheet.at(row.line, 'appearance'), detail));
  for (const word of text.split(/\s+/)) {
    const lower = word.toLowerCase();
    const refused = REFUSED.find(([pattern]) => pattern.test(lower));
    if (refused)
      throw sheet.error(row.line, 'appearance', `appearance "${word}" (${refused[1]}) is not supported`);
    if (DRAWING.test(lower) && type !== 'image')
      throw sheet.error(
        row.line,
        'appearance',
        `appearance "${word}" draws a picture: only image questions take it`,
      );
    if (HONOURED.test(lower) || DRAWING.test(lower)) continue;
    if (LAYOUT.test(lower))
      warn(
        `appearance "${word}" arranges several questions on one screen; the kiosk asks one per page (ignored)`,
      );
    else if (OTHER_WIDGETS.test(lower))
      warn(`appearance "${word}" is not offered by the kiosk: the question keeps its usual input (ignored)`);
    else warn(`appearance "${word}" is not known to Quiosco (ignored)`);
  }
  return text;
}

/** appearance "hidden": the question gets no page; its default or calculation still fills it. */
export function hiddenByAppearance(appearance: string | undefined): boolean {
  return appearance?.toLowerCase().split(/\s+/).includes('hidden') ?? false;
}

/** The drawing appearance of an image question, if it has one. */
export function drawingAppearance(
  appearance: string | undefined,
): 'signature' | 'draw' | 'annotate' | undefined {
  for (const word of appearance?.toLowerCase().split(/\s+/) ?? []) {
    if (word === 'signature' || word === 'draw' || word === 'annotate') return word;
  }
  return undefined;
}
