import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { HashList } from '../core/releases/freeze.ts';
import { HASH_LIST_FILE } from '../core/releases/freeze.ts';
import { RELEASES_FOLDER, releaseFolder } from '../core/dictionary/repository.ts';
import type { Release } from '../core/dictionary/schemas/release-index.ts';
import type { Problem } from '../core/problems.ts';

/**
 * Published versions are append-only against the repository's history: a hash list can be recomputed,
 * a commit cannot. Each published version is compared with the commit that published it — its tag
 * `dictionnaire-vX.Y.Z`, else the `commit` of its index entry, else the commit that added its hash list —
 * and every version git ever saw published must still be there.
 */

const tagOf = (version: string) => `dictionnaire-v${version}`;

interface Git {
  top: string;
  run(...args: string[]): string | undefined;
  /** The repository-relative path of a root-relative one. */
  path(path: string): string;
}

function openGit(root: string): Git | undefined {
  const raw = (cwd: string, args: string[]) => {
    const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return result.status === 0 ? result.stdout : undefined;
  };
  const top = raw(root, ['rev-parse', '--show-toplevel'])?.trim();
  if (!top || raw(root, ['rev-parse', '--verify', '-q', 'HEAD']) === undefined) return undefined;
  const prefix = relative(realpathSync(top), realpathSync(root));
  // A folder that merely sits inside another repository (a scratch copy in a checkout) has no history of its own.
  if (prefix.startsWith('..') || (prefix !== '' && raw(root, ['ls-files', '--', RELEASES_FOLDER])?.trim() === '')) return undefined;
  return { top, run: (...args) => raw(top, args), path: (path) => (prefix ? `${prefix}/${path}` : path) };
}

const short = (commit: string) => commit.slice(0, 7);

export interface HistoryCheck {
  problems: Problem[];
  /** Places (file paths) already reported as changed against history, so the hash check does not repeat them. */
  reported: Set<string>;
}

