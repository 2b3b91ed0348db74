import { countOf } from '../plural.ts';
import type { Change, ChangeType, DictionaryDiff } from './diff.ts';
import { allFields, type Dictionary } from './model.ts';
import { bumpLabels, bumps, type Bump } from './semver.ts';

/**
 * What a release says about its changes, from the diff: the change-log lines of releases/index.yaml,
 * the summary of the versions page, the CHANGELOG.md section (Keep a Changelog, in French) and the
 * Markdown a reviewer reads in the pull request. Pure: the release command and its tests share it.
 */

/** Keep a Changelog's sections, as its French translation names them. */
type Section = 'Ajouté' | 'Modifié' | 'Déprécié' | 'Supprimé' | 'Corrigé';

interface Group {
  /** Change-log line label, with the items after it. */
  label: string;
  /** How the summary counts it: singular and plural. */
  one: string;
  other: string;
  section: Section;
}

const groups: Record<ChangeType, Group> = {
  'field-added': { label: 'Champs ajoutés', one: 'champ ajouté', other: 'champs ajoutés', section: 'Ajouté' },
  'field-restored': { label: 'Champs rétablis', one: 'champ rétabli', other: 'champs rétablis', section: 'Ajouté' },
  'field-removed': { label: 'Champs retirés', one: 'champ retiré', other: 'champs retirés', section: 'Supprimé' },
  'field-renamed': { label: 'Champs renommés', one: 'champ renommé', other: 'champs renommés', section: 'Modifié' },
  'field-type': { label: 'Types modifiés', one: 'type modifié', other: 'types modifiés', section: 'Modifié' },
  'field-constraint': { label: 'Contraintes modifiées', one: 'contrainte modifiée', other: 'contraintes modifiées', section: 'Modifié' },
  'field-binding': { label: 'Listes de valeurs modifiées', one: 'liste de valeurs modifiée', other: 'listes de valeurs modifiées', section: 'Modifié' },
  'field-obligation': { label: 'Obligations modifiées', one: 'obligation modifiée', other: 'obligations modifiées', section: 'Modifié' },
  'field-condition': { label: 'Conditions modifiées', one: 'condition modifiée', other: 'conditions modifiées', section: 'Modifié' },
  'field-required-when': { label: 'Conditions rendues vérifiables', one: 'condition rendue vérifiable', other: 'conditions rendues vérifiables', section: 'Modifié' },
  'field-personal-data': { label: 'Caractère personnel revu', one: 'caractère personnel revu', other: 'caractères personnels revus', section: 'Modifié' },
  'field-deprecated': { label: 'Retraits annoncés', one: 'retrait annoncé', other: 'retraits annoncés', section: 'Déprécié' },
  'field-wording': { label: 'Libellés, définitions ou exemples précisés', one: 'libellé, définition ou exemple précisé', other: 'libellés, définitions ou exemples précisés', section: 'Corrigé' },
  'field-sources': { label: 'Sources des champs complétées', one: 'champ aux sources complétées', other: 'champs aux sources complétées', section: 'Corrigé' },
  'field-lheo': { label: 'Éléments LHÉO indiqués', one: 'élément LHÉO indiqué', other: 'éléments LHÉO indiqués', section: 'Corrigé' },
  'code-added': { label: 'Codes ajoutés', one: 'code ajouté', other: 'codes ajoutés', section: 'Ajouté' },
  'code-restored': { label: 'Codes rétablis', one: 'code rétabli', other: 'codes rétablis', section: 'Ajouté' },
  'code-removed': { label: 'Codes retirés', one: 'code retiré', other: 'codes retirés', section: 'Supprimé' },
  'code-deprecated': { label: 'Retraits de codes annoncés', one: 'retrait de code annoncé', other: 'retraits de codes annoncés', section: 'Déprécié' },
  'code-wording': { label: 'Libellés de codes précisés', one: 'libellé de code précisé', other: 'libellés de codes précisés', section: 'Corrigé' },
  'nomenclature-added': { label: 'Nomenclatures ajoutées', one: 'nomenclature ajoutée', other: 'nomenclatures ajoutées', section: 'Ajouté' },
  'nomenclature-removed': { label: 'Nomenclatures retirées', one: 'nomenclature retirée', other: 'nomenclatures retirées', section: 'Supprimé' },
  'nomenclature-wording': { label: 'Nomenclatures précisées', one: 'nomenclature précisée', other: 'nomenclatures précisées', section: 'Corrigé' },
  'entity-added': { label: 'Entités ajoutées', one: 'entité ajoutée', other: 'entités ajoutées', section: 'Ajouté' },
  'entity-removed': { label: 'Entités retirées', one: 'entité retirée', other: 'entités retirées', section: 'Supprimé' },
  'entity-key': { label: 'Clés d’enregistrement', one: 'clé d’enregistrement', other: 'clés d’enregistrement', section: 'Modifié' },
  'entity-wording': { label: 'Entités précisées', one: 'entité précisée', other: 'entités précisées', section: 'Corrigé' },
  'referential-added': { label: 'Référentiels ajoutés', one: 'référentiel ajouté', other: 'référentiels ajoutés', section: 'Ajouté' },
  'referential-removed': { label: 'Référentiels retirés', one: 'référentiel retiré', other: 'référentiels retirés', section: 'Supprimé' },
  'referential-rule': { label: 'Règles de référentiels modifiées', one: 'règle de référentiel modifiée', other: 'règles de référentiels modifiées', section: 'Modifié' },
  'referential-wording': { label: 'Référentiels précisés', one: 'référentiel précisé', other: 'référentiels précisés', section: 'Corrigé' },
  'source-added': { label: 'Sources ajoutées', one: 'source ajoutée', other: 'sources ajoutées', section: 'Ajouté' },
  'source-removed': { label: 'Sources retirées', one: 'source retirée', other: 'sources retirées', section: 'Supprimé' },
  'source-wording': { label: 'Sources corrigées', one: 'source corrigée', other: 'sources corrigées', section: 'Corrigé' },
};

