import { frenchDate } from '../dates.ts';
import type ExcelJS from 'exceljs';
import { stableZip } from '../artefacts/formats/stable-zip.ts';
import type { Dictionary } from '../dictionary/model.ts';
import { composedNotice, fileNotice } from '../dictionary/origin.ts';
import { META_SHEET } from './metadata.ts';
import { cellRef } from './sheet.ts';
import { type DateRule } from './values.ts';

/**
 * What every partner workbook template shares: dated, reproducible bytes; a « Lisez-moi »; header rows
 * styled alike; pre-filled cells locked without a password; lists from a hidden sheet; the very hidden
 * metadata sheet that identifies the template. ExcelJS is passed in, so that a template can be built at
 * build time and, on demand, in the browser.
 */
export type ExcelModule = { Workbook: new () => ExcelJS.Workbook };

export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
export const PREFILLED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
export const OPEN: Partial<ExcelJS.Protection> = { locked: false };
/** Protection guards the pre-filled cells against slips, not against a determined user: no password. */
export const PROTECTION: Partial<ExcelJS.WorksheetProtection> = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, spinCount: 0 };

export interface TemplateOptions {
  /** Public address of the site, when the build knows it, for the link back from « Lisez-moi ». */
  siteUrl?: string;
}

/** A new workbook dated with its dictionary version's date: the same version always gives the same bytes. */
export function newTemplate(excel: ExcelModule, isoDate: string): ExcelJS.Workbook {
  const workbook = new excel.Workbook();
  workbook.creator = 'Portail partenaires AGORA';
  workbook.created = new Date(`${isoDate}T00:00:00Z`);
  workbook.modified = workbook.created;
  return workbook;
}

/** Where « Lisez-moi » sends the partner to check the file: the page's address when known, else its name. */
export function pageReference(options: TemplateOptions, path: string, name: string): string {
  return options.siteUrl ? `${options.siteUrl.replace(/\/$/, '')}${path}` : `la page « ${name} » du Portail partenaires AGORA`;
}

/** The composed-dictionary notice under « Lisez-moi »'s title, for versions whose manifest states their origin. */
export function noticeLines(dictionary: Pick<Dictionary, 'manifest'>): string[] {
  const notice = fileNotice(dictionary.manifest);
  return notice ? [`${composedNotice.title} : ${notice}`] : [];
}

/** « Lisez-moi »: one line per row, the first as a title. */
export function writeReadme(workbook: ExcelJS.Workbook, name: string, lines: readonly string[]): void {
  const readme = workbook.addWorksheet(name, { properties: { tabColor: { argb: 'FF1F4E79' } } });
  readme.getColumn(1).width = 110;
  lines.forEach((text, i) => {
    const cell = readme.getCell(i + 1, 1);
    cell.value = text;
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  readme.getCell(1, 1).font = { bold: true, size: 14 };
}

export function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.fill = HEADER_FILL;
  row.alignment = { wrapText: true, vertical: 'middle' };
}

export function listValidation(range: string, title: string): ExcelJS.DataValidation {
  return {
    type: 'list',
    formulae: [range],
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: title,
    error: 'Choisissez une valeur de la liste.',
  };
}

/**
 * Excel's own date check, as far as it can say the rule: a real date from the rule's first day. Style
 * « avertissement », as the validator's for a date out of its period; the upper bound, relative to the
 * day of the check, is the validator's alone.
 */
export function dateValidation(rule: DateRule, title: string): ExcelJS.DataValidation {
  return {
    type: 'date',
    operator: 'greaterThanOrEqual',
    formulae: [new Date(`${rule.from}T00:00:00Z`)],
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: title,
    error: `Saisissez une date au format JJ/MM/AAAA, à partir du ${frenchDate(rule.from)}.`,
  };
}

/** The absolute range of list number `index` (0-based) of the hidden lists sheet `name`. */
export function listRange(name: string, index: number, length: number): string {
  const column = cellRef(1, index + 1).replace(/\d+$/, '');
  return `'${name}'!$${column}$1:$${column}$${length}`;
}

/** The hidden sheet of the dropdowns' values, one list per column, as listRange addresses them. */
export function writeLists(workbook: ExcelJS.Workbook, name: string, lists: readonly (readonly string[])[]): void {
  const sheet = workbook.addWorksheet(name, { state: 'hidden' });
  lists.forEach((values, i) => values.forEach((value, row) => (sheet.getCell(row + 1, i + 1).value = value)));
}

/** The very hidden sheet that identifies the template: keys in column A, values in column B. */
export function writeMetadata(workbook: ExcelJS.Workbook, entries: readonly (readonly [string, string])[]): void {
  const meta = workbook.addWorksheet(META_SHEET, { state: 'veryHidden' });
  entries.forEach(([key, value], i) => {
    meta.getCell(i + 1, 1).value = key;
    meta.getCell(i + 1, 2).value = value;
  });
}

/** The workbook as .xlsx bytes that depend only on its content and its date. */
export async function templateBytes(workbook: ExcelJS.Workbook, isoDate: string): Promise<Uint8Array> {
  return stableZip(new Uint8Array(await workbook.xlsx.writeBuffer()), isoDate);
}
