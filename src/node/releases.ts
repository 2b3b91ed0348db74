import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareHashLists, HASH_LIST_FILE, hashFiles, hashVersion, unrecordedArtefacts, type HashList } from '../core/dictionary/freeze.ts';
import { loadRepository, RELEASE_INDEX, RELEASES_FOLDER, type PublishedVersion, type RepositoryFiles, type RepositoryResult } from '../core/dictionary/repository.ts';
import type { Problem } from '../core/problems.ts';
import { readDictionaryFiles } from './dictionary-files.ts';

/** Every file of the working copy, of each published version and of the releases index under `root`. */
export function readRepositoryFiles(root: string): RepositoryFiles {
  const releasesDir = join(root, RELEASES_FOLDER);
  const folders = existsSync(releasesDir)
    ? readdirSync(releasesDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
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
  const problems: Problem[] = [];
  for (const { folder, files: versionFiles } of files.releases) {
    const expected = readHashList(root, folder);
    const listPath = `${folder}/${HASH_LIST_FILE}`;
    if (!expected) {
      problems.push({ severity: 'erreur', rule: 'release.hashes-missing', place: listPath, message: 'La liste des empreintes de cette version publiée est introuvable.', fix: 'Restaurez-la depuis l’historique git : elle prouve que la version n’a pas changé.' });
      continue;
    }
    const loaded = published.find((version) => version.folder === folder);
    const actual = loaded ? await hashVersion(loaded.dictionary, versionFiles, folder) : { ...expected, files: await hashFiles(versionFiles, folder) };
    problems.push(...compareHashLists(expected, actual, folder));
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
