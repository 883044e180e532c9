import { describe, expect, it } from 'vitest';
import { describeFilters } from './describe-filters';
import { exportOptions, ExportQuerySchema } from './export-options';

describe('describeFilters', () => {
  it('names every filter, the revisions and publication ones included, in the asked language, each value apart', () => {
    const query = ExportQuerySchema.parse({
      event: 'feria_2026',
      from: '2026-11-20',
      revisions: 'all',
      'published-only': 'true',
    });
    const options = exportOptions('f', query, false);
    const published = { ...options, filters: { ...options.filters, publishedBy: 'consiente_publicacion' } };
    expect(describeFilters(published, 'es')).toEqual([
      { words: 'evento', value: 'feria_2026' },
      { words: 'desde', value: '2026-11-20T00:00:00.000Z' },
      { words: 'todas las revisiones' },
      { words: 'solo fichas publicables' },
    ]);
    expect(describeFilters(published, 'en')).toEqual([
      { words: 'event', value: 'feria_2026' },
      { words: 'from', value: '2026-11-20T00:00:00.000Z' },
      { words: 'every revision' },
      { words: 'published records only' },
    ]);
    expect(describeFilters(exportOptions('f', ExportQuerySchema.parse({}), false), 'es')).toEqual([]);
  });
});
