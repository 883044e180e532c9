// The console's form preview: the kiosk renderer served at /preview/EVENT/FORM/VERSION/, its one
// kiosk (just that form) from the console API, its images beside the page. Reading a form is
// the office's, as on the forms page; nothing here is personal data and nothing is ever saved.
import { z } from 'zod';
import { LanguageSchema, NameSchema } from '../forms/form-definition';
import { BootstrapSchema } from '../ipc/contract';
import { EventIdSchema, IsoTimeSchema } from '../sync/protocol';
import { CONSOLE_API, EventQuerySchema } from './console-api';
import { FormVersionParamsSchema } from './setup-api';

/** The page's own address names the event, form and version; a relative form-media/ path stays under it. */
export const PreviewPageParamsSchema = FormVersionParamsSchema.extend({ eventId: EventIdSchema });
export type PreviewPage = z.infer<typeof PreviewPageParamsSchema>;

/** The kiosk's language to open the form in (the visitor may still change it there). */
export const PreviewQuerySchema = EventQuerySchema.extend({ language: LanguageSchema.optional() });

export const PreviewBootstrapResponseSchema = z.object({
  bootstrap: BootstrapSchema,
  serverTime: IsoTimeSchema,
});

export const PREVIEW_PREFIX = '/preview/';

/** Where the preview of a form version is served. */
export function previewPageUrl(page: PreviewPage, language?: string): string {
  const path = [page.eventId, page.formId, page.version].map(encodeURIComponent).join('/');
  return `${PREVIEW_PREFIX}${path}/${language === undefined ? '' : `?language=${encodeURIComponent(language)}`}`;
}

/** The console API call that answers the preview's kiosk:bootstrap. */
export function previewBootstrapUrl(page: PreviewPage, language: string | undefined): string {
  const query = new URLSearchParams({ eventId: page.eventId, ...(language && { language }) });
  return `${CONSOLE_API}/preview/forms/${encodeURIComponent(page.formId)}/versions/${encodeURIComponent(page.version)}?${query}`;
}

const PreviewAddressSchema = z.object({
  page: PreviewPageParamsSchema,
  language: LanguageSchema.optional(),
});

/** The event, form and version a preview page's path names, and the language its query asks for. */
export function readPreviewLocation(location: {
  pathname: string;
  search: string;
}): z.infer<typeof PreviewAddressSchema> {
  const segments = location.pathname.slice(PREVIEW_PREFIX.length).split('/').filter(Boolean);
  const [eventId, formId, version] = segments.map((segment) => decodeURIComponent(segment));
  const language = new URLSearchParams(location.search).get('language') ?? undefined;
  const read = PreviewAddressSchema.safeParse({ page: { eventId, formId, version }, language });
  if (!read.success) throw new Error(`Not a preview address: ${z.prettifyError(read.error)}`);
  return read.data;
}

export const PreviewMediaParamsSchema = PreviewPageParamsSchema.extend({
  /** The renderer names the form again in its media path (form-media/FORM/FILE). */
  mediaFormId: NameSchema,
  file: z.string().max(128),
});
