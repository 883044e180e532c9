// The photos the summary report shows: those of published records only (publication consent
// "si"), at most MAX_REPORT_PHOTOS, first records first. The server cannot shrink a photo without
// an image library, so a photo of at most EMBED_MAX_BYTES is embedded in the page as it is
// (shown small by CSS); a larger one is a link to its place in the ZIP bundle (`media/<name>`),
// which works from the bundle's report.html or beside its unzipped media folder.
import type { ServerDb } from '../db/server-database';
import type { ExportLayout } from './export-layout';
import type { ExportFilters } from './export-options';
import { rowsOfRecord } from './instances';
import { MediaIndex } from './media';
import { smallPhoto } from './media-store';
import { publicationConsent } from './publication';
import { recordPages, toRecord } from './record-pages';

export const MAX_REPORT_PHOTOS = 24;
export const EMBED_MAX_BYTES = 96 * 1024;

export type ReportPhoto = {
  /** `media/<name>`: where the bundle has it. */
  path: string;
  /** The photo as a data: URI, when small enough to embed. */
  embedded: string | undefined;
  /** The other text answers of the photo's repeat instance (its caption), each its own value. */
  captions: string[];
};

const MIME = { jpg: 'image/jpeg', png: 'image/png' } as const;

export async function publishedPhotos(
  s: ServerDb,
  layout: ExportLayout,
  filters: ExportFilters,
  complete: readonly string[],
): Promise<ReportPhoto[]> {
  const consent = publicationConsent(layout);
  if (consent === undefined || complete.length === 0) return [];
  const media = new MediaIndex(complete);
  const tables = layout.tables.filter((t) => t.questions.some((q) => q.type === 'image'));
  const found: { path: string; name: string; captions: string[] }[] = [];
  const published = { ...filters, publishedBy: consent.name };
  pages: for await (const page of recordPages(s, layout.formId, published, layout.kind === 'heritage')) {
    for (const row of page) {
      const record = toRecord(row, published);
      if (record === undefined) continue;
      const form = layout.byVersion.get(record.formVersion);
      for (const table of tables) {
        rowsOfRecord(form, table, record, ({ scope }) => {
          const texts = table.questions.filter((q) => q.type === 'text');
          const captions = texts.map((q) => scope.answers[q.name]).filter((a) => typeof a === 'string');
          for (const q of table.questions) {
            const answer = scope.answers[q.name];
            if (q.type !== 'image' || typeof answer !== 'string') continue;
            const { path } = media.photo(answer);
            if (path !== null && !found.some((f) => f.path === path))
              found.push({ path, name: answer, captions });
          }
        });
      }
      if (found.length >= MAX_REPORT_PHOTOS) break pages;
    }
  }
  const photos: ReportPhoto[] = [];
  for (const { path, name, captions } of found.slice(0, MAX_REPORT_PHOTOS)) {
    const bytes = await smallPhoto(s, name, EMBED_MAX_BYTES);
    const mime = MIME[name.endsWith('.png') ? 'png' : 'jpg'];
    photos.push({ path, captions, embedded: bytes && `data:${mime};base64,${bytes.toString('base64')}` });
  }
  return photos;
}
