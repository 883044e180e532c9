// One table as CSV: UTF-8 with a byte order mark, RFC 4180 quoting, CRLF line ends. Optionally
// notes each column's widest text in UTF-8 bytes and whether it held any text at all, which the
// SPSS syntax needs to declare the columns.
import { BOM, csvField, csvLine, guarded, type LineBreaks } from './cell-text';
import type { Cell } from './table-rows';
import type { TextSink } from './text-sink';

export type ColumnProfile = { maxBytes: number[]; hasText: boolean[] };

export class CsvTable {
  readonly profile: ColumnProfile | undefined;

  constructor(
    private readonly sink: TextSink,
    header: readonly string[],
    private readonly lineBreaks: LineBreaks,
    profile: boolean,
  ) {
    sink.write(BOM + csvLine(header, lineBreaks));
    this.profile = profile ? { maxBytes: header.map(() => 0), hasText: header.map(() => false) } : undefined;
  }

  /** Adds a row to the sink (the caller flushes it); a property, so it can be passed around. */
  readonly writeRow = (cells: readonly Cell[]): void => {
    const { profile } = this;
    if (profile === undefined) {
      this.sink.write(csvLine(cells, this.lineBreaks));
      return;
    }
    let line = '';
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] as Cell;
      if (i > 0) line += ',';
      line += csvField(cell, this.lineBreaks);
      if (typeof cell === 'string') {
        profile.hasText[i] = true;
        const bytes = Buffer.byteLength(this.asRead(cell));
        if (bytes > (profile.maxBytes[i] as number)) profile.maxBytes[i] = bytes;
      }
    }
    this.sink.write(`${line}\r\n`);
  };

  /** The text a reader gets back from the field (what its width is measured on). */
  private asRead(cell: string): string {
    const text = guarded(cell);
    return this.lineBreaks === 'keep' ? text : text.replaceAll('\n', '\u2028').replaceAll('\r', '\u2029');
  }
}