/** How a change names its item: a rename shows both codes, « ANCIEN → NOUVEAU ». */
export function changeItem(change: Change): string {
  const before = change.before && 'code' in change.before ? change.before.code : undefined;
  const after = change.after && 'code' in change.after ? change.after.code : undefined;
  return change.type === 'field-renamed' && before && after && before !== after ? `${before} → ${after}` : change.subject;
}

/** The changes of each type, in the order of the diff, each item once. */
function grouped(diff: DictionaryDiff): [ChangeType, string[], Change[]][] {
  const byType = new Map<ChangeType, Change[]>();
  for (const change of diff.changes) byType.set(change.type, [...(byType.get(change.type) ?? []), change]);
  return [...byType].map(([type, changes]) => [type, [...new Set(changes.map(changeItem))], changes]);
}

/** One line per kind of change, naming the items: the change log maintainers complete. */
export function changeLog(diff: DictionaryDiff): string[] {
  return grouped(diff).map(([type, items]) => `${groups[type].label} : ${items.join(', ')}.`);
}

const capitalised = (text: string) => text.replace(/^./, (c) => c.toUpperCase());

/** What a partner sending data must know of a bump. */
const compatibility: Record<Bump, (from: string) => string> = {
  majeure: (from) => `des données valides en version ${from} peuvent être refusées ; mettez à jour vos extractions et votre kit`,
  mineure: (from) => `une donnée valide en version ${from} le reste`,
  correctif: () => 'les règles ne changent pas, seule la documentation est précisée',
};

/** At most this many items are named in a summary; beyond, the count alone says it. */
const NAMED = 3;

/** The one-paragraph summary of the versions page: every kind of change counted, the few items named. */
export function summarize(dictionary: Dictionary, diff: DictionaryDiff | undefined): string {
  if (!diff) {
    return `Première version publiée : ${countOf(allFields(dictionary).length, 'champ', 'champs')} répartis en ${countOf(dictionary.entities.length, 'entité', 'entités')} et ${countOf(dictionary.nomenclatures.length, 'nomenclature', 'nomenclatures')}.`;
  }
  const parts = grouped(diff).map(([type, items]) => {
    const group = groups[type];
    return `${countOf(items.length, group.one, group.other)}${items.length <= NAMED ? ` (${items.join(', ')})` : ''}`;
  });
  return `${capitalised(bumpLabels[diff.bump])} de la version ${diff.from} : ${parts.join(', ')}. ${capitalised(compatibility[diff.bump](diff.from))}.`;
}

