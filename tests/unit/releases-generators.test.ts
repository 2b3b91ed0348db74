import { describe, expect, it, vi } from 'vitest';
import { loadRepository } from '../../src/core/dictionary/repository.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { readRepositoryFiles, verifyFrozen } from '../../src/node/releases.ts';

// A change to the site's code, as a careless generator edit would make it: a new CSV column for every
// version, and a field-list fingerprint computed differently.
vi.mock('../../src/core/artefacts/fields-csv.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/core/artefacts/fields-csv.ts')>();
  return { ...original, dictionaryCsv: (dictionary: Parameters<typeof original.dictionaryCsv>[0]) => original.dictionaryCsv(dictionary).replace('\r\n', ';nouvelle colonne\r\n') };
});
vi.mock('../../src/core/kit/fingerprint.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/core/kit/fingerprint.ts')>();
  return { ...original, fieldListFingerprint: async () => 'empreinte calculée autrement' };
});

describe('published versions are frozen against code changes', () => {
  it('fails naming the download and the template a code change would alter', async () => {
    const files = readRepositoryFiles(process.cwd());
    const { repository } = loadRepository(files);
    const problems = (await verifyFrozen(process.cwd(), files, repository?.published ?? [])).filter((problem) => problem.severity === 'erreur');
    expect(problems.map(formatProblem).filter((line) => line.includes('/1.0.0/'))).toMatchInlineSnapshot(`
      [
        "/dictionnaire/1.0.0/dictionnaire-agora-1.0.0.csv — La version 1.0.0 est publiée, donc figée : ce fichier téléchargeable changerait (son empreinte n’est plus celle de releases/1.0.0/hashes.json). Le code qui génère ce fichier a changé : il doit produire les mêmes octets pour les versions publiées (n’émettez une nouvelle colonne ou une nouvelle clé que pour une version qui en a).",
        "/dictionnaire/1.0.0/kit-diagnostic-1.0.0.xlsx — La version 1.0.0 est publiée, donc figée : la feuille « Métadonnées » de ce modèle changerait (« empreinte_champs »), et les kits remplis sur ce modèle ne seraient plus reconnus. Seule la présentation d’un modèle publié peut évoluer : rétablissez ses métadonnées et sa liste de champs.",
      ]
    `);
  });
});
