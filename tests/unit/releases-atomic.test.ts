import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRepository } from '../../src/core/dictionary/repository.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { readRepositoryFiles, verifyFrozen } from '../../src/node/releases.ts';
import { applyRelease, diskIo, planRelease, releaseVersion, type ReleaseIo } from '../../src/node/release.ts';
import { optionalTitulaireField, scratchCopy, startDraft, type Scratch } from '../fixtures/versions/scratch.ts';

/** Every file under `root` with its content: what « the tree exactly as it was » means. */
function tree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return files;
}


/** A scratch copy at 1.0.0 with a 1.1.0 draft ready to publish. */
function readyDraft(): Scratch {
  const scratch = scratchCopy();
  startDraft(scratch, '1.1.0');
  scratch.write('dictionary/entities/titulaire.yaml', scratch.read('dictionary/entities/titulaire.yaml') + optionalTitulaireField('1.1.0'));
  return scratch;
}

// Each test checks or publishes whole versions (hashing their downloads): slow on a loaded machine.
describe('a refused or interrupted release leaves the tree exactly as it was', { timeout: 180_000 }, () => {
  let scratch: Scratch | undefined;
  afterEach(() => scratch?.remove());

  it('refuses bad arguments before reading anything: a date not in the calendar, a number with « v » or two parts', async () => {
    scratch = readyDraft();
    const before = tree(scratch.root);
    const refusals = [];
    for (const [version, options] of [
      ['1.1.0', { date: '2026-13-45' }],
      ['1.1.0', { date: 'hier' }],
      ['1.1.0', { date: '2027-02-30' }],
      ['v1.1.0', {}],
      ['1.1', {}],
      ['1.1.0', { until: '31/12/2027' }],
    ] as const) {
      const outcome = await releaseVersion(scratch.root, version, options);
      expect(outcome.ok).toBe(false);
      refusals.push(...outcome.problems.map(formatProblem));
      expect(tree(scratch.root)).toEqual(before);
    }
    expect(refusals).toMatchInlineSnapshot(`
      [
        "--date — « 2026-13-45 » n’est pas une date du calendrier. Indiquez après --date une date AAAA-MM-JJ qui existe : l’année, le mois (01 à 12) et le jour (selon le mois), séparés par des tirets.",
        "--date — « hier » n’est pas une date du calendrier. Indiquez après --date une date AAAA-MM-JJ qui existe : l’année, le mois (01 à 12) et le jour (selon le mois), séparés par des tirets.",
        "--date — « 2027-02-30 » n’est pas une date du calendrier. Indiquez après --date une date AAAA-MM-JJ qui existe : l’année, le mois (01 à 12) et le jour (selon le mois), séparés par des tirets.",
        "numéro de version — « v1.1.0 » n’est pas un numéro de version : le numéro s’écrit sans « v ». Relancez avec 1.1.0 : npm run dictionary:release -- 1.1.0.",
        "numéro de version — « 1.1 » n’est pas un numéro de version : il faut trois nombres séparés par des points. Relancez avec le numéro de dictionary/manifest.yaml, par exemple : npm run dictionary:release -- 2.1.0.",
        "--until — « 31/12/2027 » n’est pas une date du calendrier. Indiquez après --until une date AAAA-MM-JJ qui existe : l’année, le mois (01 à 12) et le jour (selon le mois), séparés par des tirets.",
      ]
    `);
  });

  it('refuses a date before the latest version’s, and an end of transition before the publication', async () => {
    scratch = readyDraft();
    const before = tree(scratch.root);
    const outcomes = [await releaseVersion(scratch.root, '1.1.0', { date: '2020-01-01' }), await releaseVersion(scratch.root, '1.1.0', { date: '2027-03-15', until: '2027-03-01' })];
    expect(outcomes.flatMap((outcome) => outcome.problems.map(formatProblem))).toMatchInlineSnapshot(`
      [
        "--date — La date 2020-01-01 précède celle de la version 1.0.0 (2026-11-25). Indiquez une date à partir du 2026-11-25, ou laissez la date du jour.",
        "--until — La fin de la période de transition (2027-03-01) doit suivre la date de publication (2027-03-15). Indiquez le dernier jour où les versions remplacées restent acceptées.",
      ]
    `);
    expect(tree(scratch.root)).toEqual(before);
  });

  it('refuses the same number twice: the second run writes nothing', async () => {
    scratch = readyDraft();
    expect((await releaseVersion(scratch.root, '1.1.0', { date: '2027-03-15' })).ok).toBe(true);
    const published = tree(scratch.root);
    const again = await releaseVersion(scratch.root, '1.1.0', { date: '2027-03-16' });
    expect(again.problems.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "releases/1.1.0 — La version 1.1.0 est déjà publiée (releases/1.1.0/) : un numéro publié ne se republie pas. Pour changer le dictionnaire, indiquez un nouveau numéro dans dictionary/manifest.yaml avec « status: brouillon ».",
      ]
    `);
    expect(tree(scratch.root)).toEqual(published);
  });

  it('refuses when the check fails, and says nothing was written', async () => {
    scratch = readyDraft();
    scratch.edit('dictionary/entities/titulaire.yaml', "example: '1486'", "example: '14'");
    const before = tree(scratch.root);
    const outcome = await releaseVersion(scratch.root, '1.1.0', { date: '2027-03-15' });
    expect([...outcome.problems.map(formatProblem), ...outcome.report]).toMatchInlineSnapshot(`
      [
        "dictionary/entities/titulaire.yaml:359 — TIT_IDCC — L’exemple ne respecte pas le champ : la valeur n’a pas le format attendu. Donnez un exemple fictif qui respecte le type, les contraintes et la liste de valeurs.",
        "Publication refusée : rien n’a été écrit. Corrigez d’abord ce que signale npm run dictionary:check.",
      ]
    `);
    expect(tree(scratch.root)).toEqual(before);
  });

  it('undoes everything when it is interrupted at any step, then publishes on the next run', async () => {
    scratch = readyDraft();
    const before = tree(scratch.root);
    const plan = await planRelease(scratch.root, '1.1.0', { date: '2027-03-15' });
    if ('problems' in plan) throw new Error(plan.problems.map(formatProblem).join('\n'));
    let steps = 0;
    for (let failAt = 0; ; failAt += 1) {
      let step = 0;
      const failing: ReleaseIo = Object.fromEntries(
        Object.entries(diskIo).map(([name, operation]) => [
          name,
          (...args: [string, string]) => {
            if (step++ === failAt) throw new Error('disque plein');
            (operation as (...a: [string, string]) => void)(...args);
          },
        ]),
      ) as unknown as ReleaseIo;
      const outcome = applyRelease(scratch.root, plan, failing);
      if (outcome.ok) {
        steps = failAt;
        break;
      }
      expect(outcome.problems.map((problem) => problem.rule)).toEqual(['release.interrupted']);
      expect(tree(scratch.root)).toEqual(before);
    }
    // Every write, move and removal of a release was interrupted once: not a vacuous loop.
    expect(steps).toBeGreaterThan(20);
    expect(tree(scratch.root).has('releases/1.1.0/hashes.json')).toBe(true);
    expect([...tree(scratch.root).keys()].some((path) => path.includes('.staging'))).toBe(false);
  });

  it('tells what a dry run would do and gives the change as Markdown, writing nothing', async () => {
    scratch = readyDraft();
    scratch.edit('dictionary/entities/titulaire.yaml', /(  - code: TIT_QPV\n(?:    .*\n)+?)(?=  - code:)/, '');
    scratch.edit('dictionary/entities/session.yaml', 'Nombre de places ouvertes pour la session.', 'Nombre de places ouvertes à l’inscription pour la session.');
    const before = tree(scratch.root);
    const refused = await releaseVersion(scratch.root, '1.1.0', { date: '2027-03-15', dryRun: true });
    expect(refused.ok).toBe(false);
    expect(refused.markdown).toMatchInlineSnapshot(`
      "## Dictionnaire 1.1.0 : version majeure de la version 1.0.0

      3 changements : des données valides en version 1.0.0 peuvent être refusées ; mettez à jour vos extractions et votre kit.

      **Numéro refusé** : Le numéro 1.1.0 est une version mineure de 1.0.0, mais ce changement demande une version majeure : TIT_QPV — Champ retiré « Résident d’un quartier prioritaire » (version majeure).

      ### Ruptures de compatibilité — version majeure (1)

      | Élément | Changement |
      | --- | --- |
      | \`TIT_QPV\` | Champ retiré « Résident d’un quartier prioritaire ». |

      ### Ajouts et assouplissements compatibles — version mineure (1)

      | Élément | Changement |
      | --- | --- |
      | \`TIT_IDCC\` | Nouveau champ facultatif « Convention collective de l’employeur ». |

      ### Précisions de rédaction — version corrective (1)

      | Élément | Changement |
      | --- | --- |
      | \`SES_EFFECTIF_PREVU\` | Modifié : définition. |
      "
    `);
    expect(tree(scratch.root)).toEqual(before);

    scratch.edit('dictionary/manifest.yaml', /^version: .*$/m, 'version: 2.0.0');
    scratch.edit('dictionary/entities/titulaire.yaml', 'since: 1.1.0', 'since: 2.0.0');
    const accepted = await releaseVersion(scratch.root, '2.0.0', { date: '2027-03-15', dryRun: true });
    expect(accepted.problems).toEqual([]);
    expect(accepted.report).toMatchInlineSnapshot(`
      [
        "Simulation (--dry-run) : rien n’est écrit.",
        "La publication figerait la version 2.0.0 le 2027-03-15 dans releases/2.0.0/ (24 fichiers et hashes.json), marquerait dictionary/manifest.yaml « publiée » et ajouterait la version à releases/index.yaml et à CHANGELOG.md.",
        "Par rapport à la version 1.0.0 : 3 changements, version majeure.",
        "Statuts : 2.0.0 en vigueur ; 1.0.0 dépréciée.",
        "Indiquez dans releases/index.yaml la fin de la période de transition des versions dépréciées (« until: AAAA-MM-JJ »), ou relancez avec --until.",
        "Ensuite : committer, puis git tag dictionnaire-v2.0.0.",
      ]
    `);
    expect(accepted.markdown?.split('\n').filter((line) => line.startsWith('#'))).toMatchInlineSnapshot(`
      [
        "## Dictionnaire 2.0.0 : version majeure de la version 1.0.0",
        "### Ruptures de compatibilité — version majeure (1)",
        "### Ajouts et assouplissements compatibles — version mineure (1)",
        "### Précisions de rédaction — version corrective (1)",
      ]
    `);
    expect(tree(scratch.root)).toEqual(before.set('dictionary/manifest.yaml', scratch.read('dictionary/manifest.yaml')).set('dictionary/entities/titulaire.yaml', scratch.read('dictionary/entities/titulaire.yaml')));
  });

  it('names the staging folder a killed release left, which is never read as a version', async () => {
    scratch = readyDraft();
    mkdirSync(join(scratch.root, 'releases/.staging-1.1.0/version/dictionary'), { recursive: true });
    scratch.write('releases/.staging-1.1.0/version/dictionary/manifest.yaml', scratch.read('dictionary/manifest.yaml'));
    const files = readRepositoryFiles(scratch.root);
    expect(files.releases.map((version) => version.folder)).toEqual(['releases/1.0.0']);
    const { repository } = loadRepository(files);
    expect((await verifyFrozen(scratch.root, files, repository?.published ?? [])).filter((problem) => problem.severity === 'erreur').map(formatProblem)).toMatchInlineSnapshot(`
      [
        "releases/.staging-1.1.0 — Une publication a été interrompue avant la fin et a laissé ce dossier de travail. Supprimez-le (rm -r releases/.staging-1.1.0), rétablissez ce que git status montre de modifié (git checkout -- . et git clean pour le nouveau dossier de version), puis relancez la publication.",
      ]
    `);
  });
});
