import { readDataFile } from '../data-file.ts';
import type { Problem } from '../problems.ts';
import { diffDictionaries, type DictionaryDiff } from './diff.ts';
import { loadDictionary, type SourceFile } from './load.ts';
import type { Dictionary } from './model.ts';
import { releaseIndexSchema, type Release } from './schemas/release-index.ts';
import { bumpBetween, bumpLabels, compareVersions, covers, nextVersion } from './semver.ts';
import { SourceMap } from './source-map.ts';

/**
 * The dictionary as the repository keeps it: the working copy in `dictionary/`, each published version
 * frozen in `releases/<version>/dictionary/` (the same layout, so the loader reads it unchanged), and
 * `releases/index.yaml`, which follows each published version's life (status, summary, change log).
 */
export const RELEASES_FOLDER = 'releases';
export const RELEASE_INDEX = `${RELEASES_FOLDER}/index.yaml`;
export const releaseFolder = (version: string) => `${RELEASES_FOLDER}/${version}`;

export interface VersionFiles {
  /** `releases/<version>` as found on disk: the folder name is checked against the manifest. */
  folder: string;
  files: SourceFile[];
}

export interface RepositoryFiles {
  working: SourceFile[];
  releases: VersionFiles[];
  index?: SourceFile;
}

export interface PublishedVersion {
  dictionary: Dictionary;
  release: Release;
  folder: string;
  files: SourceFile[];
}

export interface Repository {
  /** Published versions, newest first. */
  published: PublishedVersion[];
  /** The working copy. */
  working: Dictionary;
  /** The working copy when its version is not published yet (a « brouillon »). */
  draft?: Dictionary;
}

export interface RepositoryResult {
  repository?: Repository;
  problems: Problem[];
}

const error = (place: string, rule: string, message: string, fix: string, subject?: string): Problem => ({
  severity: 'erreur',
  rule: `release.${rule}`,
  place,
  message,
  fix,
  ...(subject ? { subject } : {}),
});

/** Loads every version and checks that they fit together; the frozen bytes are checked by freeze.ts. */
export function loadRepository(files: RepositoryFiles): RepositoryResult {
  const problems: Problem[] = [];
  const working = loadDictionary(files.working);
  problems.push(...working.problems);

  const index = files.index ? readDataFile(files.index.path, files.index.text, releaseIndexSchema) : undefined;
  problems.push(...(index?.problems ?? []));
  if (!files.index && files.releases.length > 0) {
    problems.push(error(RELEASE_INDEX, 'index-missing', `Le fichier ${RELEASE_INDEX} est introuvable alors que des versions sont publiées.`, 'Restaurez-le depuis l’historique git : il porte le statut et le journal de chaque version.'));
  }
  const entries = index?.data?.releases ?? [];
  const indexSource = new SourceMap();
  if (files.index) indexSource.parse(files.index.path, files.index.text);
  const entryPlace = (i: number, key?: string) => indexSource.place(RELEASE_INDEX, ['releases', i, ...(key ? [key] : [])]);

  const published: PublishedVersion[] = [];
  for (const version of files.releases) {
    const loaded = loadDictionary(version.files);
    problems.push(...loaded.problems);
    const dictionary = loaded.dictionary;
    if (!dictionary) continue;
    const { manifest } = dictionary;
    const manifestPlace = `${version.folder}/dictionary/manifest.yaml`;
    if (version.folder !== releaseFolder(manifest.version)) {
      problems.push(error(manifestPlace, 'folder', `Ce dossier porte la version ${manifest.version} : il devrait s’appeler ${releaseFolder(manifest.version)}.`, 'Un dossier de version publiée n’est ni renommé ni modifié ; restaurez-le depuis l’historique git.'));
      continue;
    }
    if (manifest.status !== 'publiée') problems.push(error(manifestPlace, 'status', `Une version figée doit porter « status: publiée » (trouvé : « ${manifest.status} »).`, 'Publiez avec npm run dictionary:release, qui fige la version.'));
    const i = entries.findIndex((entry) => entry.version === manifest.version);
    const release = entries[i];
    if (!release) {
      problems.push(error(RELEASE_INDEX, 'index-entry', `La version publiée ${manifest.version} (${version.folder}) n’a pas d’entrée dans ${RELEASE_INDEX}.`, 'Restaurez son entrée (statut, date, résumé) depuis l’historique git.'));
      continue;
    }
    if (release.date !== manifest.date) problems.push(error(entryPlace(i, 'date'), 'date', `La date ${release.date} diffère de celle du manifeste figé de la version ${manifest.version} (${manifest.date}).`, `Indiquez ${manifest.date}.`));
    if (manifest.origin && release.origin && manifest.origin !== release.origin) {
      problems.push(error(entryPlace(i, 'origin'), 'origin', `L’origine « ${release.origin} » contredit celle du manifeste figé de la version ${manifest.version} (« ${manifest.origin} »).`, 'Retirez « origin » de cette entrée : le manifeste de la version la porte.'));
    } else if (!manifest.origin && !release.origin) {
      problems.push(error(entryPlace(i), 'origin-missing', `La version ${manifest.version} ne dit pas si elle est composée par ce portail ou officielle : son manifeste figé ne porte pas « origin ».`, `Ajoutez « origin: composé » (ou « origin: officiel » si c’est le dictionnaire de l’équipe plateforme) à son entrée de ${RELEASE_INDEX}.`));
    }
    const origin = manifest.origin ?? release.origin;
    if (origin) dictionary.origin = origin;
    published.push({ dictionary, release, folder: version.folder, files: version.files });
  }
  entries.forEach((entry, i) => {
    if (!files.releases.some((version) => version.folder === releaseFolder(entry.version))) {
      problems.push(error(entryPlace(i, 'version'), 'folder-missing', `La version ${entry.version} est inscrite mais son dossier ${releaseFolder(entry.version)} est introuvable.`, 'Restaurez le dossier depuis l’historique git : une version publiée reste en ligne.'));
    }
    const next = entries[i + 1];
    if (next && compareVersions(entry.version, next.version) <= 0) {
      problems.push(error(entryPlace(i, 'version'), 'order', `Les versions doivent être rangées de la plus récente à la plus ancienne (${entry.version} avant ${next.version}).`, 'Rangez les entrées dans l’ordre décroissant des versions.'));
    }
  });
  published.sort((a, b) => compareVersions(b.dictionary.manifest.version, a.dictionary.manifest.version));

  if (!working.dictionary) return { problems };
  const repository: Repository = { published, working: working.dictionary };
  const latest = published[0];
  if (!latest) {
    // With no version published yet, the working copy is the first new one; a published version that failed to load is reported above.
    return { repository, problems: files.releases.length === 0 ? [...problems, ...newVersionOrigin(working.dictionary, 'dictionary/manifest.yaml')] : problems };
  }
  const version = working.dictionary.manifest.version;
  const order = compareVersions(version, latest.dictionary.manifest.version);
  if (order === 0) {
    problems.push(...frozenWorkingCopy(files.working, latest));
    if (latest.dictionary.origin) working.dictionary.origin = latest.dictionary.origin;
  }
  else if (order < 0) {
    problems.push(error('dictionary/manifest.yaml', 'working-version', `La copie de travail porte la version ${version}, antérieure à la dernière version publiée (${latest.dictionary.manifest.version}).`, `Donnez-lui un numéro postérieur, par exemple ${nextVersion(latest.dictionary.manifest.version, 'mineure')}.`));
  } else {
    repository.draft = working.dictionary;
    problems.push(...checkDraft(files.working, working.dictionary, latest.dictionary));
  }
  return { repository, problems };
}

