import type { Release, ReleaseStatus } from './schemas/release-index.ts';

/** A published version's status, or « brouillon » for the working copy the site shows in preview. */
export type VersionStatus = ReleaseStatus | 'brouillon';

export const statusLabels: Record<VersionStatus, string> = {
  'en vigueur': 'en vigueur',
  remplacée: 'remplacée',
  dépréciée: 'dépréciée',
  retirée: 'retirée',
  brouillon: 'brouillon, non publiée',
};

/** The version partners should use: the newest published one « en vigueur », else the newest published (newest first). */
export function inForce<T extends { release: Pick<Release, 'status'> }>(published: readonly T[]): T | undefined {
  return published.find(({ release }) => release.status === 'en vigueur') ?? published[0];
}

/** « 25 novembre 2026 ». */
export const longDate = (date: string) => new Date(`${date}T00:00:00Z`).toLocaleDateString('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/**
 * What a status means for the data a partner sends, in one sentence: the versions page and the banner
 * of every page of that version say the same. `inForce` is the version to use instead, when there is one.
 */
export function statusSentence(version: string, status: VersionStatus, release: Release | undefined, inForce: string): string {
  switch (status) {
    case 'brouillon':
      return `La version ${version} est en préparation : elle n’est pas publiée et son contenu peut encore changer.`;
    case 'en vigueur':
      return `La version ${version} est en vigueur : c’est celle à suivre.`;
    case 'remplacée':
      return `La version ${version} est remplacée par la version ${inForce}, de même numéro majeur : ses données restent valides.`;
    case 'dépréciée':
      return `La version ${version} est dépréciée : une version majeure plus récente la remplace ; ${release?.until ? `ses données sont acceptées jusqu’au ${longDate(release.until)}` : 'la fin de la période de transition sera annoncée ici'}.`;
    case 'retirée':
      return `La version ${version} est retirée.${release?.reason ? ` ${release.reason.replace(/\.?$/, '.')}` : ''} Utilisez la version ${release?.replacement ?? inForce} ; celle-ci reste en ligne pour mémoire.`;
  }
}
