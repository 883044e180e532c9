// A label, choice or kiosk name with a RIGHT-TO-LEFT OVERRIDE (U+202E) must not turn the report's
// own words after it around: in the page each such value sits in a <bdi> of its own, our words
// outside it, and the <title>, an alt text and an SVG chart's labels (no markup there) have the
// control removed.
import { describe, expect, it } from 'vitest';
import { describeFilters } from './describe-filters';
import { mergeVersions } from './export-layout';
import { exportOptions, ExportQuerySchema } from './export-options';
import { FormStats } from './form-stats';
import { unmarked } from './html-text';
import type { ExportRecord } from './record-pages';
import { barChart, summaryReportHtml } from './summary-report';
import { BIDI_CONTROLS, RLO, bidiForm } from './testing/bidi-form';

function report(): string {
  const stats = new FormStats(mergeVersions([bidiForm()], false), undefined);
  const record: ExportRecord = {
    id: 'r1',
    eventId: 'feria',
    deviceId: 'd1',
    formVersion: '1',
    complete: true,
    createdAt: '2026-11-20T10:00:00.000Z',
    startedAt: '2026-11-20T09:58:00.000Z',
    receivedAt: '2026-11-20T10:00:01.000Z',
    language: 'es',
    passId: null,
    privacyNoticeVersion: null,
    answers: { pais: `mx${RLO}`, gasto_total: 250 },
    recordId: 'r1',
    revision: 1,
    parents: [],
    editedBy: undefined,
    current: true,
    conflict: false,
  };
  stats.add(record);
  return summaryReportHtml(stats, {
    language: 'es',
    generatedAt: '2026-11-21 09:00',
    // The filter line as an export makes it: a version filter can hold a control.
    scope: describeFilters(
      exportOptions('bidi', ExportQuerySchema.parse({ event: 'feria', version: `1${RLO}` }), false),
      'es',
    ),
    deviceNames: new Map([['d1', `Quiosco ${RLO}Sur`]]),
    photos: [
      {
        path: 'media/a.jpg',
        embedded: 'data:image/jpeg;base64,AA==',
        captions: [`Olla ${RLO}de barro`, 'Tula'],
      },
    ],
  });
}

describe('the summary report of values with bidi controls', () => {
  const html = report();

  it('isolates each value in a <bdi>, the words of the report outside it', () => {
    expect(html).toContain(`<h1><bdi>Feria ${RLO}Norte</bdi></h1>`);
    expect(html).toContain(
      `<h2>Tabla: <bdi>Platillos ${RLO}probados</bdi> <span class="name">platillos · 0 filas</span></h2>`,
    );
    expect(html).toContain(`<section><h3><bdi>¿De dónde ${RLO}viene?</bdi></h3>`);
    expect(html).toContain(
      `<tr><td><bdi>Mé${RLO}xico</bdi></td><td class="name">mx${RLO}</td><td class="n">1</td><td class="n">100 %</td></tr>`,
    );
    expect(html).toContain(`<tr><td><bdi>Quiosco ${RLO}Sur</bdi></td><td class="n">1</td></tr>`);
    // The economic-impact table's origins.
    expect(html).toContain(`<tr><td><bdi>Mé${RLO}xico</bdi></td><td class="n">1</td><td class="n">250</td>`);
  });

  it('isolates each filter value on its own, the words and commas between them outside', () => {
    expect(html).toContain(
      `· Versiones del formulario: <bdi>1</bdi></p>\n<p class="meta">Filtros: evento <bdi>feria</bdi>, versión <bdi>1${RLO}</bdi> · Generado: 2026-11-21 09:00</p>`,
    );
  });

  it('isolates each caption of a photo on its own; its alt text has no control', () => {
    expect(html).toContain(
      `<img src="data:image/jpeg;base64,AA==" alt="Olla de barro — Tula"><figcaption><bdi>Olla ${RLO}de barro</bdi> — <bdi>Tula</bdi></figcaption>`,
    );
  });

  it('has a <title> without the control, its letters all there', () => {
    expect(html.match(/<title>.*<\/title>/)?.[0]).toBe('<title>Resumen: Feria Norte</title>');
    expect(unmarked(`a${BIDI_CONTROLS}b <&>`)).toBe('ab &#60;&#38;&#62;');
  });

  it('labels the charts without the control: an SVG <text> takes no <bdi>', () => {
    expect(html).toContain('<text x="214" y="15" text-anchor="end">Quiosco Sur</text>');
    expect(html).toContain('<text x="214" y="15" text-anchor="end">México</text>');
    expect(html).not.toMatch(/<text[^>]*>[^<]*\u202e/);
  });

  it('cuts a long chart label after its controls are gone, the "…" last as it is read', () => {
    const number = new Intl.NumberFormat('es-MX');
    const label = (text: string) =>
      barChart([{ label: text, value: 1 }], number).match(/end">(.*?)<\/text>/)?.[1];
    expect(label(`${RLO}${'a'.repeat(40)}`)).toBe(`${'a'.repeat(33)}…`);
    expect(label(`${'é'.repeat(30)}${BIDI_CONTROLS}`)).toBe('é'.repeat(30));
    // By characters, not UTF-16 units: no half of an emoji before the "…".
    expect(label('🎉'.repeat(40))).toBe(`${'🎉'.repeat(33)}…`);
  });
});
