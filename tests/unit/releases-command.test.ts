import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import type { HashList } from '../../src/core/releases/freeze.ts';
import { loadRepository } from '../../src/core/dictionary/repository.ts';
import type { ReleaseIndex } from '../../src/core/dictionary/schemas/release-index.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { releaseVersion } from '../../src/node/release.ts';
import { readRepositoryFiles, verifyFrozen } from '../../src/node/releases.ts';
import { optionalTitulaireField, scratchCopy, startDraft, type Scratch } from '../fixtures/versions/scratch.ts';

const date = '2027-03-15';

async function check(root: string): Promise<string[]> {
  const files = readRepositoryFiles(root);
  const { repository, problems } = loadRepository(files);
  problems.push(...(await verifyFrozen(root, files, repository?.published ?? [])));
  return problems.filter((problem) => problem.severity === 'erreur').map(formatProblem);
}


// Each test checks or publishes whole versions (hashing their downloads): slow on a loaded machine.
describe('npm run dictionary:release on a scratch copy', { timeout: 180_000 }, () => {
  let scratch: Scratch | undefined;
  afterEach(() => scratch?.remove());

  it('publishes a compatible change as a minor version: snapshot, hash list, change log, statuses', async () => {
    scratch = scratchCopy();
    startDraft(scratch, '1.1.0');
    scratch.write('dictionary/entities/titulaire.yaml', scratch.read('dictionary/entities/titulaire.yaml') + optionalTitulaireField('1.1.0'));
    scratch.edit('dictionary/nomenclatures/sexe.yaml', "    label: Féminin\n", "    label: Féminin\n  - code: '9'\n    label: Non renseigné\n    since: 1.1.0\n");
    expect(await check(scratch.root)).toEqual([]);

    const indexBefore = scratch.read('releases/index.yaml');
    const outcome = await releaseVersion(scratch.root, '1.1.0', { date });
    expect(outcome.problems).toEqual([]);
    expect(outcome.report).toMatchInlineSnapshot(`
      [
        "Version 1.1.0 publiée le 2027-03-15 dans releases/1.1.0/ (empreintes : releases/1.1.0/hashes.json).",
        "Par rapport à la version 1.0.0 : 2 changements, version mineure.",
        "Statuts : 1.1.0 en vigueur ; 1.0.0 remplacée (ses données restent valides).",
        "Complétez le résumé et le journal pré-remplis dans releases/index.yaml et CHANGELOG.md, puis committez et étiquetez la version :",
        "git add releases/1.1.0 releases/index.yaml CHANGELOG.md dictionary && git commit -m "Dictionnaire 1.1.0" && git tag dictionnaire-v1.1.0",
      ]
    `);
    expect(existsSync(join(scratch.root, 'releases/1.1.0/dictionary/entities/titulaire.yaml'))).toBe(true);
    expect(scratch.read('releases/1.1.0/dictionary/manifest.yaml')).toContain(`status: publiée\norigin: composé\ndate: ${date}`);
    expect(scratch.read('dictionary/manifest.yaml')).toBe(scratch.read('releases/1.1.0/dictionary/manifest.yaml'));
    const hashes = JSON.parse(scratch.read('releases/1.1.0/hashes.json')) as HashList;
    expect(Object.keys(hashes.artefacts)).toContain('dictionnaire-agora-1.1.0.csv');
    expect(hashes.templates['kit-diagnostic-1.1.0.xlsx']?.['version_dictionnaire']).toBe('1.1.0');
    const index = parse(scratch.read('releases/index.yaml')) as ReleaseIndex;
    // A minor version replaces the one in force: its data stay valid, so it is « remplacée », not « dépréciée ».
    expect(index.releases.map(({ version, status, date: day }) => `${version} ${status} ${day}`)).toEqual(['1.1.0 en vigueur 2027-03-15', '1.0.0 remplacée 2026-11-25']);
    expect(index.releases[0]).toMatchObject({
      summary: 'Version mineure de la version 1.0.0 : 1 champ ajouté (TIT_IDCC), 1 code ajouté (sexe / 9). Une donnée valide en version 1.0.0 le reste.',
      notes: ['Champs ajoutés : TIT_IDCC.', 'Codes ajoutés : sexe / 9.'],
    });
    // The earlier entries are kept byte for byte (no reflow), but for the status the release changes.
    const indexAfter = scratch.read('releases/index.yaml');
    expect(indexAfter.endsWith(indexBefore.replace(/^(\s+status: )en vigueur$/m, '$1remplacée').slice(indexBefore.indexOf('  - version: 1.0.0')))).toBe(true);
    expect(indexAfter.slice(0, indexAfter.indexOf('releases:'))).toBe(indexBefore.slice(0, indexBefore.indexOf('releases:')));
    expect(scratch.read('CHANGELOG.md')).toMatchInlineSnapshot(`
      "# Journal des versions du dictionnaire des données AGORA

      Toutes les évolutions notables du dictionnaire sont consignées dans ce fichier, de la plus récente à la plus
      ancienne. Le format suit [Keep a Changelog](https://keepachangelog.com/fr/1.1.0/) et les numéros suivent le
      [versionnage sémantique](https://semver.org/lang/fr/) : une version majeure peut refuser des données valides
      dans la précédente, une version mineure ajoute sans rien refuser, une version corrective ne précise que la
      documentation. Chaque version est étiquetée \`dictionnaire-vX.Y.Z\` dans le dépôt ; \`npm run dictionary:release\`
      écrit sa section.

      ## [1.1.0] - 2027-03-15

      Version mineure : une donnée valide en version 1.0.0 le reste.

      ### Ajouté

      - Champs ajoutés : TIT_IDCC.
      - Codes ajoutés : sexe / 9.

      ## [1.0.0] - 2026-11-25

      ### Ajouté

      - Première version publiée : 121 champs répartis en 7 entités et 14 nomenclatures.
      "
    `);
    expect(await check(scratch.root)).toEqual([]);
  });

  it('refuses a breaking change under a minor number, naming each change and the bump it needs', async () => {
    scratch = scratchCopy();
    startDraft(scratch, '1.1.0');
    scratch.edit('dictionary/entities/dossier.yaml', '  - code: DOS_DATE_FIN_INTERRUPTION\n', '  - code: DOS_DATE_REPRISE\n    formerly: DOS_DATE_FIN_INTERRUPTION\n');
    scratch.edit('dictionary/entities/titulaire.yaml', "constraints: { min: '1900-01-01' }\n    obligation: obligatoire", "constraints: { min: '1900-01-01', max: '2026-11-25' }\n    obligation: obligatoire");
    scratch.edit('dictionary/entities/titulaire.yaml', /  - code: TIT_QPV\n(    .*\n)+?(?=  - code:)/, '');
    const index = scratch.read('releases/index.yaml');
    const outcome = await releaseVersion(scratch.root, '1.1.0', { date });
    expect(outcome.ok).toBe(false);
    expect(outcome.problems.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "dictionary/manifest.yaml:3 — Le numéro 1.1.0 est une version mineure de 1.0.0, mais ces 3 changements demandent une version majeure : TIT_DATE_NAISSANCE — Contrainte « maximum » ajoutée : 2026-11-25 (version majeure) ; DOS_DATE_REPRISE — Champ renommé : DOS_DATE_FIN_INTERRUPTION → DOS_DATE_REPRISE (version majeure) ; TIT_QPV — Champ retiré « Résident d’un quartier prioritaire » (version majeure). Publiez la version 2.0.0 (et mettez à jour les « since » des éléments nouveaux), ou renoncez à ces changements.",
      ]
    `);
    expect(existsSync(join(scratch.root, 'releases/1.1.0'))).toBe(false);
    expect(scratch.read('releases/index.yaml')).toBe(index);
  });

  it('accepts the same changes as the next major version, which deprecates the earlier one until the date given', async () => {
    scratch = scratchCopy();
    startDraft(scratch, '2.0.0');
    scratch.edit('dictionary/entities/dossier.yaml', '  - code: DOS_DATE_FIN_INTERRUPTION\n', '  - code: DOS_DATE_REPRISE\n    formerly: DOS_DATE_FIN_INTERRUPTION\n');
    const withUntil = await releaseVersion(scratch.root, '2.0.0', { date, until: '2027-12-31', dryRun: true });
    expect(withUntil.report.find((line) => line.startsWith('Statuts'))).toBe('Statuts : 2.0.0 en vigueur ; 1.0.0 dépréciée jusqu’au 2027-12-31.');
    const outcome = await releaseVersion(scratch.root, '2.0.0', { date });
    expect(outcome.problems).toEqual([]);
    const index = (parse(scratch.read('releases/index.yaml')) as ReleaseIndex).releases;
    expect(index[0]?.notes).toEqual(['Champs renommés : DOS_DATE_FIN_INTERRUPTION → DOS_DATE_REPRISE.']);
    expect(index[1]).toMatchObject({ version: '1.0.0', status: 'dépréciée' });
    expect(outcome.report.join('\n')).toContain('Indiquez dans releases/index.yaml la fin de la période de transition');
  });

  it('refuses a number that is not the working copy’s, and a working copy with nothing new', async () => {
    scratch = scratchCopy();
    expect((await releaseVersion(scratch.root, '1.0.0')).problems.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "releases/1.0.0 — La version 1.0.0 est déjà publiée (releases/1.0.0/) : un numéro publié ne se republie pas. Pour changer le dictionnaire, indiquez un nouveau numéro dans dictionary/manifest.yaml avec « status: brouillon ».",
      ]
    `);
    startDraft(scratch, '1.1.0');
    expect((await releaseVersion(scratch.root, '1.2.0')).problems.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "dictionary/manifest.yaml — La copie de travail porte la version 1.1.0, pas 1.2.0. Publiez 1.1.0 (npm run dictionary:release -- 1.1.0), ou indiquez « version: 1.2.0 » dans dictionary/manifest.yaml.",
      ]
    `);
    expect((await releaseVersion(scratch.root, '1.1.0')).problems.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "dictionary/manifest.yaml — La version 1.1.0 ne change rien par rapport à la version 1.0.0. Il n’y a rien à publier.",
      ]
    `);
  });

  it('refuses a history that contradicts the published versions: a new field « since » a published version', async () => {
    scratch = scratchCopy();
    startDraft(scratch, '1.1.0');
    scratch.write('dictionary/entities/titulaire.yaml', scratch.read('dictionary/entities/titulaire.yaml') + optionalTitulaireField('1.0.0'));
    expect(await check(scratch.root)).toMatchInlineSnapshot(`
      [
        "dictionary/entities/titulaire.yaml:360 — TIT_IDCC — « since: 1.0.0 » ne correspond pas à l’historique : ce champ n’existe pas dans la version publiée 1.0.0 : il est nouveau dans la version 1.1.0. Indiquez « since: 1.1.0 » ; une version publiée ne change pas.",
      ]
    `);
  });

  it('refuses edits to the working copy while it still carries the published number', async () => {
    scratch = scratchCopy();
    scratch.edit('dictionary/entities/session.yaml', 'Nombre de places ouvertes pour la session.', 'Nombre de places ouvertes.');
    expect(await check(scratch.root)).toMatchInlineSnapshot(`
      [
        "dictionary/entities/session.yaml — Ce fichier diffère de la version 1.0.0 publiée (releases/1.0.0/dictionary/entities/session.yaml), dont la copie de travail porte le numéro. Pour préparer une nouvelle version, indiquez d’abord son numéro dans dictionary/manifest.yaml (par exemple 1.1.0) avec « status: brouillon ».",
      ]
    `);
  });
});
