// A streaming XLSX writer: the sheet XML is generated row by row straight into a ZIP entry, so
// memory stays flat and the output's pace holds the export back. (exceljs's WorkbookWriter keeps
// a sheet's rows in memory when the output is slower than the export: over 400 MB at 300,000 rows.)
// Texts are inline strings; a text the spreadsheet guard flags gets Excel's quote-prefix style,
// which shows it unchanged but never lets it become a formula, even when the cell is edited.
// A cell with a link target (a photo's `media/<name>`) is a hyperlink to that relative path,
// which Excel and LibreOffice resolve from the folder the workbook is in.
import type { Writable } from 'node:stream';
import { needsGuard, numberText } from './cell-text';
import type { Cell } from './table-rows';
import type { TextSink } from './text-sink';
import { ZipOutput } from './zip-output';

/** Rows per sheet in Excel; longer tables continue on a sheet named "NAME (2)". */
export const MAX_SHEET_ROWS = 1_048_576;
const MAX_CELL_CHARS = 32_767;

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const STYLE_HEADER = 1;
const STYLE_QUOTED = 2;
const STYLE_LINK = 3;
const STYLE_DATE = 4;
const STYLE_DATE_TIME = 5;

/** A column of dates or date-times: written as Excel date serials with a date format. */
export type DateColumn = 'date' | 'dateTime' | undefined;

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DATE_TIME_TEXT = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?/;

/**
 * The Excel serial of a date or an ISO time's wall-clock part (Excel has no time zones: a time
 * shows as written, at the export's utc-offset or the kiosk's own); undefined for other text.
 */
export function excelSerial(text: string): number | undefined {
  const match = DATE_TIME_TEXT.exec(text);
  if (match === null) return undefined;
  const ms = Date.parse(`${match[1]}T${match[2] ?? '00:00'}Z`);
  return Number.isNaN(ms) ? undefined : (ms - EXCEL_EPOCH_MS) / 86_400_000;
}

// Every .xml part is a worksheet unless overridden, so this is right however many sheets follow.
const CONTENT_TYPES = `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
</Types>`;

const ROOT_RELS = `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">\
<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const STYLES = `${XML_DECL}<styleSheet xmlns="${NS}">\
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>\
<numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd hh:mm:ss"/></numFmts>\
<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>\
<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>\
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

export class XlsxWorkbook {
  private readonly zip: ZipOutput;
  private readonly sheetNames: string[] = [];
  /** Each sheet's filtered range (A1:AP5), which Excel also keeps as a hidden defined name. */
  private readonly filters: string[] = [];

  constructor(out: Writable) {
    this.zip = new ZipOutput(out);
    this.zip.addText('[Content_Types].xml', CONTENT_TYPES);
    this.zip.addText('_rels/.rels', ROOT_RELS);
    this.zip.addText('xl/styles.xml', STYLES);
  }

  /** A table as one sheet (more when it has more rows than a sheet holds). */
  openTable(name: string, header: readonly string[], dates: readonly DateColumn[] = []): XlsxTable {
    return new XlsxTable(this, name, header, dates);
  }

  openSheet(name: string): { sink: TextSink; sheetName: string } {
    const sheetName = uniqueSheetName(name, this.sheetNames);
    this.sheetNames.push(sheetName);
    return { sink: this.zip.openEntry(`xl/worksheets/sheet${this.sheetNames.length}.xml`), sheetName };
  }

  /** Ends the sheet opened last; `links` are its hyperlinks' relationships (see XlsxTable). */
  async closeSheet(sink: TextSink, lastCell: string, links: readonly string[]): Promise<void> {
    this.filters.push(`A1:${lastCell}`);
    await this.zip.endEntry(sink);
    if (links.length > 0) {
      this.zip.addText(
        `xl/worksheets/_rels/sheet${this.sheetNames.length}.xml.rels`,
        `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">${links.join('')}</Relationships>`,
      );
    }
  }

