import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Document, isMap, isScalar, isSeq, parseDocument, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { DictionaryDiff } from '../core/dictionary/diff.ts';
import { HASH_LIST_FILE, hashVersion, serializeHashList, unrecordedArtefacts } from '../core/releases/freeze.ts';
import { loadDictionary, type SourceFile } from '../core/dictionary/load.ts';
import { addChangelogSection, CHANGELOG_FILE, changeLog, changelogSection, reviewMarkdown, summarize } from '../core/dictionary/release-notes.ts';
import { loadRepository, RELEASE_INDEX, RELEASES_FOLDER, releaseFolder, versionVerdict, type PublishedVersion } from '../core/dictionary/repository.ts';
import type { Release, ReleaseStatus } from '../core/dictionary/schemas/release-index.ts';
import { bumpLabels, isCalendarDate, isVersion, parseVersion } from '../core/dictionary/semver.ts';
import { countOf } from '../core/plural.ts';
import type { Problem } from '../core/problems.ts';
import { readDictionaryFiles } from './dictionary-files.ts';
import { readHashList, readRepositoryFiles, verifyFrozen } from './releases.ts';

/**
 * The file operations a release makes, so that a test can interrupt it at any step. Paths are absolute.
 * `write` creates the parent folders; `remove` removes a file or a folder and ignores a missing one.
 */
export interface ReleaseIo {
  write(path: string, text: string): void;
  rename(from: string, to: string): void;
  remove(path: string): void;
}

export const diskIo: ReleaseIo = {
  write(path, text) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  },
  rename: (from, to) => renameSync(from, to),
  remove: (path) => rmSync(path, { recursive: true, force: true }),
};

export interface ReleaseOptions {
  /** Publication date, AAAA-MM-JJ; today (in France) by default. */
  date?: string;
  /** For a major version: the last day the versions it deprecates are still accepted (AAAA-MM-JJ). */
  until?: string;
  /** Check and tell everything the release would do, write nothing. */
  dryRun?: boolean;
  io?: ReleaseIo;
}

export interface ReleaseOutcome {
  ok: boolean;
  /** Why the release was refused. */
  problems: Problem[];
  /** What was done (or would be done), in French, line by line. */
  report: string[];
  /** The change as a reviewer reads it in the pull request, when there is a published version to compare with. */
  markdown?: string;
}

const refuse = (problems: Problem[], report: string[] = [], markdown?: string): ReleaseOutcome => ({ ok: false, problems, report, ...(markdown ? { markdown } : {}) });
const refusal = (place: string, rule: string, message: string, fix: string): Problem => ({ severity: 'erreur', rule: `release.${rule}`, place, message, fix });
const NOTHING_WRITTEN = 'Publication refusée : rien n’a été écrit.';

/** Today in France, where the platform publishes. */
export const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/** The git tag schema catalogues read a version from. */
export const releaseTag = (version: string) => `dictionnaire-v${version}`;

/** The folder a release is assembled in before it is moved into place; check reports a leftover one. */
export const stagingFolder = (version: string) => `${RELEASES_FOLDER}/.staging-${version}`;

/** The argument problems, found before anything is read: a number and dates as the command takes them. */
function argumentProblems(version: string, options: ReleaseOptions): Problem[] {
  const problems: Problem[] = [];
  const example = 'npm run dictionary:release -- 2.1.0';
  if (!isVersion(version)) {
    const bare = version.replace(/^v(?=\d)/i, '');
    problems.push(
      isVersion(bare)
        ? refusal('numéro de version', 'version-argument', `« ${version} » n’est pas un numéro de version : le numéro s’écrit sans « v ».`, `Relancez avec ${bare} : npm run dictionary:release -- ${bare}.`)
        : refusal('numéro de version', 'version-argument', `« ${version} » n’est pas un numéro de version : il faut trois nombres séparés par des points.`, `Relancez avec le numéro de dictionary/manifest.yaml, par exemple : ${example}.`),
    );
  }
  for (const [option, value] of [['--date', options.date], ['--until', options.until]] as const) {
    if (value !== undefined && !isCalendarDate(value)) {
      problems.push(refusal(option, 'date-argument', `« ${value} » n’est pas une date du calendrier.`, `Indiquez après ${option} une date AAAA-MM-JJ qui existe : l’année, le mois (01 à 12) et le jour (selon le mois), séparés par des tirets.`));
    }
  }
  return problems;
}

