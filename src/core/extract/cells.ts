import { finding, type Finding } from '../problems.ts';
import { isBlank } from '../dictionary/check-value.ts';
import { parseCell } from '../artefacts/formats/cell-text.ts';
import type { Field } from '../dictionary/model.ts';
import { serialToIsoDate } from './rows.ts';

/**
 * From the text of a cell to the value the rule set checks (src/core/dictionary/check-value.ts), by the
 * conventions of the published samples and Table Schemas (src/core/artefacts/formats/cell-text.ts), plus what
 * only a workbook has: numbers stored as numbers, and dates stored as Excel serial numbers.
 */

/** What a column's conversions did that the partner should know, counted over the file. */
export interface ColumnNotes {
  /** Plain numbers of a workbook read as Excel dates (the cells are not formatted as dates). */
  serialDates: number;
}

export type CellParser = (text: string, numeric: boolean) => unknown;

export function cellParser(field: Pick<Field, 'type'>, notes: ColumnNotes, date1904 = false): CellParser {
  switch (field.type) {
    case 'texte':
    case 'code':
      return (text) => text;
    case 'entier':
      return (text, numeric) => (numeric ? Number(text) : parseCell(field, text));
    case 'decimal':
      return (text, numeric) => (numeric ? Number(text) : plainDecimal(text) ?? parseCell(field, text));
    case 'booleen':
      return (text) => parseCell(field, text);
    case 'date':
      return (text, numeric) => {
        if (!numeric) return text;
        const iso = serialToIsoDate(Number(text), date1904);
        if (iso === undefined) return text;
        notes.serialDates += 1;
        return iso;
      };
  }
}

/**
 * The common decimal cells (« 12 », « -3,5 », « 0.25 ») read without a regular expression or a copy;
 * undefined for anything else (spaces, letters, two separators…), which parseCell then reads. With at
 * most 15 digits, the digits as an integer divided by a power of ten are exact doubles and one correctly
 * rounded division: the very number `Number()` gives for the same text.
 */
function plainDecimal(text: string): number | undefined {
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  let negative = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits += 1;
      if (fraction >= 0) fraction += 1;
    } else if ((c === 44 || c === 46) && fraction < 0) fraction = 0;
    else if ((c === 45 || c === 43) && i === 0) negative = c === 45;
    else return undefined;
  }
  if (digits === 0 || digits > 15) return digits === 0 ? undefined : Number(text.replace(',', '.'));
  const value = fraction > 0 ? mantissa / 10 ** fraction : mantissa;
  return negative ? -value : value;
}

/** A cell of spaces only is empty: a padded export column is not a value. */
export function isBlankCell(text: string | undefined): boolean {
  return text === undefined || isBlank(text);
}

/** Precise reasons for a date the rule set refused, when its shape says what happened. */
const DATE_SHAPES: [RegExp, Finding][] = [
  [/^\d{1,2}\/\d{1,2}\/\d{2,4}$/, finding('value.date', 'La date est écrite JJ/MM/AAAA ; le format d’échange est AAAA-MM-JJ.', 'Exportez les dates au format AAAA-MM-JJ (par exemple 2025-09-01).')],
  [/^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}/, finding('value.date', 'La valeur comporte une heure ; le champ attend une date seule.', 'Exportez la date seule, au format AAAA-MM-JJ.')],
];

export function explainDate(text: string, issue: Finding): Finding {
  if (issue.rule !== 'value.date') return issue;
  for (const [shape, precise] of DATE_SHAPES) if (shape.test(text)) return precise;
  return issue;
}
