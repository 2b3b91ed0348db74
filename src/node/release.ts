import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { Change, ChangeType, DictionaryDiff } from '../core/dictionary/diff.ts';
import { HASH_LIST_FILE, hashVersion, serializeHashList, unrecordedArtefacts } from '../core/dictionary/freeze.ts';
import { loadDictionary } from '../core/dictionary/load.ts';
import { allFields, type Dictionary } from '../core/dictionary/model.ts';
import { loadRepository, RELEASE_INDEX, releaseFolder, versionVerdict } from '../core/dictionary/repository.ts';
import type { Release } from '../core/dictionary/schemas/release-index.ts';
import { bumpLabels } from '../core/dictionary/semver.ts';
import type { Problem } from '../core/problems.ts';
import { readDictionaryFiles } from './dictionary-files.ts';
import { readHashList, readRepositoryFiles, verifyFrozen } from './releases.ts';

export interface ReleaseOptions {
  /** Publication date, AAAA-MM-JJ; today (in France) by default. */
  date?: string;
}

export interface ReleaseOutcome {
  ok: boolean;
  /** Why the release was refused, or the notes of the release. */
  problems: Problem[];
  /** What was done, in French, line by line. */
  report: string[];
}

const refuse = (problems: Problem[], report: string[] = []): ReleaseOutcome => ({ ok: false, problems, report });
const refusal = (place: string, rule: string, message: string, fix: string): Problem => ({ severity: 'erreur', rule: `release.${rule}`, place, message, fix });

/** Today in France, where the platform publishes. */
export const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/**
 * `npm run dictionary:release -- <version>`: checks everything, diffs the working copy against the
 * latest published version, refuses a number that understates the changes, then freezes the working
 * copy in releases/<version>/, writes its hash list and a change-log entry pre-filled from the diff,
 * and sets the statuses (the new version « en vigueur », the one it replaces « dépréciée »).
 */
export async function releaseVersion(root: string, version: string, options: ReleaseOptions = {}): Promise<ReleaseOutcome> {
  const files = readRepositoryFiles(root);
  const { repository, problems } = loadRepository(files);
  problems.push(...(await verifyFrozen(root, files, repository?.published ?? [])));
  const errors = problems.filter((problem) => problem.severity === 'erreur');
  if (!repository || errors.length > 0) return refuse(errors, ['Publication refusée : npm run dictionary:check signale des erreurs.']);

  const { working, published } = repository;
  const manifestPath = 'dictionary/manifest.yaml';
  if (working.manifest.version !== version) {
    return refuse([refusal(manifestPath, 'version-argument', `La copie de travail porte la version ${working.manifest.version}, pas ${version}.`, `Indiquez « version: ${version} » dans ${manifestPath} (le numéro ne se lit qu’à cet endroit), ou publiez ${working.manifest.version}.`)]);
  }
  const latest = published[0]?.dictionary;
  if (latest?.manifest.version === version) {
    return refuse([refusal(manifestPath, 'nothing-to-release', `La version ${version} est déjà publiée et la copie de travail n’a pas changé depuis.`, 'Préparez d’abord une nouvelle version dans dictionary/.')]);
  }
  const diff = latest ? versionVerdict(latest, working).diff : undefined;
  if (diff && diff.changes.length === 0) {
    return refuse([refusal(manifestPath, 'nothing-to-release', `La version ${version} ne change rien par rapport à la version ${latest?.manifest.version}.`, 'Il n’y a rien à publier.')]);
  }

  const date = working.manifest.status === 'publiée' && !latest ? working.manifest.date : (options.date ?? today());
  const folder = releaseFolder(version);
  if (existsSync(join(root, folder))) return refuse([refusal(folder, 'folder-exists', `Le dossier ${folder} existe déjà.`, 'Une version publiée ne se republie pas : choisissez un nouveau numéro.')]);

  // The working copy becomes the published version: same files, manifest marked published and dated.
  const manifest = readFileSync(join(root, manifestPath), 'utf8').replace(/^status:.*$/m, 'status: publiée').replace(/^date:.*$/m, `date: ${date}`);
  writeFileSync(join(root, manifestPath), manifest);
  for (const file of readDictionaryFiles(root)) {
    const target = join(root, folder, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.text);
  }
  const frozen = loadDictionary(readDictionaryFiles(join(root, folder), root));
  if (!frozen.dictionary) return refuse(frozen.problems, [`La version figée dans ${folder} ne se charge pas : supprimez ce dossier et signalez le problème.`]);
  const hashes = await hashVersion(frozen.dictionary, readDictionaryFiles(join(root, folder), root), folder);
  writeFileSync(join(root, folder, HASH_LIST_FILE), serializeHashList(hashes));

  const entry: Release = { version, status: 'en vigueur', date, summary: summarize(frozen.dictionary, diff), notes: diff ? changeLog(diff) : [] };
  const replaced = writeIndexEntry(root, entry);
  return {
    ok: true,
    problems: [],
    report: [
      `Version ${version} publiée le ${date} dans ${folder}/ (empreintes : ${folder}/${HASH_LIST_FILE}).`,
      ...(diff ? [`Par rapport à la version ${diff.from} : ${diff.changes.length} changement(s), ${bumpLabels[diff.bump]}.`] : []),
      `Statuts : ${version} en vigueur${replaced.length > 0 ? ` ; ${replaced.join(', ')} dépréciée(s)` : ''}.`,
      `Complétez le résumé et le journal de la version dans ${RELEASE_INDEX}, puis committez ${folder}/, ${RELEASE_INDEX} et dictionary/.`,
    ],
  };
}

