import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { HashList } from '../../src/core/releases/freeze.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { loadRepository } from '../../src/core/dictionary/repository.ts';
import { readRepositoryFiles, verifyFrozen } from '../../src/node/releases.ts';
import { scratchCopy, type Scratch } from '../fixtures/versions/scratch.ts';

/** The sha256sum-style list of the first 1.0.0 downloads, kept in the fixtures. */
export function baselineHashes(): Map<string, string> {
  const lines = readFileSync('tests/fixtures/versions/baseline-1.0.0.sha256', 'utf8').split('\n').filter((line) => /^[0-9a-f]{64} /.test(line));
  return new Map(lines.map((line) => [line.slice(66), line.slice(0, 64)]));
}

async function check(root: string): Promise<string[]> {
  const files = readRepositoryFiles(root);
  const { repository, problems } = loadRepository(files);
  problems.push(...(await verifyFrozen(root, files, repository?.published ?? [])));
  return problems.filter((problem) => problem.severity === 'erreur').map(formatProblem);
}

describe('published versions are frozen', () => {
  let scratch: Scratch | undefined;
  afterEach(() => scratch?.remove());

  it('finds every published version of the repository unchanged, files and downloads', async () => {
    expect(await check(process.cwd())).toEqual([]);
  });

  it('pins 1.0.0 to the bytes it was first served with', () => {
    const list = JSON.parse(readFileSync('releases/1.0.0/hashes.json', 'utf8')) as HashList;
    // Downloads added later (samples, Table Schemas) are frozen beside them; the first ones keep their bytes.
    const baseline = baselineHashes();
    expect(new Map([...Object.entries(list.artefacts)].filter(([path]) => baseline.has(path)))).toEqual(baseline);
    expect(list.templates['kit-diagnostic-1.0.0.xlsx']).toEqual({ modele: 'kit-diagnostic/1', version_dictionnaire: '1.0.0', empreinte_champs: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('fails naming the file when a published YAML file is edited, added or removed', async () => {
    scratch = scratchCopy();
    scratch.edit('releases/1.0.0/dictionary/entities/titulaire.yaml', 'Nom de famille du titulaire', 'Nom du titulaire');
    scratch.write('releases/1.0.0/dictionary/nomenclatures/pays.yaml', scratch.read('releases/1.0.0/dictionary/nomenclatures/sexe.yaml').replace('id: sexe', 'id: pays'));
    scratch.delete('releases/1.0.0/dictionary/nomenclatures/csp.yaml');
    expect(await check(scratch.root)).toMatchInlineSnapshot(`
      [
        "releases/1.0.0/dictionary/entities/titulaire.yaml:266 — TIT_CSP — La nomenclature « csp » n’existe pas. Créez dictionary/nomenclatures/<id>.yaml ou corrigez l’identifiant.",
        "releases/1.0.0/dictionary/entities/titulaire.yaml — La version 1.0.0 est publiée, donc figée : ce fichier a été modifié (son empreinte n’est plus celle de releases/1.0.0/hashes.json). Annulez la modification (git checkout -- releases/1.0.0) et apportez-la dans dictionary/ pour une nouvelle version.",
        "releases/1.0.0/dictionary/nomenclatures/csp.yaml — La version 1.0.0 est publiée, donc figée : ce fichier a été supprimé. Annulez la modification (git checkout -- releases/1.0.0) et apportez-la dans dictionary/ pour une nouvelle version.",
        "releases/1.0.0/dictionary/nomenclatures/pays.yaml — La version 1.0.0 est publiée, donc figée : ce fichier y a été ajouté. Retirez-le de releases/1.0.0 ; une nouvelle entité ou nomenclature va dans dictionary/, pour une nouvelle version.",
      ]
    `);
  });
});
