import type { ItemRef } from './diff.ts';

/**
 * The stable addresses of the dictionary's pages, built in one place: pages, the diff's JSON download
 * and the in-browser comparison link to the same URLs.
 */
export const versionUrl = (version: string) => `/dictionnaire/${version}/`;
export const changesUrl = (version: string) => `/dictionnaire/${version}/changements/`;
export const changesJsonUrl = (version: string) => `/dictionnaire/${version}/changements.json`;
export const dictionaryJsonUrl = (version: string) => `/dictionnaire/${version}/dictionnaire-agora-${version}.json`;
export const VERSIONS_URL = '/dictionnaire/versions/';
export const COMPARE_URL = '/dictionnaire/comparer/';

/** Anchor of a code on its nomenclature page (codes such as « 1 » are not valid ids on their own). */
export const codeAnchor = (code: string) => `code-${code}`;

/** Where an item is described in a given version. */
export function itemUrl(version: string, item: ItemRef): string {
  const base = versionUrl(version);
  switch (item.kind) {
    case 'champ':
      return `${base}${item.entity}/#${item.code}`;
    case 'code':
      return `${base}nomenclatures/${item.nomenclature}/#${codeAnchor(item.code)}`;
    case 'nomenclature':
      return `${base}nomenclatures/${item.id}/`;
    case 'entite':
      return `${base}${item.id}/`;
    case 'referentiel':
      return `${base}referentiels/#${item.id}`;
    case 'source':
      return `${base}sources/#${item.id}`;
  }
}
