import { readDataFile } from '../data-file.ts';
import type { Problem } from '../problems.ts';
import { diffDictionaries, type Change, type DictionaryDiff } from './diff.ts';
import { loadDictionary, type SourceFile } from './load.ts';
import type { Dictionary, Field } from './model.ts';
import { releaseIndexSchema, type Release } from './schemas/release-index.ts';
import { bumpBetween, bumpLabels, compareVersions, covers, nextVersion, parseVersion, strongestBump } from './semver.ts';
import { History } from './history.ts';
import { dataTypeLabels } from './vocabulary.ts';
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
  /** What the working copy changes against the latest published version, when it is a draft; given even when it has errors. */
  changes?: DictionaryDiff;
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
  // An index that does not load has its own problems: reporting every version as missing from it would only repeat them.
  const indexLoaded = !files.index || index?.data !== undefined;
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
      if (indexLoaded) problems.push(error(RELEASE_INDEX, 'index-entry', `La version publiée ${manifest.version} (${version.folder}) n’a pas d’entrée dans ${RELEASE_INDEX}.`, 'Restaurez son entrée (statut, date, résumé) depuis l’historique git.'));
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
  if (indexLoaded) problems.push(...statusProblems(entries, entryPlace));

  // A working copy with errors still gets the version-number verdict, on what loaded.
  const candidate = working.dictionary ?? working.partial?.dictionary;
  if (!candidate) return { problems };
  const repository: Repository | undefined = working.dictionary ? { published, working: working.dictionary } : undefined;
  const latest = published[0];
  if (!latest) {
    // With no version published yet, the working copy is the first new one; a published version that failed to load is reported above.
    const origin = files.releases.length === 0 && working.dictionary ? newVersionOrigin(working.dictionary, 'dictionary/manifest.yaml') : [];
    return { ...(repository ? { repository } : {}), problems: [...problems, ...origin] };
  }
  const version = candidate.manifest.version;
  const order = compareVersions(version, latest.dictionary.manifest.version);
  let changes: DictionaryDiff | undefined;
  if (order === 0) {
    if (repository) problems.push(...frozenWorkingCopy(files.working, latest));
    if (latest.dictionary.origin) candidate.origin = latest.dictionary.origin;
  } else if (order < 0) {
    problems.push(error('dictionary/manifest.yaml', 'working-version', `La copie de travail porte la version ${version}, antérieure à la dernière version publiée (${latest.dictionary.manifest.version}).`, `Donnez-lui un numéro postérieur, par exemple ${nextVersion(latest.dictionary.manifest.version, 'mineure')}.`));
  } else {
    if (repository) repository.draft = repository.working;
    const unreadable = working.partial?.unreadable ?? new Set<string>();
    const checked = checkDraft(files.working, candidate, published, unreadable);
    problems.push(...(repository ? checked.problems : checked.problems.filter((problem) => problem.rule === 'release.semver' || problem.rule === 'release.code-reused')));
    changes = checked.changes;
  }
  return { ...(repository ? { repository } : {}), problems, ...(changes ? { changes } : {}) };
}

/**
 * Each published status must follow from the newer versions (withdrawn ones set aside): « dépréciée »
 * under a newer major version, « remplacée » under a newer minor or patch one, else « en vigueur ».
 */
