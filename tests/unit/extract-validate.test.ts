import { describe, expect, it, vi } from 'vitest';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import type { Dictionary } from '../../src/core/dictionary/model.ts';
import { matchHeaders } from '../../src/core/extract/mapping.ts';
import { maskValue } from '../../src/core/mask.ts';
import { openExtract } from '../../src/core/extract/source.ts';
import { validateExtract } from '../../src/core/extract/validate.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { csvBytes, csvText, sampleTable, windows1252, xlsxBytes, type Table } from '../fixtures/extract/files.ts';
import { plants, type Plant } from '../fixtures/extract/plants.ts';
import { runExtract } from '../fixtures/extract/run.ts';

const load = (root: string) => loadDictionary(readDictionaryFiles(root)).dictionary as Dictionary;
const shipped = load(process.cwd());
const rulesFixture = load('tests/fixtures/dictionary/rules-valid');

const formats = [
  ['CSV', (table: Table) => csvBytes(table), 'extrait.csv'],
  ['xlsx', (table: Table) => xlsxBytes(table), 'extrait.xlsx'],
] as const;

describe('a valid extract of each entity', () => {
  const cases = formats.flatMap(([format, write, name]) => shipped.entities.map((entity) => [`${entity.id} en ${format}`, entity.id, write, name] as const));
  it.each(cases)('validates clean: %s', async (_, entityId, write, name) => {
    const table = sampleTable(shipped, entityId, 300, 7);
    const { report } = await runExtract(write(table), name, shipped);
    expect(report.entity).toBe(entityId);
    expect(report.rows).toBe(300);
    expect([...report.fileIssues, ...report.issues].map((issue) => `${issue.place} ${issue.rule} ${issue.message}`)).toEqual([]);
    expect(report.verdict).toBe('conforme');
    expect(report.columns.map((column) => column.field)).toEqual(table[0]);
  });

  it('validates clean with the cross-field rules of a dictionary that has them', async () => {
    const { report } = await runExtract(csvBytes(sampleTable(rulesFixture, 'inscription', 500)), 'inscriptions.csv', rulesFixture);
    expect(report.issues).toEqual([]);
    expect(report.verdict).toBe('conforme');
  });
});

/** The sample table of an entity with the plants applied; the expected issues as « cellule règle ». */
function planted(dictionary: Dictionary, entityId: string, list: readonly Plant[]): { table: string[][]; expected: string[] } {
  const table = sampleTable(dictionary, entityId, 40, 3);
  const header = table[0]!;
  const expected = list.map(([, row, code, value, rule]) => {
    const column = header.indexOf(code);
    table[row + 1]![column] = value;
    return `${String.fromCharCode(65 + column)}${row + 2} ${code} ${rule}`;
  });
  return { table, expected };
}

