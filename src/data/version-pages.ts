import { History } from '../core/dictionary/history.ts';
import type { Dictionary } from '../core/dictionary/model.ts';
import { versionLink, type PageItem, type VersionLink } from '../core/dictionary/page-links.ts';
import { current, dictionaries, versionInfo, type VersionInfo, type VersionStatus } from './dictionaries.ts';

/** The life of every item across the versions the site builds. */
export const history = new History(dictionaries);

export const statusLabels: Record<VersionStatus, string> = {
  'en vigueur': 'en vigueur',
  remplacée: 'remplacée',
  dépréciée: 'dépréciée',
  retirée: 'retirée',
  brouillon: 'brouillon, non publiée',
};

/**
 * What a status means for the data a partner sends, in one sentence: the versions page and the
 * banner of every page of that version say the same.
 */
export function statusSentence(info: VersionInfo): string {
  const { release, dictionary } = info;
  const version = dictionary.manifest.version;
  switch (info.status) {
    case 'brouillon':
      return `La version ${version} est en préparation : elle n’est pas publiée et son contenu peut encore changer.`;
    case 'en vigueur':
      return `La version ${version} est en vigueur : c’est celle à suivre.`;
    case 'remplacée':
      return `La version ${version} est remplacée par une version plus récente de même numéro majeur : ses données restent valides.`;
    case 'dépréciée':
      return `La version ${version} est dépréciée : une version majeure la remplace${release?.until ? ` ; ses données sont acceptées jusqu’au ${longDate(release.until)}` : ''}.`;
    case 'retirée':
      return `La version ${version} est retirée${release?.reason ? ` : ${release.reason.replace(/\.$/, '')}` : ''}. Utilisez la version ${release?.replacement ?? current.manifest.version} ; celle-ci reste en ligne pour mémoire.`;
  }
}

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
