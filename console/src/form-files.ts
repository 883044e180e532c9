// The files a person picks to upload a form, as the upload request the server takes: an .xlsx
// workbook as base64, or the CSV trio told apart by name (NAME.survey.csv, NAME.choices.csv,
// NAME.settings.csv), and the PNG/JPEG images the form names, by file name, as base64.
// undefined when the files are not one of those.
import type { FormUploadRequest } from '../../shared/sync/admin-api';

export function base64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** A sheet's CSV; null when there are several (two forms' files picked: never mix them). */
function sheetOf(files: readonly File[], sheet: string): File | undefined | null {
  const found = files.filter((f) => f.name.toLowerCase().endsWith(`${sheet}.csv`));
  return found.length > 1 ? null : found[0];
}

/** Images go as media; the server checks each one's name, type and size as kiosks do. */
const isImage = (file: File): boolean => /\.(png|jpe?g)$/i.test(file.name);

export async function uploadRequestOf(files: readonly File[]): Promise<FormUploadRequest | undefined> {
  const images = files.filter(isImage);
  const sheets = files.filter((file) => !isImage(file));
  const media = await Promise.all(
    images.map(async (file) => ({
      name: file.name,
      base64: base64(new Uint8Array(await file.arrayBuffer())),
    })),
  );
  const [first] = sheets;
  if (sheets.length === 1 && first !== undefined && /\.xlsx$/i.test(first.name)) {
    return { xlsx: base64(new Uint8Array(await first.arrayBuffer())), fileName: first.name, media };
  }
  const survey = sheetOf(sheets, 'survey');
  const settings = sheetOf(sheets, 'settings');
  const choices = sheetOf(sheets, 'choices');
  if (!survey || !settings || choices === null) return undefined;
  return {
    survey: await survey.text(),
    choices: choices === undefined ? '' : await choices.text(),
    settings: await settings.text(),
    media,
  };
}
