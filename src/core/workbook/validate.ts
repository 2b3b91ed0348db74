import type * as XLSX from '@e965/xlsx';
import { excelError, isEngineRule } from '../dictionary/check-value.ts';
import type { Dictionary } from '../dictionary/model.ts';
import { countBySeverity, verdictOf, type Problem } from '../problems.ts';
import { originNotice } from '../dictionary/origin.ts';
import { fileLimits, readWorkbookFile, type FileLimits } from './read-file.ts';
import type { WorkbookReport } from './report.ts';
import type { SheetView } from './sheet.ts';
import { findSheets, type WorkbookShape } from './sheets.ts';
import { valueProblem, workbookValues, type WorkbookValues } from './values.ts';

export interface ValidateOptions {
  /** Every published dictionary version, to recognise the workbook's own. */
  dictionaries: readonly Dictionary[];
  onProgress?: (step: string, fraction: number) => void;
  /** Polled between steps; a cancelled validation returns nothing. */
  isCancelled?: () => boolean;
  now?: Date;
  /** Size guards applied before the file is parsed; defaults in read-file.ts. */
  limits?: Partial<FileLimits>;
  /** The other kinds of partner workbook, to name one dropped on the wrong page. */
  known?: readonly WorkbookShape[];
}

export class ValidationCancelled extends Error {}

/** A report about a composed dictionary says so: that of the workbook's version, else of the versions it was checked against. */
function noticeOf(dictionary: Dictionary | undefined): { dictionaryNotice?: string } {
  const notice = originNotice(dictionary?.origin);
  return notice ? { dictionaryNotice: notice } : {};
}

/** What a kind of workbook's checks are given: its sheets, found by name, and where to put issues. */
export interface CheckContext {
  workbook: XLSX.WorkBook;
  sheets: ReadonlyMap<string, SheetView>;
  dictionaries: readonly Dictionary[];
  now: Date;
  /** The value engine's checks of the cells, compiled for this validation. */
  values: WorkbookValues;
  issues: Problem[];
  /** Reports progress between steps; throws ValidationCancelled once the page has cancelled. */
  step(name: string, fraction: number): Promise<void>;
}

/** What the checks found beyond their issues. */
export interface Checked<Extra> {
  version?: { dictionary: Dictionary; versionSource: 'metadata' | 'inferred' };
  dispositifs: string[];
  extra: Extra;
}

/**
 * A kind of partner workbook, declared once: its names and sheets (its shape), its checks, and what its
 * report adds. The kit de diagnostic and the état des lieux are two such declarations; the reading,
 * the report, the exports and the page machinery are the same for both.
 */
export interface WorkbookDeclaration<Extra extends object> extends WorkbookShape {
  check(context: CheckContext): Promise<Checked<Extra>>;
  /** The report's own fields when the workbook could not be checked. */
  unchecked: Extra;
  /** What its receipt adds to the counts: figures only, never a value of the workbook. */
  receiptFigures(extra: Extra): Record<string, unknown>;
}

/**
 * Every cell of the checked sheets that holds an Excel error value (a formula that failed) is an error at
 * its cell, whatever the cell is for: the readers see it as empty, so nothing built from the file holds it.
 */
function checkErrorValues(sheets: ReadonlyMap<string, SheetView>, issues: Problem[]): void {
  for (const sheet of sheets.values()) {
    for (let row = 1; row <= sheet.rowCount; row += 1) {
      for (let column = 1; column <= sheet.columnCount(row); column += 1) {
        const code = sheet.errorValue(row, column);
        const finding = code === undefined ? undefined : excelError(code);
        if (finding) issues.push({ ...valueProblem(sheet, row, column, finding), value: code as string });
      }
    }
  }
}

/** Order of the report: whole-file problems first, then sheet by sheet in workbook order, then cell order. */
function sortIssues(issues: Problem[], sheetOrder: readonly string[]): Problem[] {
  const key = (issue: Problem) => {
    const sheet = issue.sheet ?? 'Fichier';
    const match = /^([A-Z]+)(\d+)$/.exec(issue.cell ?? '');
    const column = match ? [...(match[1] ?? '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : 0;
    return [sheetOrder.indexOf(sheet) < 0 ? 0 : sheetOrder.indexOf(sheet), Number(match?.[2] ?? 0), column] as const;
  };
  return issues
    .map((issue, i) => ({ issue, i, k: key(issue) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2] || a.i - b.i)
    .map(({ issue }) => issue);
}

/**
 * Checks a partner workbook end to end: the file, its sheets, then the declaration's own checks. Never
 * throws on bad input: an unreadable file is a report with the verdict « illisible » and the reason.
 * Pure: runs in a Worker and in Node tests alike.
 */
export async function validateWorkbook<Extra extends object>(bytes: Uint8Array, fileName: string, declaration: WorkbookDeclaration<Extra>, options: ValidateOptions): Promise<WorkbookReport & Extra> {
  const started = performance.now();
  const { names } = declaration;
  const step = async (name: string, fraction: number) => {
    if (options.isCancelled?.()) throw new ValidationCancelled();
    options.onProgress?.(name, fraction);
    await Promise.resolve();
  };
  const issues: Problem[] = [];
  let checked: Checked<Extra> = { dispositifs: [], extra: declaration.unchecked };
  let unread: 'illisible' | 'autre-fichier' | undefined;

  await step('Lecture du fichier', 0.05);
  const read = readWorkbookFile(bytes, fileName, names, { ...fileLimits, ...options.limits });
  if (!read.ok) {
    issues.push(read.issue);
    unread = read.verdict;
  } else {
    await step('Structure du classeur', 0.5);
    const found = findSheets(read.workbook, fileName, declaration, options.known ?? [], issues);
    if (found.kind === 'other') unread = 'autre-fichier';
    else issues.push(...read.notes);
    if (found.kind === 'found') {
      checkErrorValues(found.sheets, issues);
      checked = await declaration.check({ workbook: read.workbook, sheets: found.sheets, dictionaries: options.dictionaries, now: options.now ?? new Date(), values: workbookValues(options.dictionaries), issues, step });
    }
  }
  await step('Rapport', 0.95);
  const counts = countBySeverity(issues);
  const { version, dispositifs, extra } = checked;
  return {
    names,
    fileName,
    fileSize: bytes.length,
    ...(version ? { dictionaryVersion: version.dictionary.manifest.version, versionSource: version.versionSource } : {}),
    ...noticeOf(version?.dictionary ?? options.dictionaries[0]),
    verdict: verdictOf(counts, unread),
    counts,
    issues: sortIssues(
      // The value engine's rules keep their own identifiers: the same value gets the same rule on every page.
      issues.map((issue) => (isEngineRule(issue.rule) ? issue : { ...issue, rule: `${names.rules}.${issue.rule}` })),
      read.ok ? ['Fichier', ...read.workbook.SheetNames] : [],
    ),
    dispositifs,
    receiptFigures: declaration.receiptFigures(extra),
    ...extra,
    durationMs: Math.round(performance.now() - started),
  };
}