/** When the working copy carries the latest published number, it must be that version, byte for byte. */
function frozenWorkingCopy(working: readonly SourceFile[], latest: PublishedVersion): Problem[] {
  const { version } = latest.dictionary.manifest;
  const frozen = new Map(latest.files.map((file) => [file.path.slice(latest.folder.length + 1), file.text]));
  const problems: Problem[] = [];
  const fix = `Pour préparer une nouvelle version, indiquez d’abord son numéro dans dictionary/manifest.yaml (par exemple ${nextVersion(version, 'mineure')}) avec « status: brouillon ».`;
  for (const file of working) {
    const published = frozen.get(file.path);
    if (published === undefined) problems.push(error(file.path, 'working-frozen', `Ce fichier ne fait pas partie de la version ${version}, publiée et figée, dont la copie de travail porte le numéro.`, fix));
    else if (published !== file.text) problems.push(error(file.path, 'working-frozen', `Ce fichier diffère de la version ${version} publiée (${latest.folder}/${file.path}), dont la copie de travail porte le numéro.`, fix));
    frozen.delete(file.path);
  }
  for (const path of frozen.keys()) problems.push(error(path, 'working-frozen', `Ce fichier de la version ${version} publiée manque dans la copie de travail.`, fix));
  return problems;
}

/** A version not yet published says its origin in its manifest: the frozen ones' index entries cannot. */
function newVersionOrigin(draft: Dictionary, manifestPlace: string): Problem[] {
  if (draft.manifest.origin) {
    draft.origin = draft.manifest.origin;
    return [];
  }
  return [
    error(
      manifestPlace,
      'origin-missing',
      `Le manifeste de la version ${draft.manifest.version} ne dit pas si ce dictionnaire est composé par ce portail ou officiel : la clé « origin » manque.`,
      'Ajoutez « origin: composé » (composé à partir de textes publics) ou « origin: officiel » (le dictionnaire de l’équipe plateforme) dans dictionary/manifest.yaml.',
    ),
  ];
}

/**
 * A draft against the latest published version: its number must not understate its changes, and the
 * history it states (`since`, `formerly`) must agree with what was published.
 */
