export type SheetName = 'survey' | 'choices' | 'settings';

/** A form sheet that cannot be used, located at the sheet, row and column at fault. */
export class FormSheetError extends Error {
  override readonly name = 'FormSheetError';
  constructor(
    readonly sheet: SheetName,
    /** 1-based line of the CSV (the header is row 1); also the spreadsheet row. */
    readonly row: number,
    /** Header of the column at fault; '' when the fault is the whole row. */
    readonly column: string,
    readonly detail: string,
  ) {
    super(`${sheet} sheet, row ${row}${column === '' ? '' : `, column "${column}"`}: ${detail}`);
  }
}
