// The summary report: one self-contained HTML page (inline CSS and SVG, nothing fetched) that
// prints well: records per day and per kiosk, a frequency table and bar chart per choice question,
// the distribution of every number (e.g. the visitor group's total spending), answer counts of
// the rest.
import { uiLanguage, type Language, type UiLanguage } from '../../shared/forms/form-definition';
import { localized, type ExportQuestion } from './export-layout';
import { choiceBase, type Distribution, type FormStats } from './form-stats';
import type { FilterPart } from './describe-filters';
import { esc, isolated, unmarked, withoutBidi } from './html-text';
import { impactSection } from './impact-report';
import type { ReportPhoto } from './report-photos';

export type ReportContext = {
  language: Language;
  generatedAt: string;
  /** The filters, in words ("event muestra_2026, from 2026-11-20"): each value isolated alone. */
  scope: readonly FilterPart[];
  deviceNames: ReadonlyMap<string, string>;
  /** Photos of published records (report-photos.ts); none for forms without them. */
  photos: readonly ReportPhoto[];
};

const TEXT = {
  es: {
    report: 'Resumen',
    records: 'Respuestas',
    complete: 'completas',
    incomplete: 'incompletas (guardadas al agotarse el tiempo)',
    versions: 'Versiones del formulario',
    generated: 'Generado',
    filters: 'Filtros',
    none: 'ninguno',
    anonymised: 'Anonimizado: se omiten las preguntas con datos personales.',
    perDay: 'Respuestas por día',
    perKiosk: 'Respuestas por quiosco',
    day: 'Día',
    kiosk: 'Quiosco',
    answered: 'respondieron',
    missing: 'sin respuesta',
    notApplicable: 'no aplica',
    notReached: 'no alcanzada (respuesta incompleta)',
    choice: 'Opción',
    code: 'Código',
    percentAnswered: '% de quienes respondieron',
    percentRespondents: '% de quienes respondieron (varias opciones posibles)',
    notChosen: (n: number) => `${n} opciones más sin elegir`,
    distribution: 'Distribución',
    statistic: 'Estadístico',
    value: 'Valor',
    n: 'n',
    min: 'Mínimo',
    q1: 'Cuartil 1',
    median: 'Mediana',
    q3: 'Cuartil 3',
    max: 'Máximo',
    mean: 'Media',
    sum: 'Suma',
    rows: 'filas',
    table: 'Tabla',
    photos: 'Fotos publicadas',
    photosNote:
      'Solo de fichas cuya publicación se autorizó. Las fotos grandes se abren desde la carpeta media del paquete ZIP.',
  },
  en: {
    report: 'Summary',
    records: 'Responses',
    complete: 'complete',
    incomplete: 'incomplete (kept at the idle timeout)',
    versions: 'Form versions',
    generated: 'Generated',
    filters: 'Filters',
    none: 'none',
    anonymised: 'Anonymised: personal-data questions are left out.',
    perDay: 'Responses per day',
    perKiosk: 'Responses per kiosk',
    day: 'Day',
    kiosk: 'Kiosk',
    answered: 'answered',
    missing: 'missing',
    notApplicable: 'not applicable',
    notReached: 'not reached (incomplete response)',
    choice: 'Choice',
    code: 'Code',
    percentAnswered: '% of those who answered',
    percentRespondents: '% of those who answered (several choices possible)',
    notChosen: (n: number) => `${n} more choices nobody chose`,
    distribution: 'Distribution',
    statistic: 'Statistic',
    value: 'Value',
    n: 'n',
    min: 'Minimum',
    q1: 'Quartile 1',
    median: 'Median',
    q3: 'Quartile 3',
    max: 'Maximum',
    mean: 'Mean',
    sum: 'Sum',
    rows: 'rows',
    table: 'Table',
    photos: 'Published photos',
    photosNote:
      'Only of records whose publication was agreed. Large photos open from the ZIP bundle’s media folder.',
  },
} as const;

/** Between the captions of one photo (its instance's text answers). */
const CAPTION_JOINT = ' — ';

