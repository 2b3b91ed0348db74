import type { Problem } from '../problems.ts';
import type * as XLSX from '@e965/xlsx';
import { excelError } from '../dictionary/check-value.ts';

/** 1-based read access to a SheetJS dense worksheet, as the checks think in Excel rows and columns. */
export class SheetView {
  readonly name: string;
  readonly #rows: (XLSX.CellObject | undefined)[][];
  readonly merges: XLSX.Range[];

  constructor(name: string, sheet: XLSX.WorkSheet) {
    this.name = name;
    this.#rows = (sheet['!data'] as (XLSX.CellObject | undefined)[][] | undefined) ?? [];
    this.merges = sheet['!merges'] ?? [];
  }

  get rowCount(): number {
    return this.#rows.length;
  }

  columnCount(row: number): number {
    return this.#rows[row - 1]?.length ?? 0;
  }

  cell(row: number, column: number): XLSX.CellObject | undefined {
    return this.#rows[row - 1]?.[column - 1];
  }

  /**
   * The value the cell stores, as text, trimmed: dates as AAAA-MM-JJ, numbers as stored, written the
   * French way (« 12,5 », never the « 13 » a « 0 » format shows). A cell holding an Excel error value
   * (« #N/A »…) is empty: it is reported once at its cell (errorValue), and never read as data.
   */
  text(row: number, column: number): string {
    const cell = this.cell(row, column);
    if (!cell || cell.v === undefined || cell.v === null || cell.t === 'e') return '';
    if (cell.t === 's') {
      const text = String(cell.v).trim();
      return excelError(text) ? '' : text;
    }
    if (cell.t === 'd' && cell.v instanceof Date) return cell.v.toISOString().slice(0, 10);
    if (cell.t === 'n' && typeof cell.v === 'number') return storedNumberText(cell.v);
    return (cell.w ?? String(cell.v)).trim();
  }

  /** What a number cell displays, when its format shows something other than the stored value (« 13 » for 12,5). */
  shown(row: number, column: number): string | undefined {
    const cell = this.cell(row, column);
    if (cell?.t !== 'n' || typeof cell.v !== 'number' || cell.w === undefined) return undefined;
    const shown = frenchNumberText(cell.w.trim());
    return shown === storedNumberText(cell.v) || shown.replace(/\u202f/g, '') === storedNumberText(cell.v) ? undefined : shown;
  }

  /** The Excel error value the cell holds (« #N/A », « #REF! »…), as a formula that failed left it or as pasted text. */
  errorValue(row: number, column: number): string | undefined {
    const cell = this.cell(row, column);
    if (!cell) return undefined;
    if (cell.t === 'e') return (cell.w ?? '#N/A').trim();
    return cell.t === 's' && excelError(String(cell.v)) ? String(cell.v).trim() : undefined;
  }

  isEmpty(row: number, column: number): boolean {
    return this.text(row, column) === '';
  }
}

/** A stored number written the French way, every digit kept: « 12,5 », « 73282932000074 ». */
export function storedNumberText(value: number): string {
  return String(value).replace('.', ',');
}

/**
 * Runs a SheetJS read without the notices it writes to the console for each conditional number format
 * of an .ods it only approximates (LibreOffice writes several in every file): display formats, which
 * the stored values read by the validators do not depend on. Any other message goes through.
 */
export function withoutFormatNotices<T>(read: () => T): T {
  const error = console.error;
  console.error = (...args: unknown[]) => {
    if (!(typeof args[0] === 'string' && args[0].startsWith('ODS number format may be incorrect'))) error(...args);
  };
  try {
    return read();
  } finally {
    console.error = error;
  }
}

/** SheetJS formats numbers the English way (« 1,234.5 »): French Excel shows « 1 234,5 ». */
export function frenchNumberText(text: string): string {
  return text.replace(/[,.]/g, (mark) => (mark === ',' ? '\u202f' : ','));
}

/** Cells of one column over some rows, as Excel writes ranges: « F3:F40, F42:F123 ». */
export function cellRanges(column: number, rows: readonly number[]): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j += 1;
    const from = cellRef(sorted[i] ?? 0, column);
    ranges.push(j === i ? from : `${from}:${cellRef(sorted[j] ?? 0, column)}`);
    i = j + 1;
  }
  return ranges.join(', ');
}

/** A1 reference of a 1-based cell. */
export function cellRef(row: number, column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return `${name}${row}`;
}

/**
 * Builds an issue bound to a cell; `place` is « Feuille!B3 » as partners read it in Excel. `rule` is
 * the rule's name within its workbook (« valeurs.liste »): the report prefixes it with the workbook's.
 */
export function cellIssue(
  sheet: string,
  row: number,
  column: number,
  severity: Problem['severity'],
  rule: string,
  message: string,
  fix: string,
  extra: Pick<Problem, 'value' | 'field' | 'dispositif'> = {},
): Problem {
  const cell = cellRef(row, column);
  const issue: Problem = { severity, rule, place: `${sheet}!${cell}`, sheet, cell, message, fix };
  if (extra.value !== undefined && extra.value !== '') issue.value = extra.value;
  if (extra.field) issue.field = extra.field;
  if (extra.dispositif) issue.dispositif = extra.dispositif;
  return issue;
}
