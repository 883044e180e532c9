// The filters of an export in words, for the summary report's header.
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

/** The filters in words, for the report: "evento muestra_2026, desde 2026-11-20T06:00:00.000Z". */
export function describeFilters(options: ExportOptions, language: Language): string {
  const { filters } = options;
  const words = FILTER_WORDS[uiLanguage(language)];
  const time = (ms: number) => new Date(ms).toISOString();
  return [
    filters.eventId !== undefined && `${words.event} ${filters.eventId}`,
    filters.deviceId !== undefined && `${words.kiosk} ${filters.deviceId}`,
    filters.version !== undefined && `${words.version} ${filters.version}`,
    filters.fromMs !== undefined && `${words.from} ${time(filters.fromMs)}`,
    filters.toMs !== undefined && `${words.to} ${time(filters.toMs)}`,
    filters.revisions === 'all' && words.revisions,
    filters.publishedBy !== undefined && words.published,
    filters.completeOnly === true && words.complete,
  ]
    .filter((part) => part !== false)
    .join(', ');
}
