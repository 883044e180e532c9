// CSV lines written straight into UTF-8 bytes, the same bytes as csvLine's text encoded (with
// line breaks kept), for the big exports: copying each field's characters while scanField checks
// them costs about half of building the line as text and encoding it afterwards, and a page's
// bytes are what a worker thread hands over anyway.
import {
  isPlainNumber,
  NON_ASCII,
  NUMBER_LIKE,
  numberText,
  scanField,
  SPECIAL,
  specialField,
} from './cell-text';
import type { Cell } from './table-rows';

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;
/** UTF-8 takes at most 3 bytes for each UTF-16 code unit. */
const MAX_BYTES_PER_UNIT = 3;
/** Whole numbers below this are written as numberText writes them (String(n)). */
const MAX_DIGITS_INTEGER = 1e15;
/** About the pages in flight between a worker and the output. */
const MAX_SPARES = 4;

export class CsvBytes {
  private bytes: Buffer;
  private at = 0;
  /** Buffers handed back once written, for the next pages: no new memory for each page. */
  private readonly spares: ArrayBuffer[] = [];

  constructor(private readonly initialBytes = 1 << 16) {
    this.bytes = Buffer.allocUnsafeSlow(initialBytes);
  }

  line(cells: readonly Cell[]): void {
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) this.byte(COMMA);
      const cell = cells[i] as Cell;
      if (cell === null) continue;
      if (typeof cell !== 'number') this.field(cell);
      else if (Number.isInteger(cell) && cell >= 0 && cell < MAX_DIGITS_INTEGER) this.integer(cell);
      else this.ascii(numberText(cell));
    }
    this.room(2);
    this.bytes[this.at++] = CR;
    this.bytes[this.at++] = LF;
  }

  /**
   * The bytes written since the last take, in a buffer of their own (so a worker can hand it
   * over); the next lines go to a spare or a new one, about as big.
   */
  take(): Buffer {
    const page = this.bytes.subarray(0, this.at);
    const size = Math.max(this.initialBytes, this.at + (this.at >> 3));
    const spare = this.spares.findIndex((buffer) => buffer.byteLength >= size);
    this.bytes =
      spare < 0 ? Buffer.allocUnsafeSlow(size) : Buffer.from(this.spares.splice(spare, 1)[0] as ArrayBuffer);
    this.at = 0;
    return page;
  }

  /** A buffer a page taken before was in, no longer used. */
  reuse(buffer: ArrayBuffer): void {
    if (this.spares.length < MAX_SPARES) this.spares.push(buffer);
  }

  private field(cell: string): void {
    this.room(cell.length * MAX_BYTES_PER_UNIT + 2);
    const kind = scanField(cell, this.bytes, this.at);
    if (kind & SPECIAL) return this.text(specialField(cell, 'keep'));
    if (kind & NUMBER_LIKE && isPlainNumber(cell)) {
      this.bytes[this.at++] = QUOTE;
      this.ascii(cell);
      this.bytes[this.at++] = QUOTE;
      return;
    }
    // Copied by the scan when ASCII; else written over.
    this.at += kind & NON_ASCII ? this.bytes.write(cell, this.at) : cell.length;
  }

  private text(text: string): void {
    this.room(text.length * MAX_BYTES_PER_UNIT);
    this.at += this.bytes.write(text, this.at);
  }

  /** numberText of a whole number in range, digit by digit: no string made (0/1 columns). */
  private integer(n: number): void {
    if (n < 10) return this.byte(48 + n);
    let digits = 1;
    for (let power = 10; power <= n; power *= 10) digits++;
    this.room(digits);
    for (let i = this.at + digits - 1; i >= this.at; i--) {
      this.bytes[i] = 48 + (n % 10);
      n = Math.floor(n / 10);
    }
    this.at += digits;
  }

  /** A text known to be ASCII (a number's), with room for it and a quote after. */
  private ascii(text: string): void {
    this.room(text.length + 1);
    for (let i = 0; i < text.length; i++) this.bytes[this.at++] = text.charCodeAt(i);
  }

  private byte(value: number): void {
    this.room(1);
    this.bytes[this.at++] = value;
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.bytes.length) return;
    const larger = Buffer.allocUnsafeSlow(Math.max(2 * this.bytes.length, this.at + bytes));
    this.bytes.copy(larger, 0, 0, this.at);
    this.bytes = larger;
  }
}
