// A title, label or choice code with bidi controls (a U+202E turns what follows it around in an
// editor, Trojan Source style) must not reach the bundle's scripts as it is: SPSS comments and
// labels get a space for it, as for any control character, a code a hex string of its exact
// bytes; the R script writes it as a \u escape.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { mergeVersions } from './export-layout';
import { rScript, rString } from './r-script';
import { spssSyntax, type ScriptTable } from './spss-syntax';
import { spssComment, spssQuote, spssString } from './spss-text';
import { tableColumns } from './table-rows';
import { BIDI_CONTROLS, RLO, bidiForm } from './testing/bidi-form';

const run = promisify(execFile);
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function script(): { layout: ReturnType<typeof mergeVersions>; tables: ScriptTable[] } {
  const layout = mergeVersions([bidiForm()], false);
  const table = layout.tables[0];
  if (table === undefined) throw new Error('no main table');
  const columns = tableColumns(layout, table, 'both');
  const profile = { maxBytes: columns.map(() => 8), hasText: columns.map(() => true) };
  return { layout, tables: [{ table, file: 'bidi.csv', columns, profile }] };
}

describe('SPSS text with bidi controls', () => {
  it('gives comments and labels a space for each run of them, as for control characters', () => {
    expect(spssComment(`Feria ${RLO}Norte. 2${BIDI_CONTROLS}x`)).toBe('Feria  Norte 2 x');
    expect(spssString(`Mé${RLO}xico${BIDI_CONTROLS}!`, 120)).toBe("'Mé xico !'");
  });

  it('writes a code holding one as the hex string of its UTF-8 bytes, others quoted', () => {
    expect(spssQuote(`mx${RLO}`)).toBe("X'6D78E280AE'");
    expect(spssQuote(`a\u0001b`)).toBe("X'610162'");
    expect(spssQuote("a'.'")).toBe("'a''.'''");
  });

  it('writes syntax with none of them in it', () => {
    const { layout, tables } = script();
    const syntax = spssSyntax(layout, tables, 'es');
    expect(syntax).not.toMatch(BIDI);
    expect(syntax.split('\n')).toContain('* Feria  Norte (bidi), versions 1.');
    expect(syntax.split('\n')).toContain("  /pais '¿De dónde  viene?'");
    expect(syntax.split('\n')).toContain("    (X'6D78E280AE' = 1)");
    expect(syntax.split('\n')).toContain("    1 'Mé xico'");
  });

  it('still recodes such a code in PSPP: the hex string is the exact value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quiosco-spss-bidi-'));
    try {
      writeFileSync(join(dir, 'd.csv'), `s\r\nmx${RLO}\r\nmx\r\n`);
      writeFileSync(
        join(dir, 'r.sps'),
        [
          "GET DATA /TYPE=TXT /FILE='d.csv' /ENCODING='UTF8' /ARRANGEMENT=DELIMITED /DELCASE=LINE",
          '  /FIRSTCASE=2 /DELIMITERS="," /VARIABLES= s A8.',
          `RECODE s (${spssQuote(`mx${RLO}`)} = 1) (ELSE = 0) INTO n.`,
          'FORMATS n (F1.0).',
          'LIST n.',
        ].join('\n'),
      );
      const env = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
      await run('pspp', ['-O', 'format=csv', '-o', 'out.csv', 'r.sps'], { cwd: dir, env });
      expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('Table: Data List\nn\n1\n0\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('R text with bidi controls', () => {
  it('writes each as a \\u escape in strings and comments: the script is ASCII', () => {
    expect(rString(`Mé${RLO}xico${BIDI_CONTROLS}`)).toBe(
      '"M\\u00e9\\u202exico\\u061c\\u200e\\u200f\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069"',
    );
    const { layout, tables } = script();
    const r = rScript(layout, tables, 'es');
    expect(r).toMatch(/^[\x20-\x7e\n]*$/);
    expect(r.split('\n')[0]).toBe('# Feria \\u202eNorte (bidi), versions 1.');
  });
});
