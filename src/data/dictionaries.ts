import data from 'virtual:agora/dictionaries';
import type { Dictionary } from '../core/dictionary/model.ts';
import type { Release } from '../core/dictionary/schemas/release-index.ts';
import { inForce, type VersionStatus } from '../core/dictionary/statuses.ts';

/**
 * Every version of the dictionary the site builds, read from the frozen releases and the working copy
 * by src/integrations/dictionaries.ts. The version numbers come from the data, never from page code.
 */

/** Published versions, newest first. */
export const published: Dictionary[] = data.published.map(({ dictionary }) => dictionary);

/** The working copy while its number is not published: built too, shown as a draft, never « latest ». */
export const draft: Dictionary | undefined = data.draft ?? undefined;

/** Every version with pages and downloads: the draft (if any) first, then the published ones, newest first. */
export const dictionaries: Dictionary[] = [...(draft ? [draft] : []), ...published];

/** The newest published version: the one `/dictionnaire/latest/` designates. */
export const latest: Dictionary = published[0] ?? (draft as Dictionary);

/** The stable alias of the newest published version: /dictionnaire/latest/… (declared with the page kinds). */
export { LATEST as LATEST_ALIAS } from '../core/dictionary/pages.ts';
import { LATEST as LATEST_ALIAS } from '../core/dictionary/pages.ts';

/**
 * The addresses a version's pages are built under: its number and, for the newest published version,
 * « latest ». An alias is the page itself, not a redirect, so a field's anchor
 * (/dictionnaire/latest/titulaire/#TIT_NIR) lands on the field, with or without JavaScript.
 */
export const pageAliases = (dictionary: Dictionary): string[] => [dictionary.manifest.version, ...(dictionary === published[0] ? [LATEST_ALIAS] : [])];

/** The version partners should use: the newest one « en vigueur ». */
export const current: Dictionary = inForce(data.published)?.dictionary ?? latest;

export type { VersionStatus } from '../core/dictionary/statuses.ts';

export interface VersionInfo {
  dictionary: Dictionary;
  status: VersionStatus;
  /** Its entry of releases/index.yaml; none for the draft. */
  release?: Release;
  /** The version it follows (for its change log), if any. */
  previous?: Dictionary;
}

/** Oldest first, the order changes are told in. */
const chronological = [...dictionaries].reverse();

export function versionInfo(dictionary: Dictionary): VersionInfo {
  const release = data.published.find((entry) => entry.dictionary.manifest.version === dictionary.manifest.version)?.release;
  const previous = chronological[chronological.indexOf(dictionary) - 1];
  return { dictionary, status: release?.status ?? 'brouillon', ...(release ? { release } : {}), ...(previous ? { previous } : {}) };
}

export function dictionaryByVersion(version: string): Dictionary | undefined {
  return version === LATEST_ALIAS ? latest : dictionaries.find((d) => d.manifest.version === version);
}

/** Props of a page generated once per dictionary version. */
export interface VersionProps {
  dictionary: Dictionary;
}

/** `getStaticPaths` of the pages under /dictionnaire/<version>/. */
export const versionPaths = () => dictionaries.flatMap((dictionary) => pageAliases(dictionary).map((version) => ({ params: { version }, props: { dictionary } satisfies VersionProps })));
