import type * as XLSX from '@e965/xlsx';
import type { WorkbookIssue } from './report.ts';

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

  /** The cell as text, trimmed; dates as AAAA-MM-JJ, numbers as French Excel shows them (« 7,33E+13 »). */
  text(row: number, column: number): string {
    const cell = this.cell(row, column);
    if (!cell || cell.v === undefined || cell.v === null) return '';
    if (cell.t === 's') return String(cell.v).trim();
    if (cell.t === 'd' && cell.v instanceof Date) return cell.v.toISOString().slice(0, 10);
    const shown = (cell.w ?? String(cell.v)).trim();
    return cell.t === 'n' ? frenchNumberText(shown) : shown;
  }

  isEmpty(row: number, column: number): boolean {
    return this.text(row, column) === '';
  }
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
  severity: WorkbookIssue['severity'],
  rule: string,
  message: string,
  fix: string,
  extra: Pick<WorkbookIssue, 'value' | 'fieldCode' | 'dispositif'> = {},
): WorkbookIssue {
  const cell = cellRef(row, column);
  const issue: WorkbookIssue = { severity, rule, place: `${sheet}!${cell}`, sheet, cell, message, fix };
  if (extra.value !== undefined && extra.value !== '') issue.value = extra.value;
  if (extra.fieldCode) issue.fieldCode = extra.fieldCode;
  if (extra.dispositif) issue.dispositif = extra.dispositif;
  return issue;
}

/** Compares list values the way a reader does: case, accents, apostrophes and spaces do not count. */
export function normalizeChoice(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function distance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j] ?? 0;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

export type ChoiceMatch = { kind: 'exact' } | { kind: 'loose'; value: string } | { kind: 'none'; suggestion?: string };

/** Matches a typed value against a closed list and, when it is not in it, finds the closest entry. */
export function matchChoice(text: string, choices: readonly string[]): ChoiceMatch {
  if (choices.includes(text)) return { kind: 'exact' };
  const wanted = normalizeChoice(text);
  const loose = choices.find((choice) => normalizeChoice(choice) === wanted);
  if (loose) return { kind: 'loose', value: loose };
  const ranked = choices
    .map((choice) => {
      const normal = normalizeChoice(choice);
      const prefix = wanted.length >= 3 && normal.startsWith(wanted) ? 0 : distance(wanted, normal);
      return { choice, score: prefix / Math.max(normal.length, 1) };
    })
    .sort((a, b) => a.score - b.score);
  const best = ranked[0];
  return best && best.score <= 0.5 ? { kind: 'none', suggestion: best.choice } : { kind: 'none' };
}