export interface Plan {
  version: string;
  date: string;
  folder: string;
  /** Files of releases/<version>/, paths relative to it. */
  frozen: SourceFile[];
  /** Files outside the version folder that the release rewrites, paths relative to the root. */
  rewritten: SourceFile[];
  diff?: DictionaryDiff;
  transitions: Transition[];
  markdown?: string;
}

/**
 * `npm run dictionary:release -- <version>`: validates the arguments and runs the whole check, then
 * builds the release in memory — the frozen folder with its hash list, the manifest marked published,
 * the index entry and the CHANGELOG.md section pre-filled from the diff, the statuses of the versions it
 * replaces — and only then writes it: assembled in a staging folder, moved into place, undone entirely
 * if any step fails. A refused or failed release leaves the tree exactly as it was.
 */
export async function releaseVersion(root: string, version: string, options: ReleaseOptions = {}): Promise<ReleaseOutcome> {

  const planned = await planRelease(root, version, options);
  if ('problems' in planned) return planned;
  return options.dryRun ? { ok: true, problems: [], report: describe(planned, true), ...(planned.markdown ? { markdown: planned.markdown } : {}) } : applyRelease(root, planned, options.io);
}

/** Writes a planned release (see `commit`); a failure is reported, everything written so far undone. */
export function applyRelease(root: string, planned: Plan, io: ReleaseIo = diskIo): ReleaseOutcome {
  try {
    commit(root, io, planned);
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    return refuse([refusal(planned.folder, 'interrupted', `La publication s’est interrompue (${cause}) ; tout ce qu’elle avait écrit a été défait.`, 'Corrigez la cause (place sur le disque, droits d’écriture) et relancez la même commande.')]);
  }
  return { ok: true, problems: [], report: describe(planned, false), ...(planned.markdown ? { markdown: planned.markdown } : {}) };
}