export function checkAgainstHistory(root: string, entries: readonly Release[], folders: readonly string[]): HistoryCheck {
  const problems: Problem[] = [];
  const reported = new Set<string>();
  const git = openGit(root);
  const info = (place: string, rule: string, message: string, fix?: string) => problems.push({ severity: 'information', rule: `release.${rule}`, place, message, ...(fix ? { fix } : {}) });
  const fail = (place: string, rule: string, message: string, fix: string) => {
    problems.push({ severity: 'erreur', rule: `release.${rule}`, place, message, fix });
    reported.add(place);
  };
  if (!git) {
    info(RELEASES_FOLDER, 'history-unavailable', 'Pas d’historique git ici : les versions publiées sont comparées à leurs empreintes seulement, pas aux commits qui les ont publiées.');
    return { problems, reported };
  }
  const shallow = git.run('rev-parse', '--is-shallow-repository')?.trim() === 'true';
  const shallowFile = shallow ? resolve(git.top, git.run('rev-parse', '--git-path', 'shallow')?.trim() ?? '') : undefined;
  const boundary = new Set(shallowFile && existsSync(shallowFile) ? readFileSync(shallowFile, 'utf8').split('\n').filter(Boolean) : []);

  // Every hash list git ever saw added: the versions once published, each with its first publishing commit.
  const added = new Map<string, string>();
  const log = git.run('log', '--format=%x00%H', '--diff-filter=A', '--name-only', '--', git.path(`${RELEASES_FOLDER}/*/${HASH_LIST_FILE}`)) ?? '';
  for (const block of log.split('\0').filter(Boolean)) {
    const [commit = '', ...paths] = block.trim().split('\n');
    for (const path of paths) {
      const version = new RegExp(`${RELEASES_FOLDER}/([^/]+)/${HASH_LIST_FILE}$`).exec(path)?.[1];
      if (version) added.set(version, commit);
    }
  }

  // The first commit that changed `path` after `since`: where the frozen file stopped being the published one.
  const firstChange = (since: string, path: string) => git.run('log', '--reverse', '--format=%H%x00%s', `${since}..HEAD`, '--', git.path(path))?.split('\n')[0]?.split('\0');
  const by = (since: string, path: string) => {
    const [commit, subject = ''] = firstChange(since, path) ?? [];
    return commit ? `par le commit ${short(commit)} (« ${subject.length > 60 ? `${subject.slice(0, 59)}…` : subject} »)` : 'dans la copie de travail, sans commit';
  };

  for (const [version, firstAdd] of added) {
    const folder = releaseFolder(version);
    const entry = entries.find((e) => e.version === version);
    if (!folders.includes(folder)) {
      const [gone] = git.run('log', '-1', '--format=%H', '--diff-filter=D', '--', git.path(`${folder}/${HASH_LIST_FILE}`))?.trim().split('\n') ?? [];
      fail(folder, 'version-vanished', `La version ${version}, publiée par le commit ${short(firstAdd)}, a disparu ${gone ? `(supprimée par le commit ${short(gone)})` : 'de la copie de travail'} : une version publiée reste en ligne.`, `Restaurez-la : git checkout ${gone ? `${short(gone)}~1` : 'HEAD'} -- ${folder}, avec son entrée de releases/index.yaml.`);
      continue;
    }
    if (!entry) continue;
    const tagged = git.run('rev-parse', '-q', '--verify', `refs/tags/${tagOf(version)}^{commit}`)?.trim();
    const declared = entry.commit ? git.run('rev-parse', '-q', '--verify', `${entry.commit}^{commit}`)?.trim() : undefined;
    if (entry.commit && !declared && !shallow) {
      fail(`${RELEASES_FOLDER}/index.yaml`, 'commit-unknown', `Le commit ${entry.commit} de la version ${version} est introuvable dans l’historique.`, 'Indiquez le commit qui a publié la version, ou retirez « commit ».');
      continue;
    }
    const published = tagged ?? declared ?? firstAdd;
    if (boundary.has(published)) {
      info(folder, 'history-shallow', `Clone superficiel : l’historique s’arrête au commit ${short(published)}, la version ${version} y est comparée faute de remonter à sa publication ; les empreintes, elles, sont vérifiées.`, 'Pour tout vérifier : git fetch --unshallow.');
    }
    const where = `La version ${version} est publiée (commit ${short(published)})`;
    const diff = git.run('diff', '--name-only', published, '--', git.path(`${folder}/dictionary`))?.split('\n').filter(Boolean) ?? [];
    const untracked = git.run('ls-files', '--others', '--exclude-standard', '--', git.path(`${folder}/dictionary`))?.split('\n').filter(Boolean) ?? [];
    const local = (path: string) => relative(git.path(''), path) || path;
    for (const path of diff.map(local)) {
      const exists = existsSync(join(root, path));
      fail(path, 'history-changed', `${where} : ce fichier a été ${exists ? 'modifié' : 'supprimé'} depuis, ${by(published, path)}.`, `Rétablissez-le : git checkout ${short(published)} -- ${path} ; un changement va dans dictionary/, pour une nouvelle version.`);
    }
    for (const path of untracked.map(local)) fail(path, 'history-added', `${where} : ce fichier y a été ajouté depuis.`, `Retirez-le de ${folder}/ ; un ajout va dans dictionary/, pour une nouvelle version.`);

    // The hash list may gain the downloads of a new kind of file; what it recorded at publication stays.
    const listPath = `${folder}/${HASH_LIST_FILE}`;
    const then = git.run('show', `${published}:${git.path(listPath)}`);
    const now = existsSync(join(root, listPath)) ? readFileSync(join(root, listPath), 'utf8') : undefined;
    if (then && now) {
      const [before, after] = [JSON.parse(then) as HashList, JSON.parse(now) as HashList];
      const changed = [
        ...Object.keys({ ...before.files, ...after.files }).filter((key) => before.files[key] !== after.files[key]),
        ...Object.keys(before.artefacts).filter((key) => before.artefacts[key] !== after.artefacts?.[key]),
        ...Object.keys(before.templates).filter((key) => JSON.stringify(before.templates[key]) !== JSON.stringify(after.templates?.[key])),
      ];
      if (changed.length > 0) {
        fail(listPath, 'history-hashes', `${where} : ses empreintes ont été changées depuis, ${by(published, listPath)} (${changed.join(', ')}) ; recalculer une empreinte ne rend pas une modification légitime.`, `Rétablissez-les : git checkout ${short(published)} -- ${listPath}, et annulez la modification qu’elles couvraient.`);
      }
    }
  }
  if (shallow && added.size === 0) info(RELEASES_FOLDER, 'history-shallow', 'Clone superficiel sans la publication d’aucune version : seules les empreintes sont vérifiées.', 'Pour tout vérifier : git fetch --unshallow.');
  return { problems, reported };
}
