import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashVersion, serializeHashList } from '../../src/core/releases/freeze.ts';
import { History } from '../../src/core/dictionary/history.ts';
import { loadRepository } from '../../src/core/dictionary/repository.ts';
import { changeLine, changeLog } from '../../src/core/dictionary/release-notes.ts';
import { statusSentence } from '../../src/core/dictionary/statuses.ts';
import type { Release } from '../../src/core/dictionary/schemas/release-index.ts';
import { formatProblem, type Problem } from '../../src/core/problems.ts';
import { releaseVersion } from '../../src/node/release.ts';
import { readRepository, readRepositoryFiles, verifyFrozen } from '../../src/node/releases.ts';
import { commitAll, scratchCopy, startDraft, type Scratch } from '../fixtures/versions/scratch.ts';

async function problemsOf(root: string): Promise<Problem[]> {
  const files = readRepositoryFiles(root);
  const { repository, problems } = loadRepository(files);
  problems.push(...(await verifyFrozen(root, files, repository?.published ?? [])));
  return problems;
}
const errors = async (root: string) => (await problemsOf(root)).filter((problem) => problem.severity === 'erreur').map(formatProblem);

/** DOS_ABANDON as 1.1.0 published it (2.0.0 withdrew it), with the `since` given. */
const abandon = (since: string) => `  - code: DOS_ABANDON
    label: Abandon
    definition: Indique si le titulaire a quitté la formation avant son terme de sa propre initiative.
    type: booleen
    obligation: facultative
    personalData: true
    sensitivity: normale
    example: false
    since: ${since}
    sources: []
`;

