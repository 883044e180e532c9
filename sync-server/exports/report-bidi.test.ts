// A label, choice or kiosk name with a RIGHT-TO-LEFT OVERRIDE (U+202E) must not turn the report's
// own words after it around: in the page each such value sits in a <bdi>, our words outside it,
// and the <title> (no markup there) has the control removed.
import { describe, expect, it } from 'vitest';
import { mergeVersions } from './export-layout';
import { FormStats } from './form-stats';
import { titleValue } from './html-text';
import type { ExportRecord } from './record-pages';
import { summaryReportHtml } from './summary-report';
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
    scope: 'evento feria',
    deviceNames: new Map([['d1', `Quiosco ${RLO}Sur`]]),
    photos: [],
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
    expect(html).toContain(
      `· Versiones del formulario: <bdi>1</bdi></p>\n<p class="meta">Filtros: <bdi>evento feria</bdi> · Generado: 2026-11-21 09:00</p>`,
    );
    // The economic-impact table's origins.
    expect(html).toContain(`<tr><td><bdi>Mé${RLO}xico</bdi></td><td class="n">1</td><td class="n">250</td>`);
  });

  it('has a <title> without the control, its letters all there', () => {
    expect(html.match(/<title>.*<\/title>/)?.[0]).toBe('<title>Resumen: Feria Norte</title>');
    expect(titleValue(`a${BIDI_CONTROLS}b <&>`)).toBe('ab &#60;&#38;&#62;');
  });
});