/** Everything a release checks and computes, before it writes anything; a refusal as an outcome. */
export async function planRelease(root: string, version: string, options: ReleaseOptions = {}): Promise<Plan | ReleaseOutcome> {
  const argumentErrors = argumentProblems(version, options);
  if (argumentErrors.length > 0) return refuse(argumentErrors, [NOTHING_WRITTEN]);
  const files = readRepositoryFiles(root);
  const { repository, problems } = loadRepository(files);
  problems.push(...(await verifyFrozen(root, files, repository?.published ?? [])));
  const errors = problems.filter((problem) => problem.severity === 'erreur');
  const manifestPath = 'dictionary/manifest.yaml';
  const latest = repository?.published[0];
  const diff = repository && latest ? versionVerdict(latest.dictionary, repository.working) : undefined;
  const markdown = diff && diff.diff.changes.length > 0 ? reviewMarkdown(diff.diff, diff) : undefined;
  if (!repository || errors.length > 0) return refuse(errors, [`${NOTHING_WRITTEN} Corrigez d’abord ce que signale npm run dictionary:check.`], markdown);

  const { working, published } = repository;
  const folder = releaseFolder(version);
  if (published.some((entry) => entry.dictionary.manifest.version === version)) {
    return refuse([refusal(folder, 'already-published', `La version ${version} est déjà publiée (${folder}/) : un numéro publié ne se republie pas.`, `Pour changer le dictionnaire, indiquez un nouveau numéro dans ${manifestPath} avec « status: brouillon ».`)], [NOTHING_WRITTEN]);
  }
  if (existsSync(join(root, folder))) return refuse([refusal(folder, 'folder-exists', `Le dossier ${folder} existe déjà sans être une version publiée.`, 'Retirez-le (git status dit s’il vient d’une publication interrompue), puis relancez.')], [NOTHING_WRITTEN]);
  if (working.manifest.version !== version) {
    return refuse([refusal(manifestPath, 'version-argument', `La copie de travail porte la version ${working.manifest.version}, pas ${version}.`, `Publiez ${working.manifest.version} (npm run dictionary:release -- ${working.manifest.version}), ou indiquez « version: ${version} » dans ${manifestPath}.`)], [NOTHING_WRITTEN]);
  }
  if (diff && diff.diff.changes.length === 0) {
    return refuse([refusal(manifestPath, 'nothing-to-release', `La version ${version} ne change rien par rapport à la version ${diff.diff.from}.`, 'Il n’y a rien à publier.')], [NOTHING_WRITTEN]);
  }

  const date = working.manifest.status === 'publiée' && !latest ? working.manifest.date : (options.date ?? today());
  const latestDate = latest?.release.date;
  if (latestDate && date < latestDate) {
    return refuse([refusal('--date', 'date-order', `La date ${date} précède celle de la version ${latest.dictionary.manifest.version} (${latestDate}).`, `Indiquez une date à partir du ${latestDate}, ou laissez la date du jour.`)], [NOTHING_WRITTEN]);
  }
  if (options.until && options.until <= date) {
    return refuse([refusal('--until', 'until-order', `La fin de la période de transition (${options.until}) doit suivre la date de publication (${date}).`, 'Indiquez le dernier jour où les versions remplacées restent acceptées.')], [NOTHING_WRITTEN]);
  }

  // The working copy becomes the published version: same files, the manifest marked published and dated.
  const manifest = readFileSync(join(root, manifestPath), 'utf8').replace(/^status:.*$/m, 'status: publiée').replace(/^date:.*$/m, `date: ${date}`);
  const frozen = readDictionaryFiles(root).map((file) => (file.path === manifestPath ? { path: file.path, text: manifest } : file));
  const loaded = loadDictionary(frozen.map((file) => ({ path: `${folder}/${file.path}`, text: file.text })));
  if (!loaded.dictionary) return refuse(loaded.problems, [`${NOTHING_WRITTEN} Le manifeste publié ne se chargerait pas.`]);
  const hashes = await hashVersion(
    loaded.dictionary,
    frozen.map((file) => ({ path: `${folder}/${file.path}`, text: file.text })),
    folder,
  );

  const transitions = statusTransitions(published, version, options.until);
  const entry: Release = { version, status: 'en vigueur', date, summary: summarize(loaded.dictionary, diff?.diff), notes: diff ? changeLog(diff.diff) : [] };
  const indexPath = join(root, RELEASE_INDEX);
  const changelogPath = join(root, CHANGELOG_FILE);
  const section = changelogSection(version, date, loaded.dictionary, diff?.diff);
  return {
    version,
    date,
    folder,
    frozen: [...frozen, { path: HASH_LIST_FILE, text: serializeHashList(hashes) }],
    rewritten: [
      { path: manifestPath, text: manifest },
      { path: RELEASE_INDEX, text: insertIndexEntry(existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : undefined, entry, transitions) },
      { path: CHANGELOG_FILE, text: addChangelogSection(existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : undefined, section, earlierSections(published)) },
    ],
    ...(diff ? { diff: diff.diff } : {}),
    transitions,
    ...(markdown ? { markdown } : {}),
  };
}

/** The sections of the versions already published, newest first, for a CHANGELOG.md written the first time. */
function earlierSections(published: readonly PublishedVersion[]): string[] {
  return published.map((version, i) => {
    const previous = published[i + 1];
    const diff = previous ? versionVerdict(previous.dictionary, version.dictionary).diff : undefined;
    return changelogSection(version.dictionary.manifest.version, version.release.date, version.dictionary, diff);
  });
}