/**
 * Adds to each published version's hash list the downloads it does not cover yet (a new kind of file
 * generated for every version); entries already recorded are never touched.
 */
export async function recordNewArtefacts(root: string): Promise<ReleaseOutcome> {
  const files = readRepositoryFiles(root);
  const { repository, problems } = loadRepository(files);
  const errors = problems.filter((problem) => problem.severity === 'erreur');
  if (!repository || errors.length > 0) return refuse(errors);
  const frozen = (await verifyFrozen(root, files, repository.published)).filter((problem) => problem.severity === 'erreur');
  if (frozen.length > 0) return refuse(frozen, ['Rien n’est enregistré tant qu’une version publiée diffère de ses empreintes.']);
  const report: string[] = [];
  for (const version of repository.published) {
    const expected = readHashList(root, version.folder);
    if (!expected) continue;
    const actual = await hashVersion(version.dictionary, version.files, version.folder);
    const added = unrecordedArtefacts(expected, actual);
    if (added.length === 0) continue;
    for (const path of added) {
      if (path in actual.artefacts) expected.artefacts[path] = actual.artefacts[path] as string;
      else expected.templates[path] = actual.templates[path] ?? {};
    }
    writeFileSync(join(root, version.folder, HASH_LIST_FILE), serializeHashList(expected));
    report.push(`${version.folder}/${HASH_LIST_FILE} : ${added.join(', ')} figé(s).`);
  }
  return { ok: true, problems: [], report: report.length > 0 ? report : ['Tous les fichiers des versions publiées sont déjà figés.'] };
}

/** Inserts the new version first in releases/index.yaml, keeping the maintainers' comments and wording. */
function writeIndexEntry(root: string, entry: Release): string[] {
  const path = join(root, RELEASE_INDEX);
  const header = '# Published versions of the dictionary, newest first. `npm run dictionary:release` adds each version;\n# maintainers complete its summary and notes and update its status over its life.\n';
  const doc = parseDocument(existsSync(path) ? readFileSync(path, 'utf8') : `${header}releases: []\n`);
  const releases = doc.get('releases', true);
  if (!isSeq(releases)) throw new Error(`${RELEASE_INDEX} : la liste « releases » est introuvable.`);
  const replaced: string[] = [];
  for (const item of releases.items) {
    if (isMap(item) && item.get('status') === 'en vigueur') {
      item.set('status', 'dépréciée');
      replaced.push(String(item.get('version')));
    }
  }
  releases.flow = false;
  releases.items.unshift(doc.createNode(entry));
  writeFileSync(path, doc.toString({ lineWidth: 110 }));
  return replaced;
}