function statusProblems(entries: readonly Release[], entryPlace: (i: number, key?: string) => string): Problem[] {
  const problems: Problem[] = [];
  const live = entries.filter((entry) => entry.status !== 'retirée');
  entries.forEach((entry, i) => {
    if (entry.status === 'retirée') {
      const replacement = entry.replacement;
      if (replacement && !live.some((other) => other.version === replacement)) {
        problems.push(error(entryPlace(i, 'replacement'), 'replacement', `La version de remplacement ${replacement} n’est pas une version publiée en ligne.`, 'Indiquez une version publiée qui n’est pas retirée.'));
      }
      return;
    }
    const newer = live.filter((other) => compareVersions(other.version, entry.version) > 0);
    const major = parseVersion(entry.version)[0];
    const newerMajor = newer.find((other) => parseVersion(other.version)[0] > major);
    const expected: Release['status'] = newerMajor ? 'dépréciée' : newer.length > 0 ? 'remplacée' : 'en vigueur';
    if (entry.status !== expected) {
      const why = newerMajor
        ? `la version majeure ${newerMajor.version} la suit : elle est « dépréciée » (ses données restent acceptées jusqu’à la fin de la période de transition)`
        : newer.length > 0
          ? `la version ${newer.at(-1)?.version} la suit dans la même version majeure : elle est « remplacée » (ses données restent valides)`
          : 'aucune version plus récente ne la remplace : elle est « en vigueur »';
      problems.push(error(entryPlace(i, 'status'), 'status', `La version ${entry.version} porte le statut « ${entry.status} », mais ${why}.`, `Indiquez « status: ${expected} ».`));
    }
    if (entry.status === 'dépréciée' && expected === 'dépréciée' && !entry.until) {
      problems.push({ ...error(entryPlace(i, 'status'), 'until-missing', `La version ${entry.version} est dépréciée sans date de fin de la période de transition.`, 'Ajoutez « until: AAAA-MM-JJ », le dernier jour où ses données sont acceptées, quand l’équipe plateforme l’a fixé.'), severity: 'avertissement' });
    }
  });
  return problems;
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
function checkDraft(files: readonly SourceFile[], draft: Dictionary, published: readonly PublishedVersion[], unreadable: ReadonlySet<string>): { problems: Problem[]; changes: DictionaryDiff } {
  const latest = (published[0] as PublishedVersion).dictionary;
  const problems: Problem[] = [];
  const sourceMap = new SourceMap();
  for (const file of files) sourceMap.parse(file.path, file.text);
  const { version } = draft.manifest;
  const manifestPlace = sourceMap.place('dictionary/manifest.yaml', ['version']);
  if (draft.manifest.status !== 'brouillon') {
    problems.push(error(sourceMap.place('dictionary/manifest.yaml', ['status']), 'draft-status', `La version ${version} n’est pas encore publiée : son statut est « brouillon » jusqu’à npm run dictionary:release.`, 'Indiquez « status: brouillon ».'));
  }
  problems.push(...newVersionOrigin(draft, manifestPlace));
  // Items that failed to load are not removals: leave their changes out rather than report a false one.
  const owner = (ref: Change['before']) => (ref?.kind === 'champ' ? ref.entity : ref?.kind === 'code' ? ref.nomenclature : undefined);
  const loaded = (change: Change) => ![change.subject, owner(change.before), owner(change.after)].some((name) => name !== undefined && unreadable.has(name));
  const verdict = versionVerdict(latest, draft, loaded);
  if (verdict.problem) problems.push(error(manifestPlace, 'semver', verdict.problem, verdict.fix ?? ''));

  const publishedFields = new Map(latest.entities.flatMap((entity) => entity.fields).map((field) => [field.code, field]));
  const draftCodes = new Set(draft.entities.flatMap((entity) => entity.fields.map((field) => field.code)));
  const earlier = new Ledger(published);
  const removedCode = (nomenclature: string, code: string, lastHeld: string) => {
    const removedIn = earlier.history.codeRemovedIn(nomenclature, code, lastHeld);
    return removedIn ? ` (retiré en version ${removedIn})` : '';
  };
  for (const entity of draft.entities) {
    const path = `dictionary/entities/${entity.id}.yaml`;
    entity.fields.forEach((field, i) => {
      const at = (key: string) => sourceMap.place(path, ['fields', i, key]);
      const held = publishedFields.has(field.code) ? undefined : earlier.field(field.code);
      if (held) {
        const reuse = fieldReuse(field, held, earlier);
        if (reuse) problems.push(error(at(reuse.key), 'code-reused', reuse.message, reuse.fix, field.code));
        return;
      }
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
    const inLatest = latest.nomenclatures.find((n) => n.id === nomenclature.id);
    const held = inLatest ? undefined : earlier.nomenclature(nomenclature.id);
    const previous = inLatest ?? held?.item;
    const expected = previous ? previous.since : version;
    if (nomenclature.since !== expected) {
      const message = held
        ? `L’identifiant « ${nomenclature.id} » a été celui d’une nomenclature ${versionSpan(held.item.since, held.version)} : un identifiant publié ne peut pas désigner une nouvelle nomenclature.`
        : `« since: ${nomenclature.since} » ne correspond pas à l’historique de la nomenclature.`;
      const fix = held ? `Choisissez un autre identifiant ; pour rétablir cette nomenclature-là, indiquez « since: ${expected} ».` : `Indiquez « since: ${expected} ».`;
      problems.push(error(sourceMap.place(path, ['since']), held ? 'code-reused' : 'since-history', message, fix, nomenclature.id));
    }
    nomenclature.values.forEach((value, i) => {
      const heldCode = inLatest?.values.some((v) => v.code === value.code) ? undefined : earlier.code(nomenclature.id, value.code);
      if (heldCode && heldCode.item.since !== value.since) {
        const since = heldCode.item.since ?? heldCode.nomenclatureSince;
        problems.push(
          error(
            sourceMap.place(path, ['values', i, value.since ? 'since' : 'code']),
            'code-reused',
            `Le code « ${value.code} » a désigné « ${heldCode.item.label} » ${versionSpan(since, heldCode.version)}${removedCode(nomenclature.id, value.code, heldCode.version)} : un code publié ne peut pas prendre un autre sens.`,
            `Choisissez un autre code ; pour rétablir ce code-là, ${heldCode.item.since ? `indiquez « since: ${heldCode.item.since} »` : 'retirez since (il date de la nomenclature)'}.`,
            nomenclature.id,
          ),
        );
        return;
      }
      const old = (inLatest?.values ?? held?.item.values)?.find((v) => v.code === value.code) ?? heldCode?.item;
      const expectedSince = old ? old.since : previous ? version : undefined;
      if (value.since !== expectedSince) {
        const fix = expectedSince ? `Indiquez « since: ${expectedSince} » pour ce code.` : 'Retirez since : le code a la version de sa nomenclature.';
        problems.push(error(sourceMap.place(path, ['values', i, value.since ? 'since' : 'code']), 'since-history', `Le code « ${value.code} » ne porte pas la version qui l’a ajouté (${expectedSince ?? `celle de la nomenclature, ${nomenclature.since}`}).`, fix, nomenclature.id));
      }
    });
  }
  draft.referentials.forEach((referential, i) => {
    if (latest.referentials.some((r) => r.id === referential.id)) return;
    const held = earlier.referential(referential.id);
    if (!held || (held.item.pattern === referential.pattern && held.item.checksum === referential.checksum)) return;
    problems.push(
      error(
        sourceMap.place('dictionary/referentials.yaml', ['referentials', i, 'pattern']),
        'code-reused',
        `L’identifiant « ${referential.id} » a été celui d’un référentiel au format différent jusqu’à la version ${held.version} (motif ${held.item.pattern}${held.item.checksum ? `, clé ${held.item.checksum}` : ''}) : un identifiant publié garde son sens.`,
        'Choisissez un autre identifiant, ou rétablissez ce référentiel avec son motif et sa clé de contrôle.',
        referential.id,
      ),
    );
  });
  return { problems, changes: verdict.diff };
}

/** « dans la version 1.0.0 », « des versions 1.0.0 à 1.1.0 ». */
const versionSpan = (first: string, last: string) => (first === last ? `dans la version ${first}` : `des versions ${first} à ${last}`);

/** Where each code was last held among the published versions, newest first: what a code meant. */
class Ledger {
  readonly history: History;
  readonly #published: readonly PublishedVersion[];

  constructor(published: readonly PublishedVersion[]) {
    this.#published = published;
    this.history = new History(published.map((version) => version.dictionary));
  }

  #newest<T>(find: (dictionary: Dictionary) => T | undefined): { item: T; version: string; dictionary: Dictionary } | undefined {
    for (const { dictionary } of this.#published) {
      const item = find(dictionary);
      if (item !== undefined) return { item, version: dictionary.manifest.version, dictionary };
    }
    return undefined;
  }

  field(code: string) {
    return this.#newest((d) => d.entities.flatMap((entity) => entity.fields).find((field) => field.code === code));
  }

  nomenclature(id: string) {
    return this.#newest((d) => d.nomenclatures.find((n) => n.id === id));
  }

  code(nomenclature: string, code: string) {
    const held = this.#newest((d) => d.nomenclatures.find((n) => n.id === nomenclature)?.values.find((value) => value.code === code));
    const nomenclatureSince = held?.dictionary.nomenclatures.find((n) => n.id === nomenclature)?.since ?? '';
    return held && { ...held, nomenclatureSince };
  }

  referential(id: string) {
    return this.#newest((d) => d.referentials.find((r) => r.id === id));
  }
}

/**
 * A draft field whose code a published version held, but not the latest one: it may only be that field
 * coming back — its history (`since`), entity, type and list of values — never another meaning.
 */
function fieldReuse(field: Field, held: { item: Field; version: string }, ledger: Ledger): { key: string; message: string; fix: string } | undefined {
  const old = held.item;
  const fate = ledger.history.fieldFate(old.code, held.version);
  const span = versionSpan(old.since, held.version);
  if (fate.renamed) {
    return { key: 'code', message: `Le code ${field.code} a été celui d’un champ ${span}, devenu ${fate.renamed.code} en version ${fate.renamed.version} : un code publié garde son sens.`, fix: `Choisissez un autre code pour ce champ (${fate.renamed.code} existe déjà pour le premier).` };
  }
  const withdrawn = fate.removedIn ? ` (retiré en version ${fate.removedIn})` : '';
  if (field.since !== old.since) {
    return {
      key: 'since',
      message: `Le code ${field.code} a été celui du champ « ${old.label} » ${span}${withdrawn} : un code publié ne peut pas désigner un nouveau champ.`,
      fix: `Choisissez un autre code ; pour rétablir ce champ-là, indiquez « since: ${old.since} » et gardez son type et sa liste de valeurs.`,
    };
  }
  const label = (f: Field) => `${f.entity}, type ${dataTypeLabels[f.type]}${f.binding ? `, ${'nomenclature' in f.binding ? `nomenclature ${f.binding.nomenclature}` : `référentiel ${f.binding.referential}`}` : ''}`;
  if (label(field) !== label(old)) {
    return {
      key: 'type',
      message: `Le champ ${field.code} rétabli ne revient pas à l’identique : il était « ${label(old)} » en version ${held.version}, il serait « ${label(field)} ».`,
      fix: 'Rétablissez-le dans son entité, avec son type et sa liste de valeurs, ou choisissez un autre code pour un champ nouveau.',
    };
  }
  return undefined;
}

export interface VersionVerdict {
  diff: DictionaryDiff;
  /** Why the number cannot be published, with the changes that need a stronger bump. */
  problem?: string;
  fix?: string;
}

/** Whether `draft`'s number may follow `latest` given what changed: understating the changes is refused. */
export function versionVerdict(latest: Dictionary, draft: Dictionary, keep: (change: Change) => boolean = () => true): VersionVerdict {
  const all = diffDictionaries(latest, draft);
  const changes = all.changes.filter(keep);
  const diff: DictionaryDiff = { ...all, changes, bump: strongestBump(changes.map((change) => change.bump)) };
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