// Each test checks or publishes whole versions (hashing their downloads): slow on a loaded machine.
describe('a code a published version held keeps its meaning forever', { timeout: 180_000 }, () => {
  let scratch: Scratch | undefined;
  afterEach(() => scratch?.remove());

  it('refuses a withdrawn field’s code for a new field, naming the versions that held it; accepts the field itself coming back', async () => {
    // Pinned on purpose to the frozen 1.0.0 → 2.0.0 history, where DOS_ABANDON was withdrawn and DOS_DATE_FIN_INTERRUPTION renamed.
    scratch = scratchCopy('2.0.0', process.cwd(), { history: true });
    startDraft(scratch, '2.1.0');
    const dossier = scratch.read('dictionary/entities/dossier.yaml');
    scratch.write('dictionary/entities/dossier.yaml', dossier + abandon('2.1.0') + abandon('2.1.0').replace('DOS_ABANDON', 'DOS_DATE_FIN_INTERRUPTION').replace('type: booleen', 'type: date').replace('example: false', "example: '2026-01-05'"));
    expect(await errors(scratch.root)).toMatchInlineSnapshot(`
      [
        "dictionary/entities/dossier.yaml:151 — DOS_DATE_REPRISE — L’ancien code « DOS_DATE_FIN_INTERRUPTION » est encore celui d’un champ de cette version. formerly désigne le code d’avant le renommage, qui ne doit plus exister : retirez l’ancien champ ou corrigez formerly.",
        "dictionary/entities/dossier.yaml:275 — DOS_ABANDON — Le code DOS_ABANDON a été celui du champ « Abandon » des versions 1.0.0 à 1.1.0 (retiré en version 2.0.0) : un code publié ne peut pas désigner un nouveau champ. Choisissez un autre code ; pour rétablir ce champ-là, indiquez « since: 1.0.0 » et gardez son type et sa liste de valeurs.",
        "dictionary/entities/dossier.yaml:277 — DOS_DATE_FIN_INTERRUPTION — Le code DOS_DATE_FIN_INTERRUPTION a été celui d’un champ des versions 1.0.0 à 1.1.0, devenu DOS_DATE_REPRISE en version 2.0.0 : un code publié garde son sens. Choisissez un autre code pour ce champ (DOS_DATE_REPRISE existe déjà pour le premier).",
      ]
    `);

    scratch.write('dictionary/entities/dossier.yaml', dossier + abandon('1.0.0').replace('type: booleen', 'type: texte').replace('example: false', 'example: oui'));
    expect(await errors(scratch.root)).toMatchInlineSnapshot(`
      [
        "dictionary/entities/dossier.yaml:270 — DOS_ABANDON — Le champ DOS_ABANDON rétabli ne revient pas à l’identique : il était « dossier, type booléen » en version 1.1.0, il serait « dossier, type texte ». Rétablissez-le dans son entité, avec son type et sa liste de valeurs, ou choisissez un autre code pour un champ nouveau.",
      ]
    `);

    // The same field restored: accepted, and told as a restoration, not as a new field.
    scratch.write('dictionary/entities/dossier.yaml', dossier + abandon('1.0.0'));
    expect(await errors(scratch.root)).toEqual([]);
    const { changes, repository } = readRepository(scratch.root);
    expect(changes && changeLog(changes)).toEqual(['Champs rétablis : DOS_ABANDON.']);
    expect(changes && changeLine(changes)).toBe('Depuis la version 2.0.0 : 1 changement (1 champ rétabli), il faut au moins une version mineure.');
    // The draft's page lists it as a field, not also under « Champs retirés ».
    const history = new History([...(repository?.published.map((version) => version.dictionary) ?? []), ...(repository?.draft ? [repository.draft] : [])]);
    expect(history.removedFields('dossier', '2.1.0').map((removed) => removed.field.code)).not.toContain('DOS_ABANDON');
    expect(history.removedFields('dossier', '2.0.0').map((removed) => removed.field.code)).toContain('DOS_ABANDON');
  });

  it('refuses a withdrawn nomenclature code under another meaning', async () => {
    scratch = scratchCopy();
    startDraft(scratch, '2.0.0');
    const csp = scratch.read('dictionary/nomenclatures/csp.yaml');
    scratch.write('dictionary/nomenclatures/csp.yaml', csp.replace(/  - code: '8'\n[\s\S]*$/, ''));
    expect((await releaseVersion(scratch.root, '2.0.0', { date: '2027-03-15' })).problems).toEqual([]);
    startDraft(scratch, '2.1.0');
    scratch.write('dictionary/nomenclatures/csp.yaml', `${scratch.read('dictionary/nomenclatures/csp.yaml')}  - code: '8'\n    label: Chômeurs\n    since: 2.1.0\n`);
    expect(await errors(scratch.root)).toMatchInlineSnapshot(`
      [
        "dictionary/nomenclatures/csp.yaml:28 — csp — Le code « 8 » a désigné « Autres personnes sans activité professionnelle » dans la version 1.0.0 (retiré en version 2.0.0) : un code publié ne peut pas prendre un autre sens. Choisissez un autre code ; pour rétablir ce code-là, retirez since (il date de la nomenclature).",
      ]
    `);
    scratch.write('dictionary/nomenclatures/csp.yaml', csp);
    expect(await errors(scratch.root)).toEqual([]);
    const { changes } = readRepository(scratch.root);
    expect(changes && changeLog(changes)).toEqual(['Codes rétablis : csp / 8.']);
  });
});

