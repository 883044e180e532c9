// A form whose title, labels and choice (label and code) hold a RIGHT-TO-LEFT OVERRIDE, for the
// tests that every export language escapes bidi controls its own way.
import type { FormDefinition } from '../../../shared/forms/form-definition';
import { readFormSheets } from '../../events/events-store';

export const RLO = '\u202e';
/** Every bidi control: ALM, LRM, RLM, the embeddings and overrides, the isolates. */
export const BIDI_CONTROLS = '\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';

const csv = (rows: string[][]): string =>
  rows.map((r) => r.map((f) => `"${f.replaceAll('"', '""')}"`).join(',')).join('\r\n');

export function bidiForm(): FormDefinition {
  return readFormSheets({
    settings: csv([
      ['form_id', 'version', 'form_title::es', 'default_language'],
      ['bidi', '1', `Feria ${RLO}Norte`, 'es'],
    ]),
    survey: csv([
      ['type', 'name', 'label::es'],
      ['select_one paises', 'pais', `¿De dónde ${RLO}viene?`],
      ['decimal', 'gasto_total', 'Gasto'],
      ['begin_repeat', 'platillos', `Platillos ${RLO}probados`],
      ['text', 'platillo', 'Platillo'],
      ['end_repeat', '', ''],
    ]),
    choices: csv([
      ['list_name', 'name', 'label::es'],
      ['paises', `mx${RLO}`, `Mé${RLO}xico`],
    ]),
  });
}
