// The summary report and the codebook say what the stored records say: counts per day and
// kiosk, frequencies, exact quartiles, answered / missing / not applicable — and the report is
// one self-contained page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { SURVEY, KIOSK_NAMES, seedExportData, type SeededExport, HERITAGE } from './testing/export-fixtures';
import { column, csvTable, exportBuffer, type Table } from './testing/read-back';
import { readZip } from './testing/read-zip';

/** The text content of an HTML fragment, tags dropped and entities decoded, spaces collapsed. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The section of the report about one question (by its name line). */
function section(html: string, name: string): string {
  const at = html.indexOf(`<p class="name">${name} ·`);
  if (at < 0) throw new Error(`no section for ${name}`);
  return html.slice(at, html.indexOf('</section>', at));
}

describe.each(DB_KINDS)('summary report and codebook on %s', (kind) => {
  let test: TestServer;
  let seeded: SeededExport;
  let html: string;

  beforeAll(async () => {
    test = await openServerForTest(kind);
    seeded = await seedExportData(test);
    const query = { format: 'report', event: seeded.eventId, 'utc-offset': '-06:00' } as const;
    html = (await exportBuffer(test.server.db, SURVEY, query)).bytes.toString('utf8');
  });
  afterAll(async () => {
    await test.close();
  });

  it('is one self-contained, printable page: inline style and SVG, nothing fetched, no script', () => {
    expect(html).toMatch(/^<!doctype html><html lang="es">/);
    expect(html).toContain('<style>');
    expect(html).toContain('@media print');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|href=|url\(|https?:/i);
  });

  it('counts records per day (at the asked offset) and per kiosk', () => {
    const perDay = html.slice(html.indexOf('Respuestas por día'), html.indexOf('Respuestas por quiosco'));
    expect(text(perDay)).toContain('2026-11-20 2 2026-11-21 1 2026-11-22 1');
    const perKiosk = html.slice(html.indexOf('Respuestas por quiosco'));
    expect(text(perKiosk)).toContain(`${KIOSK_NAMES[0]} 2`);
    expect(text(perKiosk)).toContain(`${KIOSK_NAMES[1]} 2`);
  });

  it('has a frequency table and a bar chart per choice question', () => {
    const stay = section(html, 'pernocta');
    expect(text(stay)).toContain('2 respondieron · 1 sin respuesta · 1 no aplica');
    expect(text(stay)).toContain('Sí si 1 50 % No no 1 50 %');
    expect(stay.match(/<rect class="bar"/g)).toHaveLength(2);
    // 84 municipalities: only the chosen one is listed.
    expect(text(section(html, 'municipio'))).toContain(
      'Santiago de Anaya santiago_de_anaya 1 100 % 83 opciones más sin elegir',
    );
    // select_multiple: percent of those who answered.
    expect(text(section(html, 'como_se_entero'))).toContain('Redes sociales redes 1 50 %');
  });

  it('gives the distribution of numbers: total spending with exact quartiles', () => {
    // 2,750.5 + 155.75: the incomplete record answered no spending question, so its calculated
    // 0 is no value (record-reach.ts).
    expect(text(section(html, 'gasto_total'))).toContain(
      'n 2 Mínimo 155.75 Cuartil 1 804.44 Mediana 1,453.13 Cuartil 3 2,101.81 Máximo 2,750.5 Media 1,453.13 Suma 2,906.25',
    );
  });

  it('opens with the economic impact: headline, spending and overnight stays by origin', () => {
    const impact = html.slice(html.indexOf('<h2>Impacto económico'), html.indexOf('Respuestas por día'));
    // Spending of the two who reached it (the incomplete record stopped before it, the third
    // declined); per person over the 4 + 1 people of those two groups.
    expect(text(impact)).toContain(
      'Respuestas 4 (3 completas) Gasto total de los grupos 2,906.25 (2 grupos que respondieron el gasto) ' +
        'Gasto medio por grupo 1,453.13 Gasto por persona 581.25',
    );
    expect(text(impact)).toContain('Pernoctan en la región 50 %');
    expect(text(impact)).toContain(
      'Gasto por lugar de origen Origen n Media Mediana Total México 1 2,750.5 2,750.5 2,750.5 ' +
        'Estados Unidos 1 155.75 155.75 155.75',
    );
    // México's incomplete record never reached the overnight question: 1 answered, not 2.
    expect(text(impact)).toContain(
      'Pernocta por lugar de origen Origen Respondieron Pernoctan % México 1 1 100 % Estados Unidos 1 0 0 %',
    );
  });

  it('has no economic-impact section for a form without origin and spending', async () => {
    const query = { format: 'report', event: seeded.eventId } as const;
    const other = (await exportBuffer(test.server.db, HERITAGE, query)).bytes.toString('utf8');
    expect(other).not.toContain('Impacto económico');
  });

  it('codebook: labels, type, choices, skip condition, constraint, pii and answered / missing / n/a', async () => {
    const zip = readZip(
      (await exportBuffer(test.server.db, SURVEY, { format: 'zip', event: seeded.eventId })).bytes,
    );
    const codebook = csvTable(zip.get('codebook.csv') as Buffer);
    const row = (variable: string) => {
      const at = column(codebook, 'variable').indexOf(variable);
      return Object.fromEntries(codebook.header.map((h, i) => [h, codebook.rows[at]?.[i]]));
    };
    expect(row('como_se_entero')).toMatchObject({
      table: SURVEY,
      columns:
        'como_se_entero como_se_entero.redes como_se_entero.cartelera como_se_entero.radio_tv como_se_entero.web como_se_entero.recomendacion como_se_entero.ya_conocia como_se_entero.otro',
      label_es: '¿Cómo se enteró de la Muestra?',
      label_en: 'How did you hear about the Fair?',
      type: 'select_multiple',
      skip_condition: "${acepta} = 'si'",
      pii: 'no',
      answered: '2',
      missing: '1',
      not_applicable: '1',
    });
    expect(String(row('como_se_entero').choices).split('\n')[0]).toBe(
      'redes = Redes sociales / Social media',
    );
    expect(row('veces_anteriores')).toMatchObject({
      skip_condition: "(${acepta} = 'si') and (${primera_vez} = 'no')",
      constraint: '. >= 1 and . <= 60',
      answered: '1',
      missing: '0',
      not_applicable: '3',
    });
    expect(row('sexo')).toMatchObject({ required: 'no', answered: '1', missing: '2', not_applicable: '1' });
    expect(row('created_at')).toMatchObject({ type: 'metadata', answered: '4' });

    const markdown = zip.get('codebook.md')?.toString('utf8') ?? '';
    expect(markdown).toContain(
      '# Codebook: Encuesta de impacto económico — Muestra Gastronómica (`encuesta_impacto_economico`)',
    );
    expect(markdown).toContain(
      "| `veces_anteriores` |  | ¿Cuántas veces ha venido antes? | How many times have you come before? | integer | `(${acepta} = 'si') and (${primera_vez} = 'no')` | `. >= 1 and . <= 60` | yes | no | 1 | 0 | 3 |",
    );
  });

  it('codebook of a form with repeats counts each repeat’s rows, and marks personal data', async () => {
    const zip = readZip(
      (await exportBuffer(test.server.db, HERITAGE, { format: 'zip', event: seeded.eventId })).bytes,
    );
    const codebook = csvTable(zip.get('codebook.csv') as Buffer) as Table;
    const at = (variable: string) => column(codebook, 'variable').indexOf(variable);
    const cell = (variable: string, name: string) =>
      codebook.rows[at(variable)]?.[codebook.header.indexOf(name)];
    expect(cell('ingrediente_temporada', 'table')).toBe('ingredientes');
    expect(cell('ingrediente_temporada', 'answered')).toBe('2');
    expect(cell('ingrediente_temporada', 'missing')).toBe('1');
    expect(cell('nombre_portador', 'pii')).toBe('yes');
    expect(zip.get('codebook.md')?.toString('utf8')).toContain('## Table `ingredientes`');
  });
});
