import type { Obligation } from './vocabulary.ts';

/** What the field table of a version's home can be narrowed to; empty strings mean « toutes ». */
export interface FieldFilterState {
  entity: string;
  obligation: Obligation | '';
  personal: 'oui' | 'non' | '';
  text: string;
}

export const emptyFilter: FieldFilterState = { entity: '', obligation: '', personal: '', text: '' };

/** A table row as the filter sees it: its data attributes and its visible text. */
export interface FilterableRow {
  entity: string;
  obligation: string;
  personal: string;
  text: string;
}

/** Case- and accent-insensitive, so « prenom » finds « Prénoms ». */
export function normalizeText(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function matchesFilter(row: FilterableRow, filter: FieldFilterState): boolean {
  if (filter.entity && row.entity !== filter.entity) return false;
  if (filter.obligation && row.obligation !== filter.obligation) return false;
  if (filter.personal && row.personal !== filter.personal) return false;
  const words = normalizeText(filter.text).split(' ').filter(Boolean);
  const haystack = normalizeText(row.text);
  return words.every((word) => haystack.includes(word));
}