const groupLabels: Partial<Record<ChangeType, string>> = {
  'field-added': 'Champs ajoutés',
  'field-removed': 'Champs retirés',
  'field-renamed': 'Champs renommés',
  'field-type': 'Types modifiés',
  'field-constraint': 'Contraintes modifiées',
  'field-binding': 'Listes de valeurs modifiées',
  'field-obligation': 'Obligations modifiées',
  'field-condition': 'Conditions modifiées',
  'field-required-when': 'Conditions rendues vérifiables',
  'field-personal-data': 'Caractère personnel revu',
  'field-deprecated': 'Retraits annoncés',
  'field-wording': 'Libellés, définitions ou exemples précisés',
  'field-sources': 'Sources des champs complétées',
  'field-lheo': 'Éléments LHÉO indiqués',
  'code-added': 'Codes ajoutés',
  'code-removed': 'Codes retirés',
  'code-deprecated': 'Retraits de codes annoncés',
  'code-wording': 'Libellés de codes précisés',
  'nomenclature-added': 'Nomenclatures ajoutées',
  'nomenclature-removed': 'Nomenclatures retirées',
  'nomenclature-wording': 'Nomenclatures précisées',
  'entity-added': 'Entités ajoutées',
  'entity-removed': 'Entités retirées',
  'entity-key': 'Clés d’enregistrement',
  'entity-wording': 'Entités précisées',
  'referential-added': 'Référentiels ajoutés',
  'referential-removed': 'Référentiels retirés',
  'referential-rule': 'Règles de référentiels modifiées',
  'referential-wording': 'Référentiels précisés',
  'source-added': 'Sources ajoutées',
  'source-removed': 'Sources retirées',
  'source-wording': 'Sources corrigées',
};

/** One line per kind of change, naming the items: the change log maintainers complete. */
export function changeLog(diff: DictionaryDiff): string[] {
  const groups = new Map<ChangeType, Change[]>();
  for (const change of diff.changes) groups.set(change.type, [...(groups.get(change.type) ?? []), change]);
  return [...groups].map(([type, changes]) => `${groupLabels[type] ?? type} : ${[...new Set(changes.map((change) => change.subject))].join(', ')}.`);
}

function summarize(dictionary: Dictionary, diff: DictionaryDiff | undefined): string {
  if (!diff) return `Première version publiée : ${allFields(dictionary).length} champs répartis en ${dictionary.entities.length} entités et ${dictionary.nomenclatures.length} nomenclatures.`;
  const count = (types: ChangeType[]) => diff.changes.filter((change) => types.includes(change.type)).length;
  const parts = [
    [count(['field-added']), 'champ(s) ajouté(s)'],
    [count(['field-removed']), 'champ(s) retiré(s)'],
    [count(['field-renamed']), 'champ(s) renommé(s)'],
    [count(['code-added']), 'code(s) ajouté(s)'],
    [count(['code-removed']), 'code(s) retiré(s)'],
    [count(['field-type', 'field-constraint', 'field-binding', 'field-obligation', 'field-condition', 'field-required-when', 'entity-key']), 'règle(s) modifiée(s)'],
    [count(['field-deprecated', 'code-deprecated']), 'retrait(s) annoncé(s)'],
  ] as const;
  const listedParts = parts.filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`);
  const rest = diff.changes.length - parts.reduce((sum, [n]) => sum + n, 0);
  return `${bumpLabels[diff.bump].replace(/^./, (c) => c.toUpperCase())} de la version ${diff.from} : ${[...listedParts, ...(rest > 0 ? [`${rest} précision(s) de contenu ou de documentation`] : [])].join(', ')}.`;
}
