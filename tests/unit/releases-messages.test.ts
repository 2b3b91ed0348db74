import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRepository } from '../../src/core/dictionary/repository.ts';
import { summarize } from '../../src/core/dictionary/release-notes.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { readRepository, readRepositoryFiles, verifyFrozen } from '../../src/node/releases.ts';
import { scratchCopy, startDraft, type Scratch } from '../fixtures/versions/scratch.ts';

async function errors(root: string): Promise<string[]> {
  const files = readRepositoryFiles(root);
  const { repository, problems } = loadRepository(files);
  problems.push(...(await verifyFrozen(root, files, repository?.published ?? [])));
  return problems.filter((problem) => problem.severity === 'erreur').map(formatProblem);
}

/** `npm run dictionary:release -- …` as a maintainer runs it, from `root`. */
function runRelease(root: string, ...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [resolve('scripts/dictionary-release.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, output: `${result.stderr}${result.stdout}` };
}

/** `npm run dictionary:check` as a maintainer runs it, on `root`. */
function runCheck(root: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['scripts/dictionary-check.ts', root], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stderr}${result.stdout}` };
}

// Each test checks or publishes whole versions (hashing their downloads): slow on a loaded machine.
describe('maintainer messages: the place, what to do, in French, without parser jargon', { timeout: 180_000 }, () => {
  let scratch: Scratch | undefined;
  afterEach(() => scratch?.remove());

  it('says what a version number is when YAML reads « 2.1 » as a number', async () => {
    scratch = scratchCopy();
    scratch.edit('dictionary/manifest.yaml', /^version: .*$/m, 'version: 2.1');
    scratch.edit('dictionary/manifest.yaml', /^status: .*$/m, 'status: brouillon');
    expect(await errors(scratch.root)).toMatchInlineSnapshot(`
      [
        "dictionary/manifest.yaml:3 — La propriété « version » doit être un numéro de version à trois nombres séparés par des points, de la forme 1.0.0 (par exemple 2.1.0, pas 2.1).",
      ]
    `);
  });

  it('gives one YAML error per file, at the line that opened what is not closed, and still gives the version verdict', async () => {
    scratch = scratchCopy();
    startDraft(scratch, '1.0.1');
    scratch.edit('dictionary/entities/titulaire.yaml', '    constraints: { minLength: 1, maxLength: 50 }\n', '    constraints: { minLength: 1, maxLength: 50\n');
    scratch.edit('dictionary/entities/session.yaml', /  - code: SES_EFFECTIF_PREVU\n(    .*\n)+?(?=  - code:|$)/, '');
    expect(await errors(scratch.root)).toMatchInlineSnapshot(`
      [
        "dictionary/entities/titulaire.yaml:17 — Le fichier n’est pas du YAML valide : l’accolade « { » ouverte à cette ligne n’est pas refermée. Ajoutez « } » à la fin de la valeur, sur cette même ligne.",
        "dictionary/manifest.yaml:3 — Le numéro 1.0.1 est une version corrective de 1.0.0, mais ce changement demande une version majeure : SES_EFFECTIF_PREVU — Champ retiré « Effectif prévu » (version majeure). Publiez la version 2.0.0 (et mettez à jour les « since » des éléments nouveaux), ou renoncez à ces changements.",
      ]
    `);
  });

  it('tells a misspelt key once, with the key meant, and nothing that follows from it', async () => {
    scratch = scratchCopy();
    startDraft(scratch, '1.0.1');
    scratch.edit('dictionary/entities/action.yaml', '    obligation: obligatoire', '    obligaton: obligatoire');
    scratch.edit('dictionary/entities/action.yaml', '    constraints:', '    contraints:');
    expect(await errors(scratch.root)).toMatchInlineSnapshot(`
      [
        "dictionary/entities/action.yaml:18 — ACT_IDENTIFIANT — La propriété « contraints » est inconnue : vouliez-vous dire « constraints » ? Corrigez son nom en « constraints ».",
        "dictionary/entities/action.yaml:19 — ACT_IDENTIFIANT — La propriété « obligaton » est inconnue : vouliez-vous dire « obligation » ? Corrigez son nom en « obligation ».",
      ]
    `);
  });

  it('prints counts agreed with their number and the change since the last version in one line', () => {
    scratch = scratchCopy();
    startDraft(scratch, '1.0.1');
    scratch.edit('dictionary/entities/session.yaml', 'Nombre de places ouvertes pour la session.', 'Nombre de places ouvertes à l’inscription.');
    const passing = runCheck(scratch.root);
    expect(passing.status).toBe(0);
    expect(passing.output.trim().split('\n').slice(-3)).toMatchInlineSnapshot(`
      [
        "Dictionnaire 1.0.1 (brouillon) : 7 entités, 121 champs, 14 nomenclatures, 12 référentiels — aucun problème.",
        "Versions publiées, inchangées : 1.0.0 (en vigueur).",
        "Depuis la version 1.0.0 : 1 changement (1 libellé, définition ou exemple précisé), il faut au moins une version corrective.",
      ]
    `);
    scratch.edit('dictionary/entities/session.yaml', "example: 12", "example: douze");
    const failing = runCheck(scratch.root);
    expect(failing.status).toBe(1);
    expect(failing.output.trim().split('\n').slice(-3)).toMatchInlineSnapshot(`
      [
        "Depuis la version 1.0.0 : 2 changements (2 libellés, définitions ou exemples précisés), il faut au moins une version corrective.",
        "",
        "1 problème : corrigez-le puis relancez « npm run dictionary:check ».",
      ]
    `);
    expect(`${passing.output}${failing.output}`).not.toMatch(/\(s\)/);
  });

  it('summarises a wording-only version by what it precises, never « Version corrective » alone', () => {
    scratch = scratchCopy();
    startDraft(scratch, '1.0.1');
    scratch.edit('dictionary/entities/session.yaml', 'Nombre de places ouvertes pour la session.', 'Nombre de places ouvertes à l’inscription.');
    const { repository, changes } = readRepository(scratch.root);
    expect(repository?.draft && summarize(repository.draft, changes)).toMatchInlineSnapshot(`"Version corrective de la version 1.0.0 : 1 libellé, définition ou exemple précisé (SES_EFFECTIF_PREVU). Les règles ne changent pas, seule la documentation est précisée."`);
  });

  it('runs a dry run from the command line, writing only the Markdown asked for, and refuses an unknown option in French', () => {
    scratch = scratchCopy();
    startDraft(scratch, '1.0.1');
    scratch.edit('dictionary/entities/session.yaml', 'Nombre de places ouvertes pour la session.', 'Nombre de places ouvertes à l’inscription.');
    const markdown = join(scratch.root, 'changement.md');
    const dry = runRelease(scratch.root, '1.0.1', '--dry-run', '--markdown', markdown);
    expect(dry.status, dry.output).toBe(0);
    expect(readFileSync(markdown, 'utf8')).toContain('### Précisions de rédaction — version corrective (1)');
    expect(existsSync(join(scratch.root, 'releases/1.0.1'))).toBe(false);
    const unknown = runRelease(scratch.root, '1.0.1', '--dat', '2027-01-01');
    expect(unknown.status).toBe(1);
    expect(unknown.output.trim()).toMatchInlineSnapshot(`"Option « --dat » inconnue ou incomplète. Usage : npm run dictionary:release -- 2.1.0 [--date AAAA-MM-JJ] [--until AAAA-MM-JJ] [--dry-run [--markdown changement.md]]"`);
    expect(`${dry.output}${unknown.output}`).not.toMatch(/\(s\)|Unknown|Error/);
  });
});
