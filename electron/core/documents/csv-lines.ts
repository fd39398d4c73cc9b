import { stringify } from 'csv-stringify/sync';

/** What Excel and LibreOffice read as the start of a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell that a spreadsheet would run as a formula (=HYPERLINK(…), +cmd|…, @SUM(…)) gets a
 * leading single quote, so it shows as the text it is. Applied to every cell we export: a
 * serial, a note or a person's name can carry one as easily as a formula column.
 */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The byte-order mark Excel needs to read a CSV file as UTF-8 instead of the ANSI code page. */
export const UTF8_BOM = '\ufeff';

/** One CSV line (CRLF, as RFC 4180 and Excel write), every cell neutralised and quoted as needed. */
export function csvLine(cells: readonly string[]): string {
  // A bare LF inside a cell must be quoted too, though our line ends are CRLF.
  return stringify([cells.map(neutraliseFormula)], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}
