import type { DictionaryIndex, DictionaryContent, Field } from './model.ts';
import type { Nomenclature } from './schemas/nomenclature.ts';

/**
 * How the dictionary relates to LHÉO, the Carif-Oref network's exchange language: the element of a
 * field (`lheo`, a path from `formation`) and, where the codes differ, the correspondence of a
 * nomenclature's codes with a LHÉO table. Pages and downloads word it from here.
 */

/** Anchor of the correspondence section on a nomenclature page. */
export const LHEO_CORRESPONDENCE_ANCHOR = 'correspondance-lheo';

/** The nomenclature whose codes a field takes, when it states a correspondence with a LHÉO table. */
export function lheoCorrespondence(field: Field, index: DictionaryIndex<DictionaryContent>): Nomenclature | undefined {
  const binding = field.binding;
  const nomenclature = binding && 'nomenclature' in binding ? index.nomenclatures.get(binding.nomenclature) : undefined;
  return nomenclature?.lheo ? nomenclature : undefined;
}

/** « 1 = 11 ; 2 = 12 ; CPF = aucun » — one cell of the fields' CSV. */
export function lheoCodesCell(nomenclature: Nomenclature): string {
  return nomenclature.values.map((value) => `${value.code} = ${value.lheo ? value.lheo.map((entry) => entry.code).join(' ou ') : 'aucun'}`).join(' ; ');
}
