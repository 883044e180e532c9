// Which codes a camera looks for. Every format asked for is one more reader over every frame (a
// 640×480 frame without a code, in Node: 8 ms for QR alone, 15 ms for the question's list), so the
// door asks for QR only: its tickets and passes are QR. The barcode question also reads the product
// and ID codes field staff scan. The text read is the code as printed (printed-code.ts): a UPC-E's
// 8 digits, a UPC-A's 12 (read as an EAN-13 starting with 0, since its bars are that EAN-13's).
import { z } from 'zod';
import type { ReadInputBarcodeFormat } from 'zxing-wasm/reader';

/** What the decode worker accepts: the question's formats, of which the door's are a part. */
const SCAN_FORMATS = [
  'QRCode',
  'DataMatrix',
  'Code128',
  'Code39',
  'EAN13',
  'EAN8',
  'UPCA',
  'UPCE',
  'ITF',
] as const satisfies readonly ReadInputBarcodeFormat[];

export type ScanFormat = (typeof SCAN_FORMATS)[number];

export const DOOR_FORMATS: readonly ScanFormat[] = ['QRCode'];
export const BARCODE_QUESTION_FORMATS: readonly ScanFormat[] = SCAN_FORMATS;

/** The worker's check of what it is asked to read (zod, as printed-code.ts already brings it). */
const ScanFormatsSchema = z.array(z.enum(SCAN_FORMATS)).nonempty();

/** The formats of a worker message, or null unless it is a non-empty list of known ones. */
export function scanFormatsOf(value: unknown): ScanFormat[] | null {
  const formats = ScanFormatsSchema.safeParse(value);
  return formats.success ? formats.data : null;
}
