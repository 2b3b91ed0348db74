import type { Problem, Severity, Verdict } from '../problems.ts';
import type { MaskKind } from '../mask.ts';

/**
 * The contract between the extract validator (run in the Worker) and what shows or exports its result.
 * Plain data: it crosses the Worker boundary by structured clone. Values are kept as found, for the page
 * to show masked or revealed; every export masks them.
 */

export type ExtractFormat = 'csv' | 'xlsx' | 'ods' | 'xls';

export interface IssueKind {
  rule: string;
  severity: Severity;
  message: string;
  fix: string;
  count: number;
  /** The first rows where it was found (up to FIRST_ROWS). */
  rows: number[];
}

export interface ColumnReport {
  column: number;
  header: string;
  field: string;
  label: string;
  mask: MaskKind;
  /** Non-empty cells. */
  filled: number;
  /** Rows with at least one error in this column. */
  invalid: number;
  kinds: IssueKind[];
  /** Plain numbers read as Excel dates. */
  serialDates: number;
}

export type ExtractVerdict = Exclude<Verdict, 'autre-fichier'>;

export interface ExtractReport {
  fileName: string;
  fileSize: number;
  format: ExtractFormat;
  /** How the file was read: « UTF-8 », « Windows-1252 », sheet name… for the report's first lines. */
  readAs: string;
  version: string;
  /** The notice of a dictionary composed by this portal (src/core/dictionary/origin.ts), for the report and its receipt. */
  dictionaryNotice?: string;
  entity: string;
  entityLabel: string;
  headerRow: number;
  /** Data rows checked (non-empty rows after the header). */
  rows: number;
  columns: ColumnReport[];
  /** Issues about the file or whole columns: missing required columns, unreadable characters… */
  fileIssues: Problem[];
  /** The first LISTED_ISSUES cell issues, in file order. */
  issues: Problem[];
  counts: Record<Severity, number>;
  verdict: ExtractVerdict;
  durationMs: number;
  /** Readers that checked ranges of the file at once, when there were several (a large CSV). */
  workers?: number;
}

export const LISTED_ISSUES = 1000;
export const FIRST_ROWS = 5;

/** What the page knows of a file before running: enough to map its columns. */
export interface ExtractPreview {
  fileName: string;
  fileSize: number;
  format: ExtractFormat;
  readAs: string;
  sheets: string[];
  sheet: string | undefined;
  headerRow: number;
  /** One per column: its header, '' for a column that has values but no header. */
  headers: string[];
  /** CSV: the header's field count; a longer record is an error at its row. */
  recordWidth?: number;
  /** File-level notes found while reading the header (encoding guessed…). */
  notes: Problem[];
}

export interface ExtractProgress {
  rows: number;
  /** 0–1, from the bytes read. */
  fraction: number;
  rowsPerSecond: number;
}
