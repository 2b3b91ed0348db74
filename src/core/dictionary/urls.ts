import type { ItemRef } from './diff.ts';
import { LATEST, pagePath, type PageItem } from './pages.ts';

/**
 * The stable addresses of the dictionary's pages, built in one place from the page kinds (pages.ts):
 * pages, downloads, the sidebar, the validators' links and the in-browser comparison link to the same URLs.
 */
export const DICTIONARY_URL = '/dictionnaire/';
export const ABOUT_URL = '/dictionnaire/a-propos/';
export const versionUrl = (version: string) => `${DICTIONARY_URL}${version}/`;
/** A page of a version (`version` may be the `latest` alias). */
export const pageUrl = (version: string, item: PageItem) => `${versionUrl(version)}${pagePath(item)}`;
export const entityUrl = (version: string, entity: string) => pageUrl(version, { kind: 'entite', id: entity });
/** A field, at its anchor on its entity's page. */
export const fieldUrl = (version: string, entity: string, code: string) => `${entityUrl(version, entity)}#${code}`;
export const nomenclatureUrl = (version: string, id: string) => pageUrl(version, { kind: 'nomenclature', id });
export const referentialUrl = (version: string, id: string) => `${pageUrl(version, { kind: 'referentiels' })}#${id}`;
/** A download of a version: `path` as src/core/artefacts/registry.ts gives it. */
export const downloadUrl = (version: string, path: string) => `${versionUrl(version)}${path}`;
export const latestUrl = (path = '') => `${versionUrl(LATEST)}${path}`;
export const changesUrl = (version: string) => pageUrl(version, { kind: 'changements' });
export const changesJsonUrl = (version: string) => `/dictionnaire/${version}/changements.json`;
export const dictionaryJsonUrl = (version: string) => downloadUrl(version, `dictionnaire-agora-${version}.json`);
export const VERSIONS_URL = `${DICTIONARY_URL}versions/`;
export const COMPARE_URL = `${DICTIONARY_URL}comparer/`;

/** Anchor of a code on its nomenclature page (codes such as « 1 » are not valid ids on their own). */
export const codeAnchor = (code: string) => `code-${code}`;

/** Where an item is described in a given version. */
export function itemUrl(version: string, item: ItemRef): string {
  switch (item.kind) {
    case 'champ':
      return fieldUrl(version, item.entity, item.code);
    case 'code':
      return `${nomenclatureUrl(version, item.nomenclature)}#${codeAnchor(item.code)}`;
    case 'nomenclature':
      return nomenclatureUrl(version, item.id);
    case 'entite':
      return entityUrl(version, item.id);
    case 'referentiel':
      return referentialUrl(version, item.id);
    case 'source':
      return `${pageUrl(version, { kind: 'sources' })}#${item.id}`;
  }
}