export interface Transition {
  version: string;
  status: ReleaseStatus;
  until?: string;
}

/**
 * What publishing `version` does to the statuses: the version in force, and those merely replaced, become
 * « remplacée » under a minor or patch (their data stay valid) and « dépréciée » under a major one.
 */
export function statusTransitions(published: readonly PublishedVersion[], version: string, until?: string): Transition[] {
  const [major] = parseVersion(version);
  const transitions: Transition[] = [];
  for (const { release } of published) {
    if (release.status !== 'en vigueur' && release.status !== 'remplacée') continue;
    if (parseVersion(release.version)[0] < major) transitions.push({ version: release.version, status: 'dépréciée', ...(until ? { until } : {}) });
    else if (release.status === 'en vigueur') transitions.push({ version: release.version, status: 'remplacée' });
  }
  return transitions;
}

const listed = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`);

function describe(plan: Plan, dryRun: boolean): string[] {
  const { version, date, folder, diff } = plan;
  const byStatus = (status: ReleaseStatus) => plan.transitions.filter((t) => t.status === status).map((t) => t.version);
  const replaced = byStatus('remplacée');
  const deprecated = byStatus('dépréciée');
  const until = plan.transitions.find((t) => t.until)?.until;
  const statuses = [
    `${version} en vigueur`,
    ...(replaced.length > 0 ? [`${listed(replaced)} ${replaced.length > 1 ? 'remplacées (leurs données restent valides)' : 'remplacée (ses données restent valides)'}`] : []),
    ...(deprecated.length > 0 ? [`${listed(deprecated)} ${deprecated.length > 1 ? 'dépréciées' : 'dépréciée'}${until ? ` jusqu’au ${until}` : ''}`] : []),
  ];
  const changes = diff ? [`Par rapport à la version ${diff.from} : ${countOf(diff.changes.length, 'changement', 'changements')}, ${bumpLabels[diff.bump]}.`] : [];
  const untilHint = deprecated.length > 0 && !until ? [`Indiquez dans ${RELEASE_INDEX} la fin de la période de transition des versions dépréciées (« until: AAAA-MM-JJ »), ou relancez avec --until.`] : [];
  const tag = releaseTag(version);
  if (dryRun) {
    return [
      'Simulation (--dry-run) : rien n’est écrit.',
      `La publication figerait la version ${version} le ${date} dans ${folder}/ (${countOf(plan.frozen.length - 1, 'fichier', 'fichiers')} et ${HASH_LIST_FILE}), marquerait dictionary/manifest.yaml « publiée » et ajouterait la version à ${RELEASE_INDEX} et à ${CHANGELOG_FILE}.`,
      ...changes,
      `Statuts : ${statuses.join(' ; ')}.`,
      ...untilHint,
      `Ensuite : committer, puis git tag ${tag}.`,
    ];
  }
  return [
    `Version ${version} publiée le ${date} dans ${folder}/ (empreintes : ${folder}/${HASH_LIST_FILE}).`,
    ...changes,
    `Statuts : ${statuses.join(' ; ')}.`,
    ...untilHint,
    `Complétez le résumé et le journal pré-remplis dans ${RELEASE_INDEX} et ${CHANGELOG_FILE}, puis committez et étiquetez la version :`,
    `git add ${folder} ${RELEASE_INDEX} ${CHANGELOG_FILE} dictionary && git commit -m "Dictionnaire ${version}" && git tag ${tag}`,
  ];
}

/**
 * Writes the plan: everything is assembled in the staging folder, then the version folder is moved into
 * place in one step and each rewritten file swapped with its new text. Any failure undoes what was done.
 */
function commit(root: string, io: ReleaseIo, plan: Plan): void {
  const staging = join(root, stagingFolder(plan.version));
  const undo: (() => void)[] = [];
  try {
    io.remove(staging);
    for (const file of plan.frozen) io.write(join(staging, 'version', file.path), file.text);
    plan.rewritten.forEach((file, i) => io.write(join(staging, 'new', String(i)), file.text));
    io.write(join(staging, 'old', '.keep'), '');
    io.rename(join(staging, 'version'), join(root, plan.folder));
    undo.push(() => io.rename(join(root, plan.folder), join(staging, 'version')));
    plan.rewritten.forEach((file, i) => {
      const target = join(root, file.path);
      const [fresh, old] = [join(staging, 'new', String(i)), join(staging, 'old', String(i))];
      if (existsSync(target)) {
        io.rename(target, old);
        undo.push(() => io.rename(old, target));
      }
      io.rename(fresh, target);
      undo.push(() => io.rename(target, fresh));
    });
    io.remove(staging);
  } catch (error) {
    for (const step of undo.reverse()) {
      try {
        step();
      } catch {
        // Keep undoing the other steps: each one restores a different file.
      }
    }
    diskIo.remove(staging);
    throw error;
  }
}

/**
 * Adds `entry` first in releases/index.yaml and applies the status transitions, editing the text in
 * place: every other line — the maintainers' comments, summaries and notes — is kept byte for byte.
 */
export function insertIndexEntry(text: string | undefined, entry: Release, transitions: readonly Transition[]): string {
  const header = '# Published versions of the dictionary, newest first. `npm run dictionary:release` adds each version;\n# maintainers complete its summary and notes and update its status over its life.\n';
  const doc = parseDocument(text ?? `${header}releases: []\n`);
  const releases = doc.get('releases', true);
  if (!isSeq(releases) || releases.flow || releases.items.length === 0) {
    doc.set('releases', doc.createNode([entry]));
    return doc.toString({ lineWidth: 110 });
  }
  const source = text ?? '';
  const edits: { from: number; to: number; insert: string }[] = [];
  const lineStart = (offset: number) => source.lastIndexOf('\n', offset - 1) + 1;
  for (const transition of transitions) {
    const item = releases.items.find((node) => isMap(node) && node.get('version') === transition.version) as YAMLMap | undefined;
    const status = item?.get('status', true) as Scalar | undefined;
    if (!item || !isScalar(status) || !status.range) continue;
    edits.push({ from: status.range[0], to: status.range[1], insert: transition.status });
    if (!transition.until) continue;
    const until = item.get('until', true);
    if (isScalar(until) && until.range) edits.push({ from: until.range[0], to: until.range[1], insert: transition.until });
    else {
      const lineEnd = source.indexOf('\n', status.range[1]);
      const indent = source.slice(lineStart(status.range[0])).search(/\S/);
      edits.push({ from: lineEnd, to: lineEnd, insert: `\n${' '.repeat(indent)}until: ${transition.until}` });
    }
  }
  const first = releases.items[0] as YAMLMap;
  const at = lineStart(first.range?.[0] ?? 0);
  const indent = source.slice(at).search(/-/);
  // Written as the maintainers write summaries: a folded block (« >- »), not a quoted string.
  const entryDoc = new Document([entry]);
  const summary = (entryDoc.contents as YAMLSeq<YAMLMap>).items[0]?.get('summary', true);
  if (isScalar(summary)) summary.type = 'BLOCK_FOLDED';
  const entryText = entryDoc.toString({ lineWidth: 110 }).replace(/^(?=.)/gm, ' '.repeat(Math.max(indent, 0)));
  edits.push({ from: at, to: at, insert: entryText });
  let result = source;
  for (const edit of edits.sort((a, b) => b.from - a.from)) result = `${result.slice(0, edit.from)}${edit.insert}${result.slice(edit.to)}`;
  return result;
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
    report.push(`${version.folder}/${HASH_LIST_FILE} : ${added.join(', ')} ${added.length > 1 ? 'figés' : 'figé'}.`);
  }
  return { ok: true, problems: [], report: report.length > 0 ? report : ['Tous les fichiers des versions publiées sont déjà figés.'] };
}