describe('an extract with planted errors', () => {
  const entities = [...new Set(plants.map(([entity]) => entity))];
  const cases = formats.flatMap(([format, write, name]) => entities.map((entity) => [`${entity} en ${format}`, entity, write, name] as const));

  it.each(cases)('reports each at its row and column, and nothing else: %s', async (_, entityId, write, name) => {
    const { table, expected } = planted(shipped, entityId, plants.filter(([entity]) => entity === entityId));
    const { report } = await runExtract(write(table), name, shipped);
    expect(report.issues.map((issue) => `${issue.place} ${issue.field} ${issue.rule}`)).toEqual(expected);
    expect(report.fileIssues).toEqual([]);
  });

  it('reports the rules between fields and records at their row', async () => {
    const table = sampleTable(rulesFixture, 'inscription', 20, 5);
    const header = table[0]!;
    const at = (code: string) => header.indexOf(code);
    // Row 2: a condition that requires the exit date; row 3: an exit before the entry; row 5 repeats row 4's key.
    table[1]![at('INS_STATUT')] = 'SORTI';
    table[1]![at('INS_DATE_ENTREE')] = '2025-09-01';
    table[1]![at('INS_DATE_SORTIE')] = '';
    table[2]![at('INS_STATUT')] = 'SORTI';
    table[2]![at('INS_DATE_ENTREE')] = '2025-09-01';
    table[2]![at('INS_DATE_SORTIE')] = '2025-08-31';
    table[4]![at('INS_IDENTIFIANT')] = table[3]![at('INS_IDENTIFIANT')]!;
    table[4]![at('INS_SIRET')] = table[3]![at('INS_SIRET')]!;
    const { report } = await runExtract(csvBytes(table), 'inscriptions.csv', rulesFixture);
    const letter = (code: string) => String.fromCharCode(65 + at(code));
    expect(report.issues.map((issue) => `${issue.place} ${issue.rule}`)).toEqual([`${letter('INS_DATE_SORTIE')}2 record.required-when`, `${letter('INS_DATE_SORTIE')}3 record.not-before`, `${letter('INS_IDENTIFIANT')}5 record.duplicate-key`]);
    expect(report.issues[2]?.message).toContain('Première occurrence : ligne 4.');
  });

  it('counts per column: rows in error, kinds with their first rows', async () => {
    const { table } = planted(shipped, 'titulaire', plants.filter(([entity]) => entity === 'titulaire'));
    const { report } = await runExtract(csvBytes(table), 'titulaires.csv', shipped);
    const nir = report.columns.find((column) => column.field === 'TIT_NIR')!;
    expect(nir.invalid).toBe(3);
    expect(nir.kinds.map((kind) => `${kind.rule} ×${kind.count} lignes ${kind.rows.join(',')}`)).toEqual(['nir.month ×1 lignes 2', 'nir.order ×1 lignes 3', 'nir.with-key ×1 lignes 4']);
    expect(report.counts).toEqual({ erreur: 15, avertissement: 1, information: 0 });
    expect(report.verdict).toBe('a-corriger');
  });

  it('names the closest code, by code or by label, in the fix', async () => {
    const { table } = planted(shipped, 'dossier', plants.filter(([entity]) => entity === 'dossier'));
    const { report } = await runExtract(csvBytes(table), 'dossiers.csv', shipped);
    expect(report.issues.find((issue) => issue.rule === 'value.nomenclature')?.fix).toBe('Choisissez un code de la liste publiée avec le dictionnaire. Vouliez-vous dire « EN_FORMATION » ?');
  });

  it('lists missing required columns once, not on every row', async () => {
    const sample = sampleTable(shipped, 'titulaire', 50);
    const column = sample[0]!.indexOf('TIT_NOM_NAISSANCE');
    const table = sample.map((row) => row.filter((_, i) => i !== column));
    const { report } = await runExtract(csvBytes(table), 'sans-nom.csv', shipped);
    expect(report.issues).toEqual([]);
    expect(report.fileIssues.map((issue) => `${issue.severity} ${issue.field}`)).toEqual(['erreur TIT_NOM_NAISSANCE']);
  });
});

describe('a Windows-1252 CSV with « ; » and accents, as French Excel saves it', () => {
  it('is decoded, its headers (labels with accents) mapped, its values read with their accents', async () => {
    const fields = shipped.entities.find((e) => e.id === 'titulaire')!.fields;
    const table = sampleTable(shipped, 'titulaire', 12, 9);
    table[0] = fields.map((field) => field.label.toUpperCase().replaceAll('É', 'E'));
    const prenoms = fields.findIndex((f) => f.code === 'TIT_PRENOMS');
    const nom = fields.findIndex((f) => f.code === 'TIT_NOM_NAISSANCE');
    const sexe = fields.findIndex((f) => f.code === 'TIT_SEXE');
    table[1]![prenoms] = 'Hélène Zoé';
    table[1]![nom] = 'Lefèvre-Cœur d’Aÿ';
    table[2]![sexe] = 'Féminin';
    const { report, preview, columns } = await runExtract(windows1252(csvText(table)), 'titulaires ANSI.csv', shipped);
    expect(preview.readAs).toBe('CSV, Windows-1252 (ANSI), séparateur point-virgule');
    expect(columns.map((column) => column.field)).toEqual(fields.map((f) => f.code));
    expect(report.issues.map((issue) => `${issue.place} ${issue.value} ${issue.fix}`)).toEqual([
      `${String.fromCharCode(65 + sexe)}3 Féminin Choisissez un code de la liste publiée avec le dictionnaire. Vouliez-vous dire « 2 » ?`,
    ]);
  });
});

