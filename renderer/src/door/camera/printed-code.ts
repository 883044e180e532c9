// A code's text as printed under its bars, which is what a USB scanner types: the same product
// gives the same answer whichever way it was scanned. ZXing-C++ 3 (zxing-wasm 3.1.3, no reader
// option changes it) gives a UPC-E expanded to its 13-digit GTIN (01234565 read as 0012345000065)
// and keeps the printed 8 digits in `extra`. A UPC-A's bars are those of an EAN-13 starting with 0
// (GS1 defines it so), and ZXing gives that EAN-13's 13 digits (format EAN13 with EAN-13 asked for
// too, as the question does; UPCA otherwise): a scanner in its default set-up types the UPC-A's 12
// printed digits, so that leading 0 goes (the check digit is the same either way).
import { z } from 'zod';
import type { ReadResult } from 'zxing-wasm/reader';

/** zxing-wasm's `extra` (a JSON object) for a UPC-E: its printed digits. */
const upceExtra = z.object({ UPCE: z.string().regex(/^\d{8}$/) });

/** An EAN-13 that is a UPC-A: a 0, then the UPC-A's 12 digits. */
const UPCA_AS_EAN13 = /^0(\d{12})$/;

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The text to answer with: a UPC-E's 8 printed digits, a UPC-A's 12 (an EAN-13 starting with 0),
 * any other code's text as read.
 */
export function printedText(result: Pick<ReadResult, 'format' | 'text' | 'extra'>): string {
  if (result.format === 'EAN13' || result.format === 'UPCA') {
    return UPCA_AS_EAN13.exec(result.text)?.[1] ?? result.text;
  }
  if (result.format !== 'UPCE') return result.text;
  const extra = upceExtra.safeParse(jsonOf(result.extra));
  // Without them (never seen from 3.1.3) the expanded GTIN still names the product.
  return extra.success ? extra.data.UPCE : result.text;
}
