// A code's text as printed under its bars, which is what a USB scanner types. ZXing-C++ 3 (zxing-wasm
// 3.1.3, no reader option changes it) gives a UPC-E expanded to its 13-digit GTIN (01234565 read as
// 0012345000065) and keeps the printed 8 digits in `extra`. Only the reported format decides, never
// the digits. A UPC-A stays as read, 13 digits: its bars are those of an EAN-13 starting with 0,
// and with EAN-13 asked for too (the question's list) ZXing reports it as an EAN-13.
import { z } from 'zod';
import type { ReadResult } from 'zxing-wasm/reader';

/** zxing-wasm's `extra` (a JSON object) for a UPC-E: its printed digits. */
const upceExtra = z.object({ UPCE: z.string().regex(/^\d{8}$/) });

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The text to answer with: a UPC-E's 8 printed digits, any other code's text as read. */
export function printedText(result: Pick<ReadResult, 'format' | 'text' | 'extra'>): string {
  if (result.format !== 'UPCE') return result.text;
  const extra = upceExtra.safeParse(jsonOf(result.extra));
  // Without them (never seen from 3.1.3) the expanded GTIN still names the product.
  return extra.success ? extra.data.UPCE : result.text;
}