/** Lists longer than this show only the choices somebody chose. */
const SHOW_ALL_CHOICES = 12;

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2433;margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:2px solid #1d2433}
h3{font-size:1rem;margin:1.5rem 0 .25rem}.meta{color:#556;margin:0}.name{color:#556;font:12px ui-monospace,monospace}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.15rem .6rem;border-bottom:1px solid #dde;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.counts{color:#556;font-size:.9rem}
section{break-inside:avoid;page-break-inside:avoid}svg{display:block;max-width:100%;height:auto}
svg text{font:12px system-ui,sans-serif;fill:#1d2433}.photos{display:flex;flex-wrap:wrap;gap:.75rem}
figure{margin:0;width:10rem}figure img{width:10rem;height:7.5rem;object-fit:cover;background:#eef}figcaption{font-size:.85rem}.bar{fill:#2f6db5}.box{fill:#cfe0f5;stroke:#2f6db5}.whisker{stroke:#2f6db5}
@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}}
`;

export function summaryReportHtml(stats: FormStats, context: ReportContext): string {
  const { layout } = stats;
  const language = context.language;
  const t = TEXT[uiLanguage(language)];
  const number = new Intl.NumberFormat(language === 'es' ? 'es-MX' : 'en-US', { maximumFractionDigits: 2 });
  const title = localized(layout.title, language, layout.formId);
  const parts: string[] = [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width,initial-scale=1">`,
    `<title>${t.report}: ${unmarked(title)}</title><style>${CSS}</style></head><body>`,
    `<h1>${isolated(title)}</h1><p class="name">${esc(layout.formId)}</p>`,
    `<p class="meta">${t.records}: <strong>${number.format(stats.records)}</strong> (${number.format(stats.complete)} ${t.complete} · ${number.format(stats.records - stats.complete)} ${t.incomplete}) · ${t.versions}: ${layout.versions.map((v) => isolated(v.version)).join(', ')}</p>`,
    `<p class="meta">${t.filters}: ${filterLine(context.scope) || t.none} · ${t.generated}: ${esc(context.generatedAt)}</p>`,
    layout.anonymised ? `<p class="meta">${t.anonymised}</p>` : '',
    impactSection(stats, language, number),
  ];

  const days = [...stats.perDay.entries()].sort(([a], [b]) => a.localeCompare(b));
  parts.push(
    `<section><h2>${t.perDay}</h2>`,
    countTable(t.day, days, number),
    barChart(
      days.map(([label, value]) => ({ label, value })),
      number,
    ),
    '</section>',
  );
  const kiosks = [...stats.perDevice.entries()]
    .map(([id, value]) => ({ label: context.deviceNames.get(id) ?? id, value }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  parts.push(
    `<section><h2>${t.perKiosk}</h2>`,
    countTable(
      t.kiosk,
      kiosks.map((k) => [k.label, k.value]),
      number,
    ),
    barChart(kiosks, number),
    '</section>',
  );

  if (context.photos.length > 0) parts.push(photoSection(context.photos, t));
  for (const table of layout.tables) {
    if (table.repeatPath.length > 0) {
      const rows = stats.rowsPerTable.get(table.name) ?? 0;
      parts.push(
        `<h2>${t.table}: ${isolated(localized(table.label, language, table.name))} <span class="name">${esc(table.name)} · ${number.format(rows)} ${t.rows}</span></h2>`,
      );
    }
    for (const question of table.questions) parts.push(questionSection(stats, question, language, number));
  }
  parts.push('</body></html>');
  return parts.join('\n');
}

/** One <bdi> per value: a value in one <bdi> with the others could still reorder them. */
const filterLine = (parts: readonly FilterPart[]): string =>
  parts.map(({ words, value }) => (value === undefined ? words : `${words} ${isolated(value)}`)).join(', ');

function questionSection(
  stats: FormStats,
  question: ExportQuestion,
  language: Language,
  number: Intl.NumberFormat,
): string {
  const t = TEXT[uiLanguage(language)];
  const counts = stats.questions.get(question);
  if (counts === undefined) return '';
  const header =
    `<section><h3>${isolated(localized(question.label, language, question.name))}</h3>` +
    `<p class="name">${esc(question.name)} · ${question.type}</p>` +
    `<p class="counts">${number.format(counts.answered)} ${t.answered} · ${number.format(counts.missing)} ${t.missing} · ${number.format(counts.notApplicable)} ${t.notApplicable} · ${number.format(counts.notReached)} ${t.notReached}</p>`;
  if (counts.frequencies !== undefined) {
    const choices = question.choices ?? [];
    const known = new Set(choices.map((c) => c.name));
    const rows = [
      ...choices.map((c) => ({
        code: c.name,
        label: localized(c.label, language, c.name),
        value: counts.frequencies?.get(c.name) ?? 0,
        base: choiceBase(question, counts, c.name),
      })),
      // Codes no version's list has (a record of a version the server lacks).
      ...[...counts.frequencies.entries()]
        .filter(([code]) => !known.has(code))
        .map(([code, value]) => ({ code, label: code, value, base: counts.answered })),
    ];
    const shown = rows.length > SHOW_ALL_CHOICES ? rows.filter((r) => r.value > 0) : rows;
    // Of those who answered with a version that offered the choice.
    const percent = (v: number, base: number) => (base === 0 ? '–' : `${number.format((100 * v) / base)} %`);
    // A code alone in its cell (a bidi paragraph of its own) can turn none of our words: bare.
    const body = shown
      .map(
        (r) =>
          `<tr><td>${isolated(r.label)}</td><td class="name">${esc(r.code)}</td><td class="n">${number.format(r.value)}</td><td class="n">${percent(r.value, r.base)}</td></tr>`,
      )
      .join('');
    const hidden = rows.length - shown.length;
    return (
      header +
      `<table><thead><tr><th>${t.choice}</th><th>${t.code}</th><th class="n">n</th><th class="n">${question.type === 'select_multiple' ? t.percentRespondents : t.percentAnswered}</th></tr></thead><tbody>${body}</tbody></table>` +
      (hidden > 0 ? `<p class="counts">${t.notChosen(hidden)}</p>` : '') +
      barChart(
        shown.map((r) => ({ label: r.label, value: r.value })),
        number,
      ) +
      '</section>'
    );
  }
  const distribution = counts.numbers?.distribution();
  if (distribution !== undefined) {
    const rows: [string, number][] = [
      [t.n, distribution.n],
      [t.min, distribution.min],
      [t.q1, distribution.q1],
      [t.median, distribution.median],
      [t.q3, distribution.q3],
      [t.max, distribution.max],
      [t.mean, distribution.mean],
      [t.sum, distribution.sum],
    ];
    const body = rows
      .map(([label, value]) => `<tr><td>${label}</td><td class="n">${number.format(value)}</td></tr>`)
      .join('');
    return (
      header +
      `<table><thead><tr><th>${t.statistic}</th><th class="n">${t.value}</th></tr></thead><tbody>${body}</tbody></table>` +
      boxPlot(distribution, number) +
      '</section>'
    );
  }
  return `${header}</section>`;
}

function countTable(what: string, rows: readonly [string, number][], number: Intl.NumberFormat): string {
  const body = rows
    .map(([label, value]) => `<tr><td>${isolated(label)}</td><td class="n">${number.format(value)}</td></tr>`)
    .join('');
  return `<table><thead><tr><th>${what}</th><th class="n">n</th></tr></thead><tbody>${body}</tbody></table>`;
}

const CHART_WIDTH = 640;
const LABEL_WIDTH = 220;
const BAR_HEIGHT = 18;

/** Horizontal bars, one per item, scaled to the largest value. */
export function barChart(
  items: readonly { label: string; value: number }[],
  number: Intl.NumberFormat,
): string {
  if (items.length === 0) return '';
  const max = Math.max(1, ...items.map((i) => i.value));
  const span = CHART_WIDTH - LABEL_WIDTH - 70;
  const height = items.length * BAR_HEIGHT + 4;
  const bars = items
    .map((item, i) => {
      const y = i * BAR_HEIGHT + 2;
      const width = Math.round((item.value / max) * span);
      // An SVG <text> takes no <bdi>: the label loses its bidi controls before it is cut, so no
      // override cut from its end reverses the rest, and the "…" is last as it is read.
      const chars = Array.from(withoutBidi(item.label));
      const label = chars.length > 34 ? `${chars.slice(0, 33).join('')}…` : chars.join('');
      return (
        `<text x="${LABEL_WIDTH - 6}" y="${y + 13}" text-anchor="end">${esc(label)}</text>` +
        `<rect class="bar" x="${LABEL_WIDTH}" y="${y + 2}" width="${width}" height="${BAR_HEIGHT - 5}"/>` +
        `<text x="${LABEL_WIDTH + width + 4}" y="${y + 13}">${number.format(item.value)}</text>`
      );
    })
    .join('');
  return `<svg viewBox="0 0 ${CHART_WIDTH} ${height}" width="${CHART_WIDTH}" height="${height}" role="img">${bars}</svg>`;
}

/**
 * Minimum, quartiles and maximum as a box with whiskers. The minimum and maximum are labelled at
 * the two ends and the median on a row of its own below, so a median near either end (skewed
 * spending) never writes over them; one value alone gets one label.
 */
export function boxPlot(d: Distribution, number: Intl.NumberFormat): string {
  const left = 20;
  const span = CHART_WIDTH - 40;
  const x = (v: number) =>
    d.max === d.min ? left + span / 2 : left + ((v - d.min) / (d.max - d.min)) * span;
  const f = (v: number) => x(v).toFixed(1);
  return (
    `<svg viewBox="0 0 ${CHART_WIDTH} 80" width="${CHART_WIDTH}" height="80" role="img">` +
    `<line class="whisker" x1="${f(d.min)}" x2="${f(d.q1)}" y1="20" y2="20"/>` +
    `<line class="whisker" x1="${f(d.q3)}" x2="${f(d.max)}" y1="20" y2="20"/>` +
    `<line class="whisker" x1="${f(d.min)}" x2="${f(d.min)}" y1="12" y2="28"/>` +
    `<line class="whisker" x1="${f(d.max)}" x2="${f(d.max)}" y1="12" y2="28"/>` +
    `<rect class="box" x="${f(d.q1)}" y="8" width="${(x(d.q3) - x(d.q1)).toFixed(1)}" height="24"/>` +
    `<line class="whisker" x1="${f(d.median)}" x2="${f(d.median)}" y1="8" y2="32" stroke-width="2"/>` +
    (d.min === d.max
      ? `<text x="${f(d.min)}" y="50" text-anchor="middle">${number.format(d.min)}</text>`
      : `<text x="${f(d.min)}" y="50" text-anchor="start">${number.format(d.min)}</text>` +
        `<text x="${f(d.max)}" y="50" text-anchor="end">${number.format(d.max)}</text>` +
        `<text x="${f(d.median)}" y="68" text-anchor="middle">${number.format(d.median)}</text>`) +
    '</svg>'
  );
}

function photoSection(photos: readonly ReportPhoto[], t: (typeof TEXT)[UiLanguage]): string {
  const figures = photos.map((photo) => {
    const picture =
      photo.embedded === undefined
        ? `<a href="${esc(photo.path)}">${isolated(photo.path)}</a>`
        : `<img src="${esc(photo.embedded)}" alt="${unmarked(photo.captions.join(CAPTION_JOINT))}">`;
    const caption = photo.captions.map(isolated).join(CAPTION_JOINT);
    return `<figure>${picture}<figcaption>${caption}</figcaption></figure>`;
  });
  return `<section><h2>${t.photos}</h2><p class="meta">${t.photosNote}</p><div class="photos">${figures.join('')}</div></section>`;
}
