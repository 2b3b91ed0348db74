import type { DataType, Sensitivity } from './dictionary/vocabulary.ts';

/**
 * How a personal value is shown in a report until the partner reveals it: enough to recognise the
 * kind of value and find it in the file, not enough to identify a person. The same masks go into the
 * CSV download, which never holds a revealed value.
 */
export type MaskKind = 'none' | 'nir' | 'date' | 'text' | 'hidden';

/** What masking reads of a field (a dictionary field is one; the dictionary's schemas need masking's types). */
export interface MaskedField {
  readonly type: DataType;
  readonly personalData: boolean;
  readonly sensitivity?: Sensitivity | undefined;
  readonly binding?: { readonly referential: string } | { readonly nomenclature: string } | undefined;
}

export function maskKind(field: MaskedField): MaskKind {
  if (!field.personalData) return 'none';
  if (field.binding && 'referential' in field.binding && field.binding.referential === 'nir') return 'nir';
  // Highly sensitive data (health, reasons for leaving) shows nothing at all.
  if (field.sensitivity === 'élevée') return 'hidden';
  if (field.type === 'date') return 'date';
  if (field.type === 'texte' || field.type === 'code') return 'text';
  return 'hidden';
}

const DOTS = '•••';

export function maskValue(kind: MaskKind, value: string): string {
  switch (kind) {
    case 'none':
      return value;
    case 'nir': {
      // Sex, year and month of birth stay readable: « 1 84 12 ••• ••• ••• •• ».
      const compact = value.replace(/\s/g, '');
      return compact.length >= 5 ? `${compact[0]} ${compact.slice(1, 3)} ${compact.slice(3, 5)} ${DOTS} ${DOTS} ${DOTS} ••` : DOTS;
    }
    case 'date': {
      const year = /\b(\d{4})\b/.exec(value)?.[1];
      return year ? `${year}-••-••` : DOTS;
    }
    case 'text':
      return value.trim() === '' ? value : `${[...value.trim()][0]}${DOTS}`;
    case 'hidden':
      return DOTS;
  }
}