describe('published versions are append-only against the git history', { timeout: 180_000 }, () => {
  let scratch: Scratch | undefined;
  let clone: string | undefined;
  afterEach(() => {
    scratch?.remove();
    if (clone) rmSync(clone, { recursive: true, force: true });
  });

  it('refuses an edited published file even with its hash recomputed, naming the file and the commit', async () => {
    scratch = scratchCopy('2.0.0', process.cwd(), { history: true });
    commitAll(scratch, 'Published versions');
    expect(await errors(scratch.root)).toEqual([]);
    scratch.edit('releases/1.1.0/dictionary/entities/session.yaml', 'Nombre de places ouvertes pour la session.', 'Nombre de places.');
    const version = readRepository(scratch.root).repository?.published.find((v) => v.folder === 'releases/1.1.0');
    if (!version) throw new Error('1.1.0 ne se charge pas');
    scratch.write('releases/1.1.0/hashes.json', serializeHashList(await hashVersion(version.dictionary, version.files, version.folder)));
    const edit = commitAll(scratch, 'Shorter definition');
    const found = (await errors(scratch.root)).map((line) => line.replace(edit.slice(0, 7), '<edit>').replace(/commit [0-9a-f]{7} \)/, 'commit <publication>)').replace(/\(commit [0-9a-f]{7}\)/g, '(commit <publication>)').replace(/git checkout [0-9a-f]{7}/g, 'git checkout <publication>'));
    expect(found).toMatchInlineSnapshot(`
      [
        "releases/1.1.0/dictionary/entities/session.yaml — La version 1.1.0 est publiée (commit <publication>) : ce fichier a été modifié depuis, par le commit <edit> (« Shorter definition »). Rétablissez-le : git checkout <publication> -- releases/1.1.0/dictionary/entities/session.yaml ; un changement va dans dictionary/, pour une nouvelle version.",
        "releases/1.1.0/hashes.json — La version 1.1.0 est publiée (commit <publication>) : ses empreintes ont été changées depuis, par le commit <edit> (« Shorter definition ») (dictionary/entities/session.yaml, dictionnaire-agora-1.1.0.json, dictionnaire-agora-1.1.0.csv, schemas/session.schema.json, schemas/session.tableschema.json) ; recalculer une empreinte ne rend pas une modification légitime. Rétablissez-les : git checkout <publication> -- releases/1.1.0/hashes.json, et annulez la modification qu’elles couvraient.",
      ]
    `);
  });

  it('refuses a published version that disappeared with its index entry, and one published again with other content', async () => {
    scratch = scratchCopy('2.0.0', process.cwd(), { history: true });
    commitAll(scratch, 'Published versions');
    scratch.delete('releases/1.0.0');
    scratch.edit('releases/index.yaml', /  - version: 1\.0\.0[\s\S]*$/, '');
    const removal = commitAll(scratch, 'Drop 1.0.0');
    const found = (await errors(scratch.root)).map((line) => line.replaceAll(removal.slice(0, 7), '<removal>').replace(/commit [0-9a-f]{7},/, 'commit <publication>,'));
    expect(found).toMatchInlineSnapshot(`
      [
        "releases/1.0.0 — La version 1.0.0, publiée par le commit <publication>, a disparu (supprimée par le commit <removal>) : une version publiée reste en ligne. Restaurez-la : git checkout <removal>~1 -- releases/1.0.0, avec son entrée de releases/index.yaml.",
      ]
    `);
  });

  it('keeps working in a shallow clone, saying what it checks there', async () => {
    scratch = scratchCopy('2.0.0', process.cwd(), { history: true });
    commitAll(scratch, 'Published versions');
    commitAll(scratch, 'Later work');
    clone = mkdtempSync(join(tmpdir(), 'agora-shallow-'));
    const cloned = spawnSync('git', ['clone', '-q', '--depth', '1', `file://${scratch.root}`, clone], { encoding: 'utf8' });
    expect(cloned.status, cloned.stderr).toBe(0);
    const problems = await problemsOf(clone);
    expect(problems.filter((problem) => problem.severity === 'erreur')).toEqual([]);
    expect(problems.filter((problem) => problem.rule === 'release.history-shallow').map(formatProblem).map((line) => line.replace(/commit [0-9a-f]{7}/, 'commit <tête>'))).toMatchInlineSnapshot(`
      [
        "releases/1.0.0 — Clone superficiel : l’historique s’arrête au commit <tête>, la version 1.0.0 y est comparée faute de remonter à sa publication ; les empreintes, elles, sont vérifiées. Pour tout vérifier : git fetch --unshallow.",
        "releases/1.1.0 — Clone superficiel : l’historique s’arrête au commit <tête>, la version 1.1.0 y est comparée faute de remonter à sa publication ; les empreintes, elles, sont vérifiées. Pour tout vérifier : git fetch --unshallow.",
        "releases/2.0.0 — Clone superficiel : l’historique s’arrête au commit <tête>, la version 2.0.0 y est comparée faute de remonter à sa publication ; les empreintes, elles, sont vérifiées. Pour tout vérifier : git fetch --unshallow.",
      ]
    `);
  });

  it('says when there is no history to compare with', async () => {
    scratch = scratchCopy();
    expect((await problemsOf(scratch.root)).filter((problem) => problem.rule === 'release.history-unavailable').map(formatProblem)).toMatchInlineSnapshot(`
      [
        "releases — Pas d’historique git ici : les versions publiées sont comparées à leurs empreintes seulement, pas aux commits qui les ont publiées.",
      ]
    `);
  });
});

