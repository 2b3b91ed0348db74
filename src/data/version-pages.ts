import { History } from '../core/dictionary/history.ts';
import type { Dictionary } from '../core/dictionary/model.ts';
import { versionLink, type PageItem, type VersionLink } from '../core/dictionary/page-links.ts';
import { current, dictionaries, versionInfo, type VersionStatus } from './dictionaries.ts';

/** The life of every item across the versions the site builds. */
export const history = new History(dictionaries);

export const statusLabels: Record<VersionStatus, string> = {
  'en vigueur': 'en vigueur',
  dépréciée: 'dépréciée',
  brouillon: 'brouillon, non publiée',
};

/** « 25 novembre 2026 ». */
export const longDate = (date: string) => new Date(`${date}T00:00:00Z`).toLocaleDateString('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

export interface SelectorEntry extends VersionLink {
  status: VersionStatus;
  /** The version of the page being read. */
  isThis: boolean;
}

/** The same page in every version, newest first, for the version selector. */
export function versionSelector(dictionary: Dictionary, item: PageItem): SelectorEntry[] {
  return dictionaries.map((target) => ({ ...versionLink(history, dictionary, target, item), status: versionInfo(target).status, isThis: target === dictionary }));
}

/** The same page in the version in force, for the banner of other versions; none on the version in force. */
export function currentVersionLink(dictionary: Dictionary, item: PageItem): VersionLink | undefined {
  return dictionary === current ? undefined : versionLink(history, dictionary, current, item);
}
