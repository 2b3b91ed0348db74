import { History } from '../core/dictionary/history.ts';
import type { Dictionary } from '../core/dictionary/model.ts';
import { versionLink, type PageItem, type VersionLink } from '../core/dictionary/page-links.ts';
import { statusSentence } from '../core/dictionary/statuses.ts';
import { current, dictionaries, versionInfo, type VersionInfo, type VersionStatus } from './dictionaries.ts';

/** The life of every item across the versions the site builds. */
export const history = new History(dictionaries);

export { longDate, statusLabels } from '../core/dictionary/statuses.ts';

/** What the status of `info`'s version means, against the version in force (see statusSentence). */
export const statusSentenceOf = (info: VersionInfo) => statusSentence(info.dictionary.manifest.version, info.status, info.release, current.manifest.version);

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