/** The one line `dictionary:check` prints about the working copy against the last published version. */
export function changeLine(diff: DictionaryDiff): string {
  if (diff.changes.length === 0) return `Depuis la version ${diff.from} : aucun changement.`;
  const parts = grouped(diff).map(([type, items]) => countOf(items.length, groups[type].one, groups[type].other));
  return `Depuis la version ${diff.from} : ${countOf(diff.changes.length, 'changement', 'changements')} (${parts.join(', ')}), il faut au moins une ${bumpLabels[diff.bump]}.`;
}

const sections: Section[] = ['Ajouté', 'Modifié', 'Déprécié', 'Supprimé', 'Corrigé'];

/** The CHANGELOG.md section of one version (Keep a Changelog 1.1.0, in French). */
export function changelogSection(version: string, date: string, dictionary: Dictionary, diff: DictionaryDiff | undefined): string {
  const lines = [`## [${version}] - ${date}`, ''];
  if (!diff) {
    lines.push('### Ajouté', '', `- ${summarize(dictionary, diff)}`, '');
    return lines.join('\n');
  }
  lines.push(`${capitalised(bumpLabels[diff.bump])} : ${compatibility[diff.bump](diff.from)}.`, '');
  for (const section of sections) {
    const entries = grouped(diff).filter(([type]) => groups[type].section === section);
    if (entries.length === 0) continue;
    lines.push(`### ${section}`, '');
    for (const [type, items, changes] of entries) {
      const breaking = changes.some((change) => change.bump === 'majeure');
      lines.push(`- ${groups[type].label}${breaking ? ' (rupture de compatibilité)' : ''} : ${items.join(', ')}.`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export const CHANGELOG_FILE = 'CHANGELOG.md';

const changelogHeader = `# Journal des versions du dictionnaire des données AGORA

Toutes les évolutions notables du dictionnaire sont consignées dans ce fichier, de la plus récente à la plus
ancienne. Le format suit [Keep a Changelog](https://keepachangelog.com/fr/1.1.0/) et les numéros suivent le
[versionnage sémantique](https://semver.org/lang/fr/) : une version majeure peut refuser des données valides
dans la précédente, une version mineure ajoute sans rien refuser, une version corrective ne précise que la
documentation. Chaque version est étiquetée \`dictionnaire-vX.Y.Z\` dans le dépôt ; \`npm run dictionary:release\`
écrit sa section.
`;

/**
 * CHANGELOG.md with `section` added as the newest version. Earlier sections are kept byte for byte;
 * without a file, `earlier` (newest first) gives the sections of the versions already published.
 */
export function addChangelogSection(existing: string | undefined, section: string, earlier: readonly string[] = []): string {
  if (existing === undefined) return [changelogHeader, section, ...earlier].join('\n');
  const at = existing.search(/^## \[/m);
  return at < 0 ? `${existing.replace(/\n*$/, '\n\n')}${section}` : `${existing.slice(0, at)}${section}\n${existing.slice(at)}`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const reviewHeadings: Record<Bump, string> = {
  majeure: 'Ruptures de compatibilité — version majeure',
  mineure: 'Ajouts et assouplissements compatibles — version mineure',
  correctif: 'Précisions de rédaction — version corrective',
};

/**
 * The change as a reviewer reads it in the pull request: the number and whether it covers the
 * changes, then every change in a table per bump, breaking ones first.
 */
export function reviewMarkdown(diff: DictionaryDiff, verdict: { problem?: string }): string {
  const lines = [`## Dictionnaire ${diff.to} : ${bumpLabels[diff.bump]} de la version ${diff.from}`, ''];
  lines.push(`${capitalised(countOf(diff.changes.length, 'changement', 'changements'))} : ${compatibility[diff.bump](diff.from)}.`, '');
  lines.push(verdict.problem ? `**Numéro refusé** : ${verdict.problem}` : `**Numéro** : ${diff.to} convient à ${diff.changes.length > 1 ? 'ces changements' : 'ce changement'} (il faut au moins une ${bumpLabels[diff.bump]}).`, '');
  for (const bump of bumps) {
    const changes = diff.changes.filter((change) => change.bump === bump);
    if (changes.length === 0) continue;
    lines.push(`### ${reviewHeadings[bump]} (${changes.length})`, '', '| Élément | Changement |', '| --- | --- |');
    for (const change of changes) lines.push(`| \`${cell(changeItem(change))}\` | ${cell(change.message)} |`);
    lines.push('');
  }
  return lines.join('\n');
}
