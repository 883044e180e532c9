export type SheetName = 'survey' | 'choices' | 'settings';

/** Excel's letters for a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** Where a fault or warning is, as a spreadsheet shows it. */
export type SheetLocation = {
  readonly sheet: SheetName;
  /** 1-based spreadsheet row (the header is row 1); also the CSV line a record starts on. */
  readonly row: number;
  /** Header of the column at fault; '' when the fault is the whole row. */
  readonly column: string;
  /** 0-based index of that column when it exists in the sheet. */
  readonly columnIndex?: number | undefined;
};

/** `survey!C14, column "calculation"`, or `survey sheet, row 3` when no one cell is at fault. */
export function describeLocation({ sheet, row, column, columnIndex }: SheetLocation): string {
  if (column === '') return `${sheet} sheet, row ${row}`;
  if (columnIndex === undefined) return `${sheet} sheet, row ${row}, column "${column}"`;
  return `${sheet}!${columnLetters(columnIndex)}${row}, column "${column}"`;
}

/** A form sheet that cannot be used, located at the sheet, row and column at fault. */
export class FormSheetError extends Error implements SheetLocation {
  override readonly name = 'FormSheetError';
  constructor(
    readonly sheet: SheetName,
    readonly row: number,
    readonly column: string,
    readonly detail: string,
    readonly columnIndex?: number,
  ) {
    super(`${describeLocation({ sheet, row, column, columnIndex })}: ${detail}`);
  }

  /** The cell as Excel names it (survey!C14), when one cell is at fault. */
  get cell(): string | undefined {
    return this.columnIndex === undefined
      ? undefined
      : `${this.sheet}!${columnLetters(this.columnIndex)}${this.row}`;
  }
}

/** Something in the form the kiosk reads but does not act on; the form still loads. */
export type FormSheetWarning = SheetLocation & { readonly detail: string; readonly message: string };

export function sheetWarning(location: SheetLocation, detail: string): FormSheetWarning {
  return { ...location, detail, message: `${describeLocation(location)}: ${detail}` };
}
