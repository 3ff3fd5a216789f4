// A1 notation, as Sheets reads and writes it: sheet names quoted, columns as letters, where an answered range starts.

/** A spreadsheet's ID, from the ID itself or the spreadsheet's URL (…/spreadsheets/d/<id>/edit). */
export function spreadsheetIdOf(value: string): string {
  return /\/spreadsheets\/d\/([\w-]+)/.exec(value)?.[1] ?? value.trim();
}

/** A range on a sheet: the sheet's name quoted (a quote in it doubled), then the cells, if any. */
export function onSheet(sheet: string, cells?: string): string {
  const name = `'${sheet.replace(/'/g, "''")}'`;
  return cells ? `${name}!${cells}` : name;
}

/** The letters of a column from its 0-based index: 0 is A, 26 is AA. */
export function columnLetters(index: number): string {
  let out = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** Where a range Sheets answered with starts: its first row (1-based) and column (0-based). `'Sales'!B3:D9` is row 3, column 1. */
export function rangeStart(range: string): { row: number; column: number } {
  const cells = range.slice(range.lastIndexOf('!') + 1);
  const match = /^([A-Za-z]*)(\d*)/.exec(cells)!;
  const letters = match[1]!.toUpperCase();
  let column = 0;
  for (const c of letters) column = column * 26 + (c.charCodeAt(0) - 64);
  return { row: match[2] ? Number(match[2]) : 1, column: letters ? column - 1 : 0 };
}