describe('personal values', () => {
  it('are kept as found for the page, which masks them, and masked in the CSV export', async () => {
    const table = sampleTable(shipped, 'dossier', 10, 4).slice(0, 1);
    const titulaires = sampleTable(shipped, 'titulaire', 10, 4);
    const at = (code: string) => titulaires[0]!.indexOf(code);
    titulaires[1]![at('TIT_NIR')] = '1844575123456';
    titulaires[2]![at('TIT_DATE_NAISSANCE')] = '1990-02-30';
    titulaires[3]![at('TIT_NOM_NAISSANCE')] = 'x'.repeat(101);
    titulaires[4]![at('TIT_RQTH')] = 'peut-être';
    const { report, csv } = await runExtract(csvBytes(titulaires), 'titulaires.csv', shipped);
    expect(table).toHaveLength(1);
    expect(report.issues.map((issue) => [issue.value, issue.mask, maskValue(issue.mask ?? 'none', issue.value ?? '')])).toEqual([
      ['1844575123456', 'nir', '1 84 45 ••• ••• ••• ••'],
      ['1990-02-30', 'date', '1990-••-••'],
      ['x'.repeat(101), 'text', 'x•••'],
      ['peut-être', 'hidden', '•••'],
    ]);
    for (const raw of ['1844575123456', '1990-02-30', 'x'.repeat(101), 'peut-être']) expect(csv).not.toContain(raw);
    expect(csv).toContain('1 84 45 ••• ••• ••• ••');
    expect(csv.split('\r\n')[0]).toBe('\ufeffligne;cellule;en-tête de colonne;code du champ;gravité;valeur trouvée (masquée si personnelle);problème;comment corriger;règle');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(5);
  });
});

describe('progress during a run', () => {
  it('is told from the reader at most twice a second of the run, in data rows, and ends with them all', async () => {
    const table = sampleTable(shipped, 'dossier', 20_000, 3);
    const blob = new Blob([csvBytes(table) as Uint8Array<ArrayBuffer>]);
    const source = await openExtract(blob, 'extrait.csv');
    const preview = await source.preview(undefined, shipped.entities);
    const entity = shipped.entities.find((e) => e.id === 'dossier') as Dictionary['entities'][number];
    // A clock that moves 100 ms each time it is read: a small file spans many seconds of the run.
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 100));
    const told: { at: number; rows: number; fraction: number }[] = [];
    try {
      const report = await validateExtract(source, { dictionary: shipped, entityId: 'dossier', columns: matchHeaders(preview.headers, entity), preview }, { onProgress: (progress) => told.push({ at: clock, ...progress }) });
      expect(report.rows).toBe(20_000);
      const during = told.slice(0, -1);
      expect(during.length).toBeGreaterThan(1);
      for (let i = 1; i < during.length; i += 1) expect(during[i]!.at - during[i - 1]!.at).toBeGreaterThanOrEqual(500);
      for (let i = 1; i < told.length; i += 1) expect(told[i]!.rows).toBeGreaterThanOrEqual(told[i - 1]!.rows);
      expect(told.at(-1)).toMatchObject({ rows: 20_000, fraction: 1 });
    } finally {
      now.mockRestore();
    }
  });
});
