import type { Problem } from '../problems.ts';
import type ExcelJS from 'exceljs';
import { checkLabels } from './labels.ts';
import { propertyOf, type RecordValidator } from './metadata.ts';

import { cellIssue, cellRef, type SheetView } from './sheet.ts';
import { dateValidation, listValidation, OPEN, PROTECTION, styleHeader } from './template.ts';
import { validationsOf } from './validations.ts';
import { checkCount, checkDate, readChoice, type DateRule, type WorkbookValues } from './values.ts';

/**
 * A table sheet: a header row, then one record per row (a dispositif, an information system, a pair).
 * Its columns are declared once; the template writer, the reader, the record schema and the page that
 * documents the workbook all read the declaration.
 */
export type ColumnKind =
  /** Free text. */
  | 'texte'
  /** An identifier the partner chooses, that other sheets refer to. */
  | 'code'
  /** A value of a closed list (`choices`). */
  | 'liste'
  /** « Oui » or « Non » (empty reads as no). */
  | 'oui'
  /** A whole number from 0. */
  | 'entier'
  /** A date, by `date`'s rule. */
  | 'date'
  /** A code of another table (`refers`): its dropdown lists that table's codes. */
  | 'reference';

export interface TableColumn {
  key: string;
  header: string;
  width: number;
  kind: ColumnKind;
  required?: boolean;
  /** What goes in the column, for the template's readers and the page. */
  help: string;
  choices?: readonly string[];
  date?: DateRule;
  /** For `reference`: the sheet of the table referred to, whose first column holds the codes. */
  refers?: string;
}

export interface TableLayout {
  sheet: string;
  columns: readonly TableColumn[];
  /** Rows prepared in the template, from row 2. */
  rows: number;
  /** How a message names one record: « le dispositif », « le système d’information ». */
  record: string;
}

export const TABLE_FIRST_ROW = 2;
export const YES_NO = ['Oui', 'Non'] as const;

/** 1-based column of `key` in `table`. */
export const tableColumn = (table: TableLayout, key: string): number => table.columns.findIndex((column) => column.key === key) + 1;

/** The record schema of a table row with content: which cells must be filled (the values' forms are read by kind). */
export function tableSchema(id: string, table: TableLayout) {
  return {
    $id: id,
    type: 'object',
    required: table.columns.filter((column) => column.required).map((column) => column.key),
    properties: Object.fromEntries(table.columns.map((column) => [column.key, { type: 'string', minLength: 1 } as const])),
    additionalProperties: false,
  } as const;
}

/** One record of a table: its row, and each filled cell read by its column's kind. */
export interface TableRecord {
  row: number;
  /** Text of each filled cell; list and yes/no values as the list writes them. */
  text: Record<string, string>;
  dates: Record<string, Date>;
  numbers: Record<string, number>;
}

/**
 * Reads a table sheet: its headers (a shifted column leaves the table unread), then each row with
 * content — required cells by the record's schema, each value by its column's kind.
 */
export function readTable(sheet: SheetView, table: TableLayout, validate: RecordValidator, now: Date, values: WorkbookValues, issues: Problem[]): TableRecord[] | undefined {
  const shifted = checkLabels(
    {
      sheet,
      along: 'row',
      line: 1,
      first: 1,
      expected: table.columns.map((column) => column.header),
      rules: { renamed: 'structure.colonnes', shifted: 'structure.colonnes' },
      insertedFix: 'ajoutez vos remarques dans une colonne de commentaire.',
      renamedFix: 'le validateur lit les colonnes à leur place, pas à leur en-tête.',
    },
    issues,
  );
  if (shifted !== undefined) return undefined;
  const records: TableRecord[] = [];
  const lastRow = Math.max(sheet.rowCount, TABLE_FIRST_ROW + table.rows - 1);
  for (let row = TABLE_FIRST_ROW; row <= lastRow; row += 1) {
    const text: Record<string, string> = {};
    table.columns.forEach((column, i) => {
      const value = sheet.text(row, i + 1);
      if (value) text[column.key] = value;
    });
    if (Object.keys(text).length === 0) continue;
    if (!validate(text)) {
      for (const error of validate.errors ?? []) {
        const column = tableColumn(table, propertyOf(error));
        const declared = table.columns[column - 1];
        // An Excel error value is reported as such (validate.ts), not as a missing answer.
        if (!declared || error.keyword !== 'required' || sheet.errorValue(row, column)) continue;
        const help = `${declared.help[0]?.toLowerCase() ?? ''}${declared.help.slice(1)}`;
        issues.push(cellIssue(sheet.name, row, column, 'erreur', 'valeurs.obligatoire', `Ligne ${row} : « ${declared.header} » n’est pas renseigné.`, `Renseignez ${sheet.name}!${cellRef(row, column)} : ${help}`));
      }
    }
    records.push(readRecord(sheet, table, row, text, now, values, issues));
  }
  return records;
}

