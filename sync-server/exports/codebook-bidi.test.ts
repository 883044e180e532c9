// A title, label or choice with a RIGHT-TO-LEFT OVERRIDE (U+202E) must not turn the rest of its
// line of codebook.md around, raw or rendered: each bidi control is written as its escape.
import { describe, expect, it } from 'vitest';
import { codebookMarkdown, mdCode, mdText } from './codebook';
import { mergeVersions } from './export-layout';
import { FormStats } from './form-stats';
import { tableColumns } from './table-rows';
import { BIDI_CONTROLS, RLO, bidiForm } from './testing/bidi-form';

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function codebook(): string {
  const layout = mergeVersions([bidiForm()], false);
  const tables = layout.tables.map((table) => ({ table, columns: tableColumns(layout, table, 'both') }));
  return codebookMarkdown(new FormStats(layout, undefined), tables, 'es', 'now');
}

describe('codebook.md of a form with bidi controls', () => {
  it('writes each control as its escape, in text and in code', () => {
    expect(mdText(`a${BIDI_CONTROLS}\\b*`)).toBe(
      'a\\u061c\\u200e\\u200f\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\\\b\\*',
    );
    expect(mdCode(`mx${RLO}|`)).toBe('`mx\\u202e\\|`');
  });

  it('writes titles, labels and choices with the escape and no control', () => {
    const markdown = codebook();
    expect(markdown).not.toMatch(BIDI);
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('# Codebook: Feria \\u202eNorte (`bidi`)');
    expect(lines).toContain(
      '| `pais` |  | ¿De dónde \\u202eviene? |  | select_one |  |  | no | no | 0 | 0 | 0 | 0 |',
    );
    expect(lines).toContain('### `pais`: ¿De dónde \\u202eviene?');
    expect(lines).toContain('| `mx\\u202e` | Mé\\u202exico |  | 0 |');
  });
});
