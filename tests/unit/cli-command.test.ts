import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inForce } from '../../src/core/dictionary/statuses.ts';
import { workbookKinds, workbookShapes } from '../../src/core/workbooks.ts';
import { COMMAND, helpText, run, type Io } from '../../src/node/cli/main.ts';
import type { Report } from '../../src/node/cli/report.ts';
import { natures, type Catalogue } from '../../src/node/cli/verify.ts';
import { readRepository } from '../../src/node/releases.ts';
import { csvText, sampleTable } from '../fixtures/extract/files.ts';
import { badFiles } from '../fixtures/kit/files.ts';
import { writeCommandSamples } from '../fixtures/node/cli-files.ts';
import { runCommand } from '../fixtures/node/command.ts';

/**
 * The command's contract with a pipeline: exit codes, streams, options, and no file written but those
 * asked for. Most calls run in this process (`run`, the function the entry calls); the process itself is
 * spawned where its exit code and streams are the point.
 */
const published = readRepository(process.cwd()).repository?.published ?? [];
const catalogue: Catalogue = { published };
const inForceVersion = inForce(published)?.dictionary.manifest.version;
const folder = mkdtempSync(join(tmpdir(), 'agora-cli-'));
const inputs = join(folder, 'entrees');
const outputs = join(folder, 'sorties');

async function call(args: string[], options: { tty?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), stderrIsTTY: options.tty ?? false, cwd: inputs };
  const code = await run(args, io, catalogue);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Report };
}

/** Every file under a folder with its size and modification time: what « nothing written » compares. */
const snapshot = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort().map((name) => `${name} ${statSync(join(dir, name)).size} ${statSync(join(dir, name)).mtimeMs}`);

