import type { Dictionary } from '../core/dictionary/model.ts';
import { current, dictionaryByVersion } from './dictionaries.ts';

/**
 * The pages that present the dictionary's content, hence carry the notice of a composed dictionary: the
 * home page, every dictionary page, the guide's data pages and every page of « Vérifier mes fichiers »
 * (validators and templates). Declared once; the banner (src/components/starlight/Banner.astro) reads it.
 */
const pages: readonly RegExp[] = [/^\/$/, /^\/dictionnaire\//, /^\/guide\/(volet-donnees|etat-des-lieux|kit-de-diagnostic)\/$/, /^\/verifier\//];

/** The dictionary version a page is about — that of its address under /dictionnaire/<version>/, else the version in force — or none if the page is not about it. */
export function pageDictionary(pathname: string): Dictionary | undefined {
  const path = pathname.endsWith('/') || pathname.endsWith('.html') ? pathname.replace(/index\.html$/, '') : `${pathname}/`;
  if (!pages.some((page) => page.test(path))) return undefined;
  const version = /^\/dictionnaire\/([^/]+)\//.exec(path)?.[1];
  return (version && dictionaryByVersion(version)) || current;
}
