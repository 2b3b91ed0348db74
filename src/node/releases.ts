import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareHashLists, HASH_LIST_FILE, hashFiles, hashVersion, unrecordedArtefacts, type HashList } from '../core/releases/freeze.ts';
import { loadRepository, RELEASE_INDEX, RELEASES_FOLDER, type PublishedVersion, type RepositoryFiles, type RepositoryResult } from '../core/dictionary/repository.ts';
import type { Problem } from '../core/problems.ts';
import { readDictionaryFiles } from './dictionary-files.ts';
import { checkAgainstHistory } from './release-history.ts';

/** Every file of the working copy, of each published version and of the releases index under `root`. */
export function readRepositoryFiles(root: string): RepositoryFiles {
  const releasesDir = join(root, RELEASES_FOLDER);
  const folders = existsSync(releasesDir)
    ? readdirSync(releasesDir, { withFileTypes: true })
        // A folder starting with « . » is a release being assembled (or left by an interrupted one), not a version.
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
        .map((entry) => entry.name)
        .sort()
    : [];
  const indexPath = join(root, RELEASE_INDEX);
  return {
    working: readDictionaryFiles(root),
    releases: folders.map((name) => ({ folder: `${RELEASES_FOLDER}/${name}`, files: readDictionaryFiles(join(releasesDir, name), root) })),
    ...(existsSync(indexPath) ? { index: { path: RELEASE_INDEX, text: readFileSync(indexPath, 'utf8') } } : {}),
  };
}

export function readRepository(root: string): RepositoryResult {
  return loadRepository(readRepositoryFiles(root));
}

export function readHashList(root: string, folder: string): HashList | undefined {
  const path = join(root, folder, HASH_LIST_FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as HashList) : undefined;
}

/**
 * Checks each published version against its committed hash list: its YAML files (even when they no
 * longer load), its data downloads as the generators make them today, and its kit template's identity.
 */
export async function verifyFrozen(root: string, files: RepositoryFiles, published: readonly PublishedVersion[]): Promise<Problem[]> {
  const history = checkAgainstHistory(
    root,
    published.map((version) => version.release),
    files.releases.map((version) => version.folder),
  );
  const problems: Problem[] = [...leftoverStaging(root), ...history.problems];
  for (const { folder, files: versionFiles } of files.releases) {
    const expected = readHashList(root, folder);
    const listPath = `${folder}/${HASH_LIST_FILE}`;
    if (!expected) {
      if (!history.reported.has(folder)) problems.push({ severity: 'erreur', rule: 'release.hashes-missing', place: listPath, message: 'La liste des empreintes de cette version publiée est introuvable.', fix: 'Seule npm run dictionary:release écrit un dossier de version : restaurez la liste depuis l’historique git (git checkout -- ' + listPath + '), ou retirez ce dossier s’il n’a jamais été publié.' });
      continue;
    }
    const loaded = published.find((version) => version.folder === folder);
    const actual = loaded ? await hashVersion(loaded.dictionary, versionFiles, folder) : { ...expected, files: await hashFiles(versionFiles, folder) };
    problems.push(...compareHashLists(expected, actual, folder).filter((problem) => !history.reported.has(problem.place)));
    const unrecorded = unrecordedArtefacts(expected, actual);
    if (unrecorded.length > 0) {
      problems.push({
        severity: 'information',
        rule: 'release.unrecorded-artefacts',
        place: listPath,
        message: `Fichiers téléchargeables produits pour la version ${expected.version} mais pas encore figés : ${unrecorded.join(', ')}.`,
        fix: 'Quand leur contenu est arrêté, figez-les avec npm run dictionary:release -- --record-new-artefacts.',
      });
    }
  }
  return problems;
}

/** A staging folder left by a release that was killed: the tree may hold part of it. */
function leftoverStaging(root: string): Problem[] {
  const dir = join(root, RELEASES_FOLDER);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.startsWith('.staging-'))
    .map((name) => ({
      severity: 'erreur' as const,
      rule: 'release.interrupted',
      place: `${RELEASES_FOLDER}/${name}`,
      message: 'Une publication a été interrompue avant la fin et a laissé ce dossier de travail.',
      fix: `Supprimez-le (rm -r ${RELEASES_FOLDER}/${name}), rétablissez ce que git status montre de modifié (git checkout -- . et git clean pour le nouveau dossier de version), puis relancez la publication.`,
    }));
}