  async finish(): Promise<void> {
    const sheets = this.sheetNames
      .map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('');
    const names = this.filters
      .map((range, i) => {
        const quoted = `'${(this.sheetNames[i] ?? '').replaceAll("'", "''")}'`;
        const absolute = range.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
        return `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(`${quoted}!${absolute}`)}</definedName>`;
      })
      .join('');
    this.zip.addText(
      'xl/workbook.xml',
      `${XML_DECL}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets>${sheets}</sheets>` +
        `<definedNames>${names}</definedNames></workbook>`,
    );
    const rels = this.sheetNames
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join('');
    const stylesId = this.sheetNames.length + 1;
    this.zip.addText(
      'xl/_rels/workbook.xml.rels',
      `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">${rels}` +
        `<Relationship Id="rId${stylesId}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    );
    await this.zip.finish();
  }
}

export class XlsxTable {
  private readonly letters: string[];
  private sink: TextSink | undefined;
  private rowNumber = 0;
  private sheets = 0;
  /** Rows that came while no sheet was open (before the first, or once one was full). */
  private readonly full: [readonly Cell[], readonly (string | null)[] | undefined][] = [];
  /** The open sheet's hyperlinks: cell elements and their relationships (one per photo). */
  private hyperlinks: string[] = [];
  private relationships: string[] = [];

  constructor(
    private readonly book: XlsxWorkbook,
    private readonly name: string,
    private readonly header: readonly string[],
    private readonly dates: readonly DateColumn[],
  ) {
    this.letters = header.map((_, i) => columnLetters(i));
  }

  /**
   * Adds a row (the caller waits in afterRows), with each cell's link target or null; a property,
   * so it can be passed around.
   */
  readonly writeRow = (cells: readonly Cell[], links?: readonly (string | null)[]): void => {
    if (this.sink === undefined || this.rowNumber === MAX_SHEET_ROWS) {
      this.full.push([[...cells], links && [...links]]);
      return;
    }
    this.appendRow(cells, 0, links);
  };

  /** Lets the output catch up; a sheet that filled up is closed and continued on the next. */
  async afterRows(): Promise<void> {
    for (const [cells, links] of this.full.splice(0)) {
      if (this.sink === undefined || this.rowNumber === MAX_SHEET_ROWS) await this.nextSheet();
      this.appendRow(cells, 0, links);
    }
    await this.sink?.flushIfFull();
  }

  async close(): Promise<void> {
    await this.afterRows();
    if (this.sink === undefined) await this.nextSheet();
    await this.endSheet();
  }

  private async nextSheet(): Promise<void> {
    if (this.sink !== undefined) await this.endSheet();
    this.sheets++;
    const { sink } = this.book.openSheet(this.sheets === 1 ? this.name : `${this.name} (${this.sheets})`);
    this.sink = sink;
    this.rowNumber = 0;
    const widths = this.header
      .map((h, i) => {
        const width = Math.min(60, Math.max(10, h.length + 2));
        return `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`;
      })
      .join('');
    sink.write(
      `${XML_DECL}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0">` +
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
        `<sheetFormatPr defaultRowHeight="15"/><cols>${widths}</cols><sheetData>`,
    );
    this.appendRow(this.header, STYLE_HEADER);
  }

  private appendRow(cells: readonly Cell[], style: number, links?: readonly (string | null)[]): void {
    const sink = this.sink as TextSink;
    const r = ++this.rowNumber;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell === null || cell === undefined) continue;
      const ref = `${this.letters[i]}${r}`;
      if (typeof cell === 'number') {
        xml += `<c r="${ref}"><v>${numberText(cell)}</v></c>`;
        continue;
      }
      const date = style === 0 ? this.dates[i] : undefined;
      const serial = date === undefined ? undefined : excelSerial(cell);
      if (serial !== undefined) {
        const s = date === 'date' ? STYLE_DATE : STYLE_DATE_TIME;
        xml += `<c r="${ref}" s="${s}"><v>${serial}</v></c>`;
        continue;
      }
      const link = links?.[i];
      if (link !== null && link !== undefined) this.addLink(ref, link);
      const s = style || (link ? STYLE_LINK : needsGuard(cell) ? STYLE_QUOTED : 0);
      const text = escapeXml(cell.length > MAX_CELL_CHARS ? cell.slice(0, MAX_CELL_CHARS) : cell);
      const space = /^\s|\s$/.test(cell) ? ' xml:space="preserve"' : '';
      xml += `<c r="${ref}" t="inlineStr"${s ? ` s="${s}"` : ''}><is><t${space}>${text}</t></is></c>`;
    }
    sink.write(`${xml}</row>`);
  }

  private addLink(ref: string, target: string): void {
    const id = `rIdLink${this.relationships.length + 1}`;
    this.hyperlinks.push(`<hyperlink ref="${ref}" r:id="${id}"/>`);
    this.relationships.push(
      `<Relationship Id="${id}" Type="${REL_NS}/hyperlink" Target="${escapeXml(target)}" TargetMode="External"/>`,
    );
  }

  private async endSheet(): Promise<void> {
    const sink = this.sink as TextSink;
    const last = `${this.letters.at(-1) ?? 'A'}${this.rowNumber}`;
    const links = this.hyperlinks.length > 0 ? `<hyperlinks>${this.hyperlinks.join('')}</hyperlinks>` : '';
    sink.write(`</sheetData><autoFilter ref="A1:${last}"/>${links}</worksheet>`);
    await this.book.closeSheet(sink, last, this.relationships);
    this.sink = undefined;
    this.hyperlinks = [];
    this.relationships = [];
  }
}

/** Column index (0-based) to spreadsheet letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

// Characters XML 1.0 cannot carry at all, and lone surrogate halves.
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- these control characters are what it finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_SPECIAL = /[&<>\r"]/g;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\r': '&#13;',
  '"': '&quot;',
};

/** A carriage return is escaped too, or XML readers would turn it into a line feed. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(XML_SPECIAL, (c) => ESCAPES[c] as string);
}

function uniqueSheetName(name: string, taken: readonly string[]): string {
  const clean = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'data';
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  let candidate = clean;
  for (let n = 2; lower.has(candidate.toLowerCase()); n++) {
    const suffix = ` ${n}`;
    candidate = clean.slice(0, 31 - suffix.length) + suffix;
  }
  return candidate;
}
