import type { Problem } from '../problems.ts';
import type * as XLSX from '@e965/xlsx';
import type { RecordError, RecordValidator } from './record-check.ts';
import { SheetView } from './sheet.ts';

/** The very hidden sheet every template carries: which layout, which dictionary version (and more per kind). */
export const META_SHEET = 'Métadonnées';
export const metaPlace = `Feuille « ${META_SHEET} » (masquée)`;

export type { RecordValidator };

/** The property a record error is about: the missing one for `required`, else the first segment of its path. */
export function propertyOf(error: RecordError): string {
  if (error.keyword === 'required') return String(error.params['missingProperty']);
  return error.instancePath.split('/')[1] ?? '';
}

/** The metadata sheet as key → value (keys in column A, values in column B), whatever its content. */
export function metadataRecord(workbook: XLSX.WorkBook): Record<string, string> | undefined {
  const sheet = workbook.Sheets[META_SHEET];
  if (!sheet) return undefined;
  const view = new SheetView(META_SHEET, sheet);
  const record: Record<string, string> = {};
  for (let row = 1; row <= view.rowCount; row += 1) {
    const key = view.text(row, 1);
    if (key) record[key] = view.text(row, 2);
  }
  return record;
}

/**
 * The metadata record when the sheet is there and whole by `validate`. A damaged one is reported —
 * `consequence` says what the check does without it, `fix` what to do — and ignored.
 */
export function readMetadata(workbook: XLSX.WorkBook, validate: RecordValidator, issues: Problem[], words: { consequence: string; fix: string }): Record<string, string> | undefined {
  const record = metadataRecord(workbook);
  if (!record) return undefined;
  if (validate(record)) return record;
  const keys = [...new Set((validate.errors ?? []).map(propertyOf))].filter(Boolean);
  issues.push({
    severity: 'avertissement',
    rule: 'structure.metadonnees',
    place: metaPlace,
    value: keys.map((key) => `${key} = « ${record[key] ?? ''} »`).join(' ; '),
    message: `La feuille masquée « ${META_SHEET} » du modèle a été modifiée (${keys.map((key) => `« ${key} »`).join(', ')}) : ${words.consequence}`,
    fix: words.fix,
  });
  return undefined;
}
