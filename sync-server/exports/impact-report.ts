// The summary report's economic-impact section (impact-stats.ts): the headline figures, then
// spending and overnight stays by the visitor's origin. Only for a form that has them.
import { uiLanguage, type Language } from '../../shared/forms/form-definition';
import { localized, mainTable } from './export-layout';
import type { FormStats } from './form-stats';
import { isolated } from './html-text';
import { IMPACT_NAMES, type ImpactStats } from './impact-stats';

const TEXT = {
  es: {
    title: 'Impacto económico',
    note: 'De las respuestas de este reporte; el gasto es del grupo de visitantes durante su visita.',
    surveyed: 'Respuestas',
    complete: 'completas',
    spendingTotal: 'Gasto total de los grupos',
    spendingGroups: 'grupos que respondieron el gasto',
    perGroup: 'Gasto medio por grupo',
    perPerson: 'Gasto por persona',
    perPersonNote: 'gasto de los grupos con tamaño conocido entre sus integrantes',
    overnight: 'Pernoctan en la región',
    byOrigin: 'Gasto por lugar de origen',
    overnightByOrigin: 'Pernocta por lugar de origen',
    origin: 'Origen',
    n: 'n',
    mean: 'Media',
    median: 'Mediana',
    total: 'Total',
    answered: 'Respondieron',
    stay: 'Pernoctan',
    percent: '%',
  },
  en: {
    title: 'Economic impact',
    note: 'From the responses in this report; spending is the visitor group’s during its visit.',
    surveyed: 'Responses',
    complete: 'complete',
    spendingTotal: 'Total spending of the groups',
    spendingGroups: 'groups that answered the spending',
    perGroup: 'Mean spending per group',
    perPerson: 'Spending per person',
    perPersonNote: 'spending of the groups of known size over their members',
    overnight: 'Stay overnight in the region',
    byOrigin: 'Spending by place of origin',
    overnightByOrigin: 'Overnight stays by place of origin',
    origin: 'Origin',
    n: 'n',
    mean: 'Mean',
    median: 'Median',
    total: 'Total',
    answered: 'Answered',
    stay: 'Stay overnight',
    percent: '%',
  },
} as const;

export function impactSection(stats: FormStats, language: Language, number: Intl.NumberFormat): string {
  const impact = stats.impact;
  if (impact === undefined) return '';
  const t = TEXT[uiLanguage(language)];
  const question = (name: string) => mainTable(stats.layout).questions.find((q) => q.name === name);
  const spendingQuestion = question(IMPACT_NAMES.spending);
  const spending = spendingQuestion && stats.questions.get(spendingQuestion)?.numbers;
  const percent = (part: number, whole: number) =>
    whole === 0 ? '–' : `${number.format((100 * part) / whole)} %`;
  const money = (value: number | undefined) => (value === undefined ? '–' : number.format(value));

  const headline: [string, string][] = [
    [t.surveyed, `${number.format(stats.records)} (${number.format(stats.complete)} ${t.complete})`],
    [
      t.spendingTotal,
      `${money(spending?.total)} (${number.format(spending?.size ?? 0)} ${t.spendingGroups})`,
    ],
    [t.perGroup, money(spending && spending.size > 0 ? spending.total / spending.size : undefined)],
  ];
  if (impact.hasGroup)
    headline.push([
      t.perPerson,
      `${money(impact.people > 0 ? impact.groupSpending / impact.people : undefined)} (${t.perPersonNote})`,
    ]);
  const overnightQuestion = question(IMPACT_NAMES.overnight);
  const overnight = overnightQuestion && stats.questions.get(overnightQuestion);
  if (impact.hasOvernight && overnight?.frequencies !== undefined)
    headline.push([t.overnight, percent(overnight.frequencies.get('si') ?? 0, overnight.answered)]);

  const origins = originRows(impact, language);
  const spendingRows = origins.map(({ label, stats: s }) => {
    const d = s.spending.distribution();
    return row([
      isolated(label),
      number.format(s.spending.size),
      money(d?.mean),
      money(d?.median),
      money(d?.sum),
    ]);
  });
  const overnightRows = origins.map(({ label, stats: s }) =>
    row([
      isolated(label),
      number.format(s.overnightAnswered),
      number.format(s.overnight),
      percent(s.overnight, s.overnightAnswered),
    ]),
  );
  return [
    `<section><h2>${t.title}</h2><p class="meta">${t.note}</p>`,
    `<table><tbody>${headline.map(([label, value]) => `<tr><th>${label}</th><td class="n">${value}</td></tr>`).join('')}</tbody></table>`,
    `<h3>${t.byOrigin}</h3>`,
    table([t.origin, t.n, t.mean, t.median, t.total], spendingRows),
    impact.hasOvernight
      ? `<h3>${t.overnightByOrigin}</h3>${table([t.origin, t.answered, t.stay, t.percent], overnightRows)}`
      : '',
    '</section>',
  ].join('\n');
}

/** Origins in the choice list's order (then codes no list has), those with records only. */
function originRows(impact: ImpactStats, language: Language) {
  const choices = impact.origin.choices ?? [];
  const known = new Set(choices.map((c) => c.name));
  return [
    ...choices.map((c) => ({ code: c.name, label: localized(c.label, language, c.name) })),
    ...[...impact.byOrigin.keys()].filter((code) => !known.has(code)).map((code) => ({ code, label: code })),
  ].flatMap(({ code, label }) => {
    const stats = impact.byOrigin.get(code);
    return stats === undefined ? [] : [{ label, stats }];
  });
}

/** A row whose first cell is a label and the rest numbers. */
function row(cells: readonly string[]): string {
  return `<tr>${cells.map((cell, i) => (i === 0 ? `<td>${cell}</td>` : `<td class="n">${cell}</td>`)).join('')}</tr>`;
}

function table(headers: readonly string[], rows: readonly string[]): string {
  const head = headers.map((h, i) => (i === 0 ? `<th>${h}</th>` : `<th class="n">${h}</th>`)).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