function checkDraft(files: readonly SourceFile[], draft: Dictionary, latest: Dictionary): Problem[] {
  const problems: Problem[] = [];
  const sourceMap = new SourceMap();
  for (const file of files) sourceMap.parse(file.path, file.text);
  const { version } = draft.manifest;
  const manifestPlace = sourceMap.place('dictionary/manifest.yaml', ['version']);
  if (draft.manifest.status !== 'brouillon') {
    problems.push(error(sourceMap.place('dictionary/manifest.yaml', ['status']), 'draft-status', `La version ${version} n’est pas encore publiée : son statut est « brouillon » jusqu’à npm run dictionary:release.`, 'Indiquez « status: brouillon ».'));
  }
  problems.push(...newVersionOrigin(draft, manifestPlace));
  const verdict = versionVerdict(latest, draft);
  if (verdict.problem) problems.push(error(manifestPlace, 'semver', verdict.problem, verdict.fix ?? ''));

  const publishedFields = new Map(latest.entities.flatMap((entity) => entity.fields).map((field) => [field.code, field]));
  const draftCodes = new Set(draft.entities.flatMap((entity) => entity.fields.map((field) => field.code)));
  for (const entity of draft.entities) {
    const path = `dictionary/entities/${entity.id}.yaml`;
    entity.fields.forEach((field, i) => {
      const at = (key: string) => sourceMap.place(path, ['fields', i, key]);
      const renamedFrom = field.formerly && !publishedFields.has(field.code) && !draftCodes.has(field.formerly) ? publishedFields.get(field.formerly) : undefined;
      if (field.formerly && !publishedFields.has(field.code) && !renamedFrom) {
        problems.push(error(at('formerly'), 'formerly', `Le champ renommé indique l’ancien code ${field.formerly}, absent de la version publiée ${latest.manifest.version}.`, 'Indiquez le code que portait le champ dans la dernière version publiée, ou retirez formerly pour un champ nouveau.', field.code));
      }
      const previous = publishedFields.get(field.code) ?? renamedFrom;
      const expected = previous ? previous.since : version;
      if (field.since !== expected) {
        const why = previous
          ? `ce champ existe depuis la version ${previous.since}${renamedFrom ? ` (sous le code ${renamedFrom.code})` : ''}`
          : `ce champ n’existe pas dans la version publiée ${latest.manifest.version} : il est nouveau dans la version ${version}`;
        problems.push(error(at('since'), 'since-history', `« since: ${field.since} » ne correspond pas à l’historique : ${why}.`, `Indiquez « since: ${expected} » ; une version publiée ne change pas.`, field.code));
      }
    });
  }
  for (const nomenclature of draft.nomenclatures) {
    const path = `dictionary/nomenclatures/${nomenclature.id}.yaml`;
    const previous = latest.nomenclatures.find((n) => n.id === nomenclature.id);
    const expected = previous ? previous.since : version;
    if (nomenclature.since !== expected) {
      problems.push(error(sourceMap.place(path, ['since']), 'since-history', `« since: ${nomenclature.since} » ne correspond pas à l’historique de la nomenclature.`, `Indiquez « since: ${expected} ».`, nomenclature.id));
    }
    nomenclature.values.forEach((value, i) => {
      const old = previous?.values.find((v) => v.code === value.code);
      const expectedSince = old ? old.since : previous ? version : undefined;
      if (value.since !== expectedSince) {
        const fix = expectedSince ? `Indiquez « since: ${expectedSince} » pour ce code.` : 'Retirez since : le code a la version de sa nomenclature.';
        problems.push(error(sourceMap.place(path, ['values', i, value.since ? 'since' : 'code']), 'since-history', `Le code « ${value.code} » ne porte pas la version qui l’a ajouté (${expectedSince ?? `celle de la nomenclature, ${nomenclature.since}`}).`, fix, nomenclature.id));
      }
    });
  }
  return problems;
}

export interface VersionVerdict {
  diff: DictionaryDiff;
  /** Why the number cannot be published, with the changes that need a stronger bump. */
  problem?: string;
  fix?: string;
}

/** Whether `draft`'s number may follow `latest` given what changed: understating the changes is refused. */
export function versionVerdict(latest: Dictionary, draft: Dictionary): VersionVerdict {
  const diff = diffDictionaries(latest, draft);
  const from = latest.manifest.version;
  const to = draft.manifest.version;
  const step = bumpBetween(from, to);
  if ('problem' in step) return { diff, problem: `Le numéro ${to} ne peut pas suivre ${from} : ${step.problem}.`, fix: `Indiquez ${nextVersion(from, diff.bump)}.` };
  if (covers(step.bump, diff.bump)) return { diff };
  const needing = diff.changes.filter((change) => !covers(step.bump, change.bump));
  const lines = needing.map((change) => `${change.subject} — ${change.message.replace(/\.$/, '')} (${bumpLabels[change.bump]})`);
  return {
    diff,
    problem: `Le numéro ${to} est une ${bumpLabels[step.bump]} de ${from}, mais ${needing.length === 1 ? 'ce changement demande' : `ces ${needing.length} changements demandent`} une ${bumpLabels[diff.bump]} : ${lines.join(' ; ')}.`,
    fix: `Publiez la version ${nextVersion(from, diff.bump)} (et mettez à jour les « since » des éléments nouveaux), ou renoncez à ces changements.`,
  };
}
