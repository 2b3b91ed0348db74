import type { Source } from '../dictionary/schemas/source.ts';

/**
 * What each text of the legal basis does in the partner's journey. Titles, dates and references are not
 * written here: they are read from the `sources.yaml` of the version in force, so that the guide, the
 * glossary and the dictionary cite the same texts and cannot drift.
 */
export const legalRoles = [
  { source: 'code-travail-l6353-10', role: 'fondement', says: 'les organismes de formation transmettent aux financeurs des informations sur leurs stagiaires ; ces données sont partagées sous forme dématérialisée entre les financeurs, la Caisse des Dépôts et les opérateurs du conseil en évolution professionnelle.' },
  { source: 'decret-2017-772', role: 'texte historique', says: 'il a organisé cet échange au moyen du SI CPF, le système d’information du compte personnel de formation.' },
  { source: 'arrete-2019-10-11-si-cpf', role: 'liste actuelle des catégories de données', says: 'son annexe 1, dans sa version modifiée, liste aujourd’hui les catégories de données à caractère personnel que le SI CPF peut enregistrer.' },
  { source: 'decret-2019-1049', role: 'règles actuelles du traitement', says: 'il a réécrit les règles du traitement SI CPF (articles R. 6323-32 et suivants du code du travail).' },
  { source: 'decret-2024-1236', role: 'mise à jour du traitement', says: 'il a mis à jour le traitement SI CPF (finalités, catégories de données, durées de conservation).' },
  { source: 'decret-2019-341', role: 'collecte du NIR', says: 'il autorise les OPCO à collecter le NIR pour le partage d’informations de la plateforme AGORA ; le NIR est une donnée de sensibilité élevée.' },
] as const;

export type LegalRole = (typeof legalRoles)[number]['role'];

export interface LegalText {
  source: Source;
  role: LegalRole;
  says: string;
  /** The text's date as its title gives it (« 4 mai 2017 »), if any. */
  date?: string;
}

const MONTHS = 'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';
const DATE = new RegExp(`\\bdu (1er|1ᵉʳ|\\d{1,2}) (${MONTHS}) (\\d{4})\\b`);

/** The date a text's title carries (« Décret n° 2017-772 du 4 mai 2017 … » → « 4 mai 2017 »). */
export function titleDate(title: string): string | undefined {
  const match = DATE.exec(title);
  return match ? `${match[1] === '1er' ? '1ᵉʳ' : match[1]} ${match[2]} ${match[3]}` : undefined;
}

/** A long title shortened to its number and date (« Décret n° 2017-772 du 4 mai 2017 »), for sentences. */
export function shortTitle(title: string): string {
  const match = new RegExp(`^(.*?\\bdu (1er|1ᵉʳ|\\d{1,2}) (${MONTHS}) \\d{4})\\b`).exec(title);
  return match?.[1] ?? title;
}

/**
 * The legal basis as the version in force states it. A role whose source that version no longer cites
 * stops the build with the fix, rather than leaving the guide citing a text the dictionary dropped.
 */
export function legalBasis(sources: readonly Source[], version: string): LegalText[] {
  return legalRoles.map(({ source: id, role, says }) => {
    const source = sources.find((s) => s.id === id);
    if (!source) {
      throw new Error(
        `La base légale du guide cite la source « ${id} », absente de dictionary/sources.yaml de la version ${version} en vigueur. Rétablissez-la dans le dictionnaire, ou retirez-la de src/core/guide/legal-basis.ts.`,
      );
    }
    const date = titleDate(source.title);
    return { source, role, says, ...(date ? { date } : {}) };
  });
}