function readRecord(sheet: SheetView, table: TableLayout, row: number, text: Record<string, string>, now: Date, values: WorkbookValues, issues: Problem[]): TableRecord {
  const record: TableRecord = { row, text: { ...text }, dates: {}, numbers: {} };
  table.columns.forEach((column, i) => {
    if (text[column.key] === undefined) return;
    const c = i + 1;
    const what = `« ${column.header} »`;
    switch (column.kind) {
      case 'liste':
      case 'oui': {
        const value = readChoice(sheet, row, c, column.choices ?? YES_NO, what, issues);
        if (value === undefined) delete record.text[column.key];
        else record.text[column.key] = value;
        break;
      }
      case 'entier': {
        const value = checkCount(sheet, row, c, values, issues);
        if (value !== undefined) record.numbers[column.key] = value;
        break;
      }
      case 'date': {
        const value = column.date ? checkDate(sheet, row, c, column.date, now, values, issues) : undefined;
        if (value) record.dates[column.key] = value;
        break;
      }
      default:
        break;
    }
  });
  return record;
}

/** Number format of a column's answer cells: text stays text (codes with leading zeros), dates and counts as such. */
const numberFormat = (kind: ColumnKind) => (kind === 'date' ? 'dd/mm/yyyy' : kind === 'entier' ? '0' : '@');

/**
 * Writes a table sheet: frozen styled headers, widths, open answer cells on the prepared rows, and one
 * dropdown or check per column over those rows. `listOf` gives a list column's range in the hidden
 * lists sheet; a reference column lists the codes of the table it refers to.
 */
export async function writeTable(workbook: ExcelJS.Workbook, table: TableLayout, listOf: (column: TableColumn) => string, rowsOf: (sheet: string) => number): Promise<ExcelJS.Worksheet> {
  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column) => ({ header: column.header, width: column.width }));
  styleHeader(sheet.getRow(1));
  const last = TABLE_FIRST_ROW + table.rows - 1;
  table.columns.forEach((column, i) => {
    for (let row = TABLE_FIRST_ROW; row <= last; row += 1) {
      const cell = sheet.getCell(row, i + 1);
      cell.protection = OPEN;
      cell.numFmt = numberFormat(column.kind);
    }
    const range = `${cellRef(TABLE_FIRST_ROW, i + 1)}:${cellRef(last, i + 1)}`;
    const validation = validationFor(column, listOf, rowsOf);
    if (validation) validationsOf(sheet).add(range, validation);
  });
  await sheet.protect('', PROTECTION);
  return sheet;
}

function validationFor(column: TableColumn, listOf: (column: TableColumn) => string, rowsOf: (sheet: string) => number): ExcelJS.DataValidation | undefined {
  switch (column.kind) {
    case 'liste':
    case 'oui':
      return listValidation(listOf(column), column.header);
    case 'reference': {
      const sheet = column.refers ?? '';
      return listValidation(`'${sheet}'!$A$${TABLE_FIRST_ROW}:$A$${TABLE_FIRST_ROW + rowsOf(sheet) - 1}`, column.header);
    }
    case 'date':
      return column.date ? dateValidation(column.date, column.header) : undefined;
    case 'entier':
      return { type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], allowBlank: true, showErrorMessage: true, errorStyle: 'warning', errorTitle: column.header, error: 'Saisissez un nombre entier positif ou nul.' };
    default:
      return undefined;
  }
}
