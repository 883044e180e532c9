// The filters of an export in words, for the summary report's header. Each filter's value (an
// event, kiosk or version someone typed) apart from our words, so the report isolates each alone.
import { uiLanguage, type Language } from '../../shared/forms/form-definition';
import type { ExportOptions } from './export-options';

const FILTER_WORDS = {
  es: {
    event: 'evento',
    kiosk: 'quiosco',
    version: 'versión',
    from: 'desde',
    to: 'hasta',
    revisions: 'todas las revisiones',
    published: 'solo fichas publicables',
    complete: 'solo respuestas completas',
  },
  en: {
    event: 'event',
    kiosk: 'kiosk',
    version: 'version',
    from: 'from',
    to: 'to',
    revisions: 'every revision',
    published: 'published records only',
    complete: 'complete responses only',
  },
} as const;

/** One filter: our words, and the value it filters by if it has one. */
export type FilterPart = { words: string; value?: string };

/** The filters in words, for the report: "evento" muestra_2026, "desde" 2026-11-20T06:00:00.000Z. */
export function describeFilters(options: ExportOptions, language: Language): FilterPart[] {
  const { filters } = options;
  const words = FILTER_WORDS[uiLanguage(language)];
  const time = (ms: number) => new Date(ms).toISOString();
  const parts: (FilterPart | false)[] = [
    filters.eventId !== undefined && { words: words.event, value: filters.eventId },
    filters.deviceId !== undefined && { words: words.kiosk, value: filters.deviceId },
    filters.version !== undefined && { words: words.version, value: filters.version },
    filters.fromMs !== undefined && { words: words.from, value: time(filters.fromMs) },
    filters.toMs !== undefined && { words: words.to, value: time(filters.toMs) },
    filters.revisions === 'all' && { words: words.revisions },
    filters.publishedBy !== undefined && { words: words.published },
    filters.completeOnly === true && { words: words.complete },
  ];
  return parts.filter((part) => part !== false);
}