describe('statuses follow from the newer versions', { timeout: 180_000 }, () => {
  let scratch: Scratch | undefined;
  afterEach(() => scratch?.remove());

  it('refuses a status the newer versions contradict, and a withdrawal without its reason or replacement', async () => {
    scratch = scratchCopy('2.0.0', process.cwd(), { history: true });
    scratch.edit('releases/index.yaml', /(version: 1\.1\.0\n\s+status: )dépréciée/, '$1en vigueur');
    expect(await errors(scratch.root)).toMatchInlineSnapshot(`
      [
        "releases/index.yaml:27 — La version 1.1.0 porte le statut « en vigueur », mais la version majeure 2.0.0 la suit : elle est « dépréciée » (ses données restent acceptées jusqu’à la fin de la période de transition). Indiquez « status: dépréciée ».",
      ]
    `);
    scratch.edit('releases/index.yaml', /(version: 2\.0\.0\n\s+status: )en vigueur/, '$1retirée');
    expect(await errors(scratch.root)).toMatchInlineSnapshot(`
      [
        "releases/index.yaml:4 — La propriété « reason » est obligatoire pour une version retirée : dites pourquoi elle est retirée.",
        "releases/index.yaml:4 — La propriété « replacement » est obligatoire pour une version retirée : indiquez la version à utiliser à la place.",
      ]
    `);
    // Withdrawn with its reason and replacement, 2.0.0 is set aside: 1.1.0 is in force again and 1.0.0 merely replaced.
    scratch.edit('releases/index.yaml', /(version: 2\.0\.0\n\s+status: retirée)/, '$1\n    reason: Une contrainte refusait des dates valides.\n    replacement: 1.1.0');
    expect(await errors(scratch.root)).toMatchInlineSnapshot(`
      [
        "releases/index.yaml:83 — La version 1.0.0 porte le statut « dépréciée », mais la version 1.1.0 la suit dans la même version majeure : elle est « remplacée » (ses données restent valides). Indiquez « status: remplacée ».",
      ]
    `);
    scratch.edit('releases/index.yaml', /(version: 1\.0\.0\n\s+status: )dépréciée/, '$1remplacée');
    expect(await errors(scratch.root)).toEqual([]);
  });
});

describe('what each status tells a partner, on the versions page and in the banners', { timeout: 180_000 }, () => {
  it('says whether the data stay valid, until when, and what replaces a withdrawn version', () => {
    const release = (extra: Partial<Release>): Release => ({ version: '1.1.0', status: 'en vigueur', date: '2026-11-25', summary: 'Résumé.', notes: [], ...extra });
    expect([
      statusSentence('2.1.0', 'brouillon', undefined, '2.0.0'),
      statusSentence('2.0.0', 'en vigueur', release({}), '2.0.0'),
      statusSentence('1.0.0', 'remplacée', release({ status: 'remplacée' }), '1.1.0'),
      statusSentence('1.1.0', 'dépréciée', release({ status: 'dépréciée', until: '2027-06-30' }), '2.0.0'),
      statusSentence('1.1.0', 'dépréciée', release({ status: 'dépréciée' }), '2.0.0'),
      statusSentence('2.0.1', 'retirée', release({ status: 'retirée', reason: 'Une contrainte refusait des dates valides.', replacement: '2.0.2' }), '2.0.2'),
    ]).toMatchInlineSnapshot(`
      [
        "La version 2.1.0 est en préparation : elle n’est pas publiée et son contenu peut encore changer.",
        "La version 2.0.0 est en vigueur : c’est celle à suivre.",
        "La version 1.0.0 est remplacée par la version 1.1.0, de même numéro majeur : ses données restent valides.",
        "La version 1.1.0 est dépréciée : une version majeure plus récente la remplace ; ses données sont acceptées jusqu’au 30 juin 2027.",
        "La version 1.1.0 est dépréciée : une version majeure plus récente la remplace ; la fin de la période de transition sera annoncée ici.",
        "La version 2.0.1 est retirée. Une contrainte refusait des dates valides. Utilisez la version 2.0.2 ; celle-ci reste en ligne pour mémoire.",
      ]
    `);
  });
});
