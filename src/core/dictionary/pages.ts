import type { Dictionary } from './model.ts';

/**
 * The kinds of page under /dictionnaire/<version>/, declared once. The URL helper (urls.ts) builds their
 * addresses, the version links (page-links.ts) map one to another version, the `latest` aliases cover
 * every page of the newest version, the sidebar lists those it shows, and the lint keeps entity ids off
 * their path segments. A new kind of page is one entry here (and its file under
 * src/pages/dictionnaire/[version]/, which tests/unit/dictionary-pages.test.ts matches to this list).
 */

/** What a page of /dictionnaire/<version>/ is about, so that other versions can show the same thing. */
export type PageItem =
  | { kind: 'accueil' | 'nomenclatures' | 'referentiels' | 'telechargements' | 'sources' | 'changements' }
  | { kind: 'entite'; id: string }
  | { kind: 'nomenclature'; id: string };

export type PageKind = PageItem['kind'];

/** The item of one kind: `{ kind: 'sources' }`, `{ kind: 'entite', id }`. */
type ItemOf<Kind extends PageKind> = Kind extends 'entite' | 'nomenclature' ? Extract<PageItem, { kind: Kind }> : { kind: Kind };

/** An entry of the sidebar: a link, or a collapsed group of links. */
export type SidebarEntry = { label: string; link: string } | { label: string; collapsed: true; items: { label: string; link: string }[] };

interface PageKindDeclaration<Kind extends PageKind> {
  kind: Kind;
  /** The page's path under /dictionnaire/<version>/ (`''` for the version's home page). */
  path(item: ItemOf<Kind>): string;
  /** The pages of this kind a version has; `hasPrevious`: the version has a predecessor to compare with. */
  pages(dictionary: Dictionary, hasPrevious: boolean): ItemOf<Kind>[];
  /** Its entry in the sidebar, for the version in force; none when the sidebar does not show it. */
  sidebar?(dictionary: Dictionary, url: (item: PageItem) => string): SidebarEntry;
}

type Declarations = { [Kind in PageKind]: PageKindDeclaration<Kind> };

const simple = <Kind extends Exclude<PageKind, 'entite' | 'nomenclature'>>(kind: Kind, path: string, label?: string): PageKindDeclaration<Kind> => ({
  kind,
  path: () => path,
  pages: () => [{ kind } as ItemOf<Kind>],
  ...(label ? { sidebar: (_: Dictionary, url: (item: PageItem) => string) => ({ label, link: url({ kind } as PageItem) }) } : {}),
});

/** In the order of the sidebar. */
const declarations: Declarations = {
  accueil: { ...simple('accueil', ''), sidebar: (dictionary, url) => ({ label: `Version ${dictionary.manifest.version}`, link: url({ kind: 'accueil' }) }) },
  entite: {
    kind: 'entite',
    path: (item) => `${item.id}/`,
    pages: (dictionary) => dictionary.entities.map((entity) => ({ kind: 'entite', id: entity.id })),
    sidebar: (dictionary, url) => ({ label: 'Entités', collapsed: true, items: dictionary.entities.map((entity) => ({ label: entity.label, link: url({ kind: 'entite', id: entity.id }) })) }),
  },
  nomenclatures: simple('nomenclatures', 'nomenclatures/', 'Nomenclatures'),
  nomenclature: {
    kind: 'nomenclature',
    path: (item) => `nomenclatures/${item.id}/`,
    pages: (dictionary) => dictionary.nomenclatures.map((nomenclature) => ({ kind: 'nomenclature', id: nomenclature.id })),
  },
  referentiels: simple('referentiels', 'referentiels/', 'Référentiels externes'),
  telechargements: simple('telechargements', 'telechargements/', 'Téléchargements'),
  sources: simple('sources', 'sources/'),
  changements: { ...simple('changements', 'changements/'), pages: (_, hasPrevious) => (hasPrevious ? [{ kind: 'changements' as const }] : []) },
};

export const pageKinds: readonly PageKind[] = Object.keys(declarations) as PageKind[];

/** The path of a page under /dictionnaire/<version>/. */
export function pagePath(item: PageItem): string {
  return (declarations[item.kind] as PageKindDeclaration<PageKind>).path(item as never);
}

/** Every page one version has, in the sidebar's order. */
export function versionPages(dictionary: Dictionary, hasPrevious: boolean): PageItem[] {
  return pageKinds.flatMap((kind) => (declarations[kind] as PageKindDeclaration<PageKind>).pages(dictionary, hasPrevious));
}

/** The sidebar's entries for the version in force, in order. */
export function sidebarEntries(dictionary: Dictionary, url: (item: PageItem) => string): SidebarEntry[] {
  return pageKinds.flatMap((kind) => (declarations[kind] as PageKindDeclaration<PageKind>).sidebar?.(dictionary, url) ?? []);
}

/** Directories of a version's downloads (src/core/artefacts/registry.ts): schemas, sample extracts. */
export const downloadDirectories = { schemas: 'schemas', samples: 'exemples' } as const;

/** The alias of the newest published version: /dictionnaire/latest/…, built as that version's own pages. */
export const LATEST = 'latest';

/**
 * Path segments under /dictionnaire/<version>/ that an entity id would collide with: the first segment of
 * every page that is not an entity's, the download directories, and the `latest` alias.
 */
export const reservedSegments: readonly string[] = [
  ...new Set([
    ...pageKinds.filter((kind) => kind !== 'entite' && kind !== 'accueil').map((kind) => pagePath({ kind, id: 'x' } as PageItem).split('/')[0] as string),
    ...Object.values(downloadDirectories),
    LATEST,
  ]),
];
