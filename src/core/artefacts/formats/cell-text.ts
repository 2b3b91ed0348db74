import type { DataType } from '../../dictionary/vocabulary.ts';

/**
 * How a value of the dictionary is written in a cell of a CSV extract, and read back. The sample
 * extracts write the first form of each list; the Table Schemas publish the same lists, so a
 * partner's pipeline and the portal's validators read a cell the same way.
 */
export const cellText = {
  trueValues: ['oui', 'Oui', 'OUI', 'true', 'True', 'TRUE', 'vrai', 'Vrai', 'VRAI', '1'],
  falseValues: ['non', 'Non', 'NON', 'false', 'False', 'FALSE', 'faux', 'Faux', 'FAUX', '0'],
  /** French Excel writes and reads « 12,5 »; « 12.5 » is read too. */
  decimalChar: ',',
} as const;

const trueValues: ReadonlySet<string> = new Set(cellText.trueValues);
const falseValues: ReadonlySet<string> = new Set(cellText.falseValues);

/** The canonical text of a typed value (as in `field.example`). */
export function formatCell(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? cellText.trueValues[0] : cellText.falseValues[0];
  if (typeof value === 'number') return String(value).replace('.', cellText.decimalChar);
  return value;
}

/** Integers as Table Schema reads them: no sign « + », no leading zero, no separator. */
const INTEGER = /^(0|-?[1-9]\d*)$/;
/** Decimals with « , » or « . »; spaces are digit-group separators (« 1 234,50 »). */
const DECIMAL = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

/**
 * The typed value of a cell, as `checkValue` expects it: `undefined` for an empty cell; the text
 * itself when it is not of the field's type, so that `checkValue` reports the type error.
 */
export function parseCell(field: { readonly type: DataType }, text: string): unknown {
  if (text === '') return undefined;
  switch (field.type) {
    case 'booleen': {
      const word = text.trim();
      if (trueValues.has(word)) return true;
      return falseValues.has(word) ? false : text;
    }
    case 'entier':
      return INTEGER.test(text) ? Number(text) : text;
    case 'decimal': {
      const compact = text.replace(/\s/g, '');
      return DECIMAL.test(compact) ? Number(compact.replace(',', '.')) : text;
    }
    case 'date':
    case 'texte':
    case 'code':
      return text;
  }
}