let kitPlanted = '';
beforeAll(async () => {
  mkdirSync(inputs);
  ({ kitPlanted } = await writeCommandSamples(inputs, inForce(published)!.dictionary));
}, 120_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('agora-verifier', () => {
  it('checks the kinds of workbook src/core/workbooks.ts knows, each with the declaration of its own shape', async () => {
    for (const kind of workbookKinds) {
      const declaration = await kind.declaration();
      expect(declaration.names).toBe(kind.shape.names);
      expect(declaration.sheets).toEqual(kind.shape.sheets);
    }
    expect(natures).toEqual([...workbookShapes.map((shape) => shape.names.slug), 'extrait']);
  });

  it('documents every option in its French help, and exits 0', async () => {
    const { code, stdout } = await call(['--aide']);
    expect(code).toBe(0);
    expect(stdout).toBe(helpText(catalogue));
    for (const option of ['--format', '--sortie', '--dictionnaire', '--versions', '--nature', '--entite', '--feuille', '--correspondance', '--recu', '--copie-annotee', '--sans-masquage', '--aide', '--help']) expect(stdout).toContain(option);
    expect(stdout).toContain(`version en vigueur,\n${' '.repeat(33)}${inForceVersion}`);
    for (const exit of ['0  conforme', '1  à corriger', '2  illisible']) expect(stdout).toContain(exit);
    expect((await call(['-h'])).stdout).toBe(stdout);
    expect((await call(['--help'])).stdout).toBe(stdout);
  });

  it('lists the versions it embeds, the one in force marked as the default', async () => {
    const { stdout } = await call(['--versions']);
    expect(stdout.trim().split('\n').map((line) => line.split('\t')[0])).toEqual(published.map(({ dictionary }) => dictionary.manifest.version));
    expect(stdout).toContain(`${inForceVersion}\ten vigueur\tpar défaut`);
  });

  it('exits 0 for conforming files, 1 when one is to correct, 2 when one cannot be read', async () => {
    expect((await call(['kit-valide.xlsx', 'etat-valide.xlsx', 'titulaire-valide.csv'])).code).toBe(0);
    expect((await call(['kit-valide.xlsx', kitPlanted])).code).toBe(1);
    expect((await call(['titulaire-plante.csv'])).code).toBe(1);
    const missing = await call(['--format', 'json', 'kit-valide.xlsx', 'absent.xlsx', kitPlanted]);
    expect(missing.code).toBe(2);
    expect(missing.json().fichiers.map((entry) => entry.codeSortie)).toEqual([0, 2, 1]);
    expect(missing.json().fichiers[1]?.constats[0]?.message).toBe('Le fichier « absent.xlsx » est introuvable.');
  });

  // A CSV is an extract to the command, as to the extract page: the kit's answers exported as CSV are checked as one.
  const notChecked = (Object.keys(badFiles) as (keyof typeof badFiles)[]).filter((kind) => kind !== 'CSV export');
  it.each(notChecked)('exits 2 for a file that is not one it checks, saying why in French: %s', async (kind) => {
    const { name, bytes } = badFiles[kind](() => readFileSync(join(inputs, 'kit-valide.xlsx')));
    const path = join(inputs, 'mauvais', name);
    mkdirSync(join(inputs, 'mauvais'), { recursive: true });
    writeFileSync(path, bytes);
    const result = await call(['--format', 'json', `mauvais/${name}`]);
    rmSync(path);
    expect(result.code).toBe(2);
    const [entry] = result.json().fichiers;
    expect(entry?.codeSortie).toBe(2);
    expect(entry?.constats[0]?.message).toMatch(/\p{L}/u);
    expect(entry?.constats[0]?.correction ?? '').not.toBe('');
  });

  it.each([
    [['--inconnue', 'kit-valide.xlsx'], 'option inconnue --inconnue.'],
    [[], 'aucun fichier à vérifier.'],
    [['--format', 'xml', 'kit-valide.xlsx'], 'format inconnu « xml »'],
    [['--nature', 'classeur', 'kit-valide.xlsx'], 'nature inconnue « classeur »'],
    [['--dictionnaire', '0.0.1', 'titulaire-valide.csv'], 'la version 0.0.1 du dictionnaire est inconnue'],
    [['--format', 'csv', 'kit-valide.xlsx', 'etat-valide.xlsx'], 'le format csv est le rapport d’un seul fichier'],
    [['--correspondance', 'absente.json', 'titulaire-valide.csv'], 'le fichier de correspondance'],
  ])('exits 2 on a wrong call, told on stderr in French: %j', async (args, message) => {
    const result = await call(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.replace(/[\u202f\u00a0]/g, ' ')).toContain(message);
    expect(result.stderr).toContain(`Voir ${COMMAND} --aide.`);
  });

  it('as a process: results on stdout, nothing on stderr when it is not a terminal, the exit code of the worst file', () => {
    const planted = runCommand(['--format', 'json', 'titulaire-plante.csv'], { cwd: inputs });
    expect(planted.status).toBe(1);
    expect(planted.stderr).toBe('');
    expect((JSON.parse(planted.stdout) as Report).fichiers[0]?.verdict).toBe('a-corriger');
    const wrong = runCommand(['--inconnue'], { cwd: inputs });
    expect(wrong.status).toBe(2);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toContain('option inconnue');
  });

  it('runs from a clone as `npx agora-verifier`, the bin package.json declares', () => {
    const bin = (JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string> }).bin;
    expect(Object.keys(bin)).toEqual([COMMAND]);
    const npx = spawnSync('npx', ['--offline', COMMAND, '--versions'], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' } });
    expect(npx.stderr).toBe('');
    expect(npx.status).toBe(0);
    expect(npx.stdout.trim().split('\n').map((line) => line.split('\t')[0])).toEqual(published.map(({ dictionary }) => dictionary.manifest.version));
  });

  it('shows progress on stderr only when stderr is a terminal', async () => {
    const quiet = await call(['titulaire-plante.csv', kitPlanted]);
    expect(quiet.stderr).toBe('');
    const shown = await call(['titulaire-plante.csv', kitPlanted], { tty: true });
    expect(shown.stdout).toBe(quiet.stdout);
    expect(shown.stderr.replace(/[\u202f\u00a0]/g, ' ')).toMatch(/titulaire-plante\.csv : [\d ]+ lignes, \d+ %, [\d ]+ lignes\/s/);
    expect(shown.stderr).toContain(`${kitPlanted}\u00a0: Structure du classeur (50\u202f%)`);
    // An .xlsx extract is streamed at once: the workbook reader, which parses a file whole, does not read it first.
    const extract = await call(['titulaire-plante.xlsx'], { tty: true });
    expect(extract.stderr).toMatch(/lignes\/s/);
    expect(extract.stderr).not.toContain('Lecture du fichier');
  });

  it('masks personal values by default, as the page does, and shows them with --sans-masquage', async () => {
    const masked = (await call(['--format', 'json', 'titulaire-plante.csv'])).json();
    const revealed = (await call(['--format', 'json', '--sans-masquage', 'titulaire-plante.csv'])).json();
    const nir = (report: Report) => report.fichiers[0]?.constats.find((finding) => finding.champ === 'TIT_NIR')?.valeur;
    expect(masked.masquage).toBe(true);
    expect(nir(masked)).toMatch(/•••/);
    expect(revealed.masquage).toBe(false);
    expect(nir(revealed)).toMatch(/^\d{13,15}$/);
    expect((await call(['titulaire-plante.csv'])).stdout).not.toContain(nir(revealed));
  });

  it('checks an extract against the version asked for', async () => {
    const oldest = published.at(-1)!.dictionary.manifest.version;
    const report = (await call(['--format', 'json', '--dictionnaire', oldest, 'titulaire-valide.csv'])).json();
    expect(report.fichiers[0]?.versionDictionnaire).toBe(oldest);
  });

  it('maps renamed columns from a mapping file, to the same findings as the original headers', async () => {
    const dictionary = inForce(published)!.dictionary;
    const table = sampleTable(dictionary, 'titulaire', 20, 3);
    const header = table[0]!;
    table[4]![header.indexOf('TIT_DATE_NAISSANCE')] = '1990-02-30';
    writeFileSync(join(inputs, 'original.csv'), csvText(table));
    const renamed = [header.map((code, i) => (i < 3 ? `Colonne ${i + 1}` : code)), ...table.slice(1)];
    writeFileSync(join(inputs, 'renomme.csv'), csvText(renamed));
    writeFileSync(join(inputs, 'correspondance.json'), JSON.stringify({ entite: 'titulaire', colonnes: Object.fromEntries(header.slice(0, 3).map((code, i) => [`Colonne ${i + 1}`, code])) }));
    const findings = (report: Report) => report.fichiers[0]?.constats.map(({ regle, emplacement, champ }) => `${emplacement} ${champ} ${regle}`);
    const original = (await call(['--format', 'json', 'original.csv'])).json();
    const mapped = (await call(['--format', 'json', '--correspondance', 'correspondance.json', 'renomme.csv'])).json();
    expect(findings(mapped)).toEqual(findings(original));
    expect(findings(original)).toContain(`${String.fromCharCode(65 + header.indexOf('TIT_DATE_NAISSANCE'))}5 TIT_DATE_NAISSANCE value.date`);
    writeFileSync(join(inputs, 'faux.json'), JSON.stringify({ colonnes: { 'Colonne inexistante': 'TIT_NIR' } }));
    const wrong = await call(['--format', 'json', '--correspondance', 'faux.json', 'renomme.csv']);
    expect(wrong.code).toBe(2);
    expect(wrong.json().fichiers[0]?.constats[0]?.message).toContain('« Colonne inexistante »');
  });

  it('writes the CSV to --sortie whole, as it streams it to stdout, and leaves no partial file', async () => {
    const streamed = await call(['--format', 'csv', 'titulaire-plante.csv']);
    mkdirSync(join(outputs, 'csv'), { recursive: true });
    const target = join(outputs, 'csv', 'problemes.csv');
    const written = await call(['--format', 'csv', '--sortie', target, 'titulaire-plante.csv']);
    expect(written.code).toBe(1);
    expect(written.stdout).toBe('');
    expect(readFileSync(target, 'utf8')).toBe(streamed.stdout);
    expect(streamed.stdout.split('\n')[0]).toContain('ligne;cellule');
    expect(readdirSync(join(outputs, 'csv'))).toEqual(['problemes.csv']);
    const unreadable = await call(['--format', 'csv', '--sortie', join(outputs, 'csv', 'absent.csv'), 'absent.xlsx']);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain('absent.xlsx');
    expect(readdirSync(join(outputs, 'csv'))).toEqual(['problemes.csv']);
  });

  it('never writes next to the files it checks; writes the report, receipts and annotated copies only where asked', async () => {
    const before = snapshot(inputs);
    for (const format of ['texte', 'json', 'csv']) await call(['--format', format, kitPlanted]);
    const result = await call(['--format', 'json', '--sortie', join(outputs, 'rapport.json'), '--recu', join(outputs, 'recus'), '--copie-annotee', join(outputs, 'copies'), kitPlanted, 'titulaire-plante.csv']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(snapshot(inputs)).toEqual(before);
    const base = kitPlanted.replace(/\.xlsx$/, '');
    expect(readdirSync(join(outputs, 'recus')).sort()).toEqual([`${base}-recu.json`, 'titulaire-plante-recu.json']);
    const report = JSON.parse(readFileSync(join(outputs, 'rapport.json'), 'utf8')) as Report;
    expect(JSON.parse(readFileSync(join(outputs, 'recus', 'titulaire-plante-recu.json'), 'utf8'))).toEqual(report.fichiers[1]?.recu);
    const [copy] = readdirSync(join(outputs, 'copies'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(join(outputs, 'copies', copy!)).buffer as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toContain('Rapport');
  });
});
