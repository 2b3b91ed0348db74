import { describe, expect, it } from 'vitest';
import { checkRecords, checkValue, compileEntity, compileField } from '../../src/core/dictionary/check-value.ts';
import { decimalPlaces, exceedsDecimals } from '../../src/core/dictionary/constraints/decimals.ts';
import { countOf } from '../../src/core/plural.ts';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import { indexDictionary, type Dictionary } from '../../src/core/dictionary/model.ts';
import { isValidSiret, isValidUai, nirKey } from '../../src/core/referentials/checksums.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';

const shipped = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
const index = indexDictionary(shipped);
const rule = (code: string) => {
  const field = index.fields.get(code);
  if (!field) throw new Error(`champ inconnu ${code}`);
  return compileField(field, index);
};
const verdict = (code: string, value: unknown) => rule(code).check(value)?.rule ?? 'valide';

/** [field, value, expected rule or « valide »]: real-shaped values, valid and invalid, for every referential. */
const table: [string, unknown, string][] = [
  // SIRET: Luhn on the SIRET and on its SIREN; La Poste (SIREN 356000000) by the digit sum, its head office by Luhn.
  ['ORG_SIRET', '73282932000074', 'valide'],
  ['ORG_SIRET', '38012986646850', 'valide'],
  ['ORG_SIRET', '01234567400019', 'valide'],
  ['ORG_SIRET', '35600000000048', 'valide'],
  ['ORG_SIRET', '35600000000001', 'valide'],
  ['ORG_SIRET', '35600000000012', 'siret.la-poste-key'],
  ['ORG_SIRET', '35600000000014', 'siret.la-poste-key'],
  ['ORG_SIRET', '12345678910006', 'siret.siren-key'],
  ['ORG_SIRET', '00000000000000', 'siret.zero'],
  ['ORG_SIRET', '73282932000075', 'siret.key'],
  ['ORG_SIRET', '732 829 320 00074', 'siret.separators'],
  ['ORG_SIRET', '1234567400019', 'siret.leading-zero'],
  ['ORG_SIRET', '7,32829E+13', 'siret.scientific'],
  ['ORG_SIRET', '732829320', 'siret.siren'],
  ['ORG_SIRET', 'SIRET inconnu', 'value.referential'],
  // NIR (13 characters in 1.0.0): months 01–12 and INSEE pseudo-months 20–42, 50–99; order 001–999; Corsica 2A/2B.
  ['TIT_NIR', '2900575123456', 'valide'],
  ['TIT_NIR', '184122A123456', 'valide'],
  ['TIT_NIR', '255112B123456', 'valide'],
  ['TIT_NIR', '1552099123456', 'valide'],
  ['TIT_NIR', '1553599123456', 'valide'],
  ['TIT_NIR', '1555099123456', 'valide'],
  ['TIT_NIR', '1844575123456', 'nir.month'],
  ['TIT_NIR', '1841375123456', 'nir.month'],
  ['TIT_NIR', '1840075123456', 'nir.month'],
  ['TIT_NIR', '1840575123000', 'nir.order'],
  ['TIT_NIR', '184057512345625', 'nir.with-key'],
  ['TIT_NIR', '184057512345626', 'nir.key'],
  ['TIT_NIR', '184122A12345697', 'nir.with-key'],
  ['TIT_NIR', '184122A12345696', 'nir.key'],
  ['TIT_NIR', '1 84 05 75 123 456', 'nir.separators'],
  ['TIT_NIR', '184122a123456', 'nir.corsica'],
  ['TIT_NIR', '184120A123456', 'nir.corsica'],
  ['TIT_NIR', '9840575123456', 'value.referential'],
  ['TIT_NIR', '18405751234', 'value.referential'],
  // UAI: 7 digits and the letter of their value modulo 23; Corsica is numbered 620…/720….
  ['ORG_UAI', '0751717J', 'valide'],
  ['ORG_UAI', '0693045K', 'valide'],
  ['ORG_UAI', '6200001G', 'valide'],
  ['ORG_UAI', '7200002P', 'valide'],
  ['ORG_UAI', '0751717K', 'uai.key'],
  ['ORG_UAI', '02A1234X', 'uai.corsica'],
  ['ORG_UAI', '0751717j', 'uai.lowercase'],
  ['ORG_UAI', '075171J', 'value.referential'],
  // Referentials checked by their pattern only.
  ['ORG_COMMUNE', '2A004', 'valide'],
  ['ORG_COMMUNE', '69123', 'valide'],
  ['ORG_COMMUNE', '2a004', 'value.referential'],
  ['ORG_COMMUNE', '6912', 'value.referential'],
  ['ORG_CODE_POSTAL', '20000', 'valide'],
  ['ORG_CODE_POSTAL', '6900', 'value.referential'],
  ['ORG_NDA', '11755555575', 'valide'],
  ['ORG_NDA', '1175555557', 'value.referential'],
  ['ACT_CODE_RNCP', 'RNCP39848', 'valide'],
  ['ACT_CODE_RNCP', 'rncp39848', 'value.referential'],
  ['ACT_CODE_RS', 'RS5210', 'valide'],
  ['ACT_CODE_RS', 'RS 5210', 'value.referential'],
  ['ACT_FORMACODE', '31686', 'valide'],
  ['ACT_FORMACODE', '3168', 'value.referential'],
  ['ACT_NSF', '251n', 'valide'],
  ['ACT_NSF', '251N', 'value.referential'],
  ['ACT_ROME_VISE', 'M1805', 'valide'],
  ['ACT_ROME_VISE', 'Z1805', 'value.referential'],
  ['TIT_PAYS_NAISSANCE', 'BE', 'valide'],
  ['TIT_PAYS_NAISSANCE', 'BEL', 'value.referential'],
];

describe('referential checks, table-driven', () => {
  it.each(table)('%s « %s » → %s', (code, value, expected) => {
    expect(verdict(code, value)).toBe(expected);
  });

  it('agree with the key functions the kit uses', () => {
    expect(isValidSiret('35600000000048')).toBe(true);
    expect(isValidSiret('35600000000012')).toBe(false);
    expect(isValidSiret('12345678910006')).toBe(false);
    expect(isValidSiret('00000000000000')).toBe(false);
    expect(isValidUai('6200001G')).toBe(true);
    expect(nirKey('184122A123456')).toBe(97);
    expect(nirKey('184122B123456')).toBe(nirKey('1841218123456'));
  });
});

describe('values of each type', () => {
  const cases: [string, unknown, string][] = [
    // Decimals are counted on the number as written: 1e-7 has seven, 0.1 + 0.2 is 0.3 to Excel's 15 digits.
    ['ACT_DUREE_TOTALE', 0.1 + 0.2, 'valide'],
    ['ACT_DUREE_TOTALE', 840.25, 'valide'],
    ['ACT_DUREE_TOTALE', 1e-7, 'value.decimals'],
    ['ACT_DUREE_TOTALE', 12.345, 'value.decimals'],
    ['ACT_DUREE_TOTALE', -1, 'value.range'],
    ['ACT_DUREE_TOTALE', '840', 'value.type'],
    ['ACT_DUREE_TOTALE', Number.NaN, 'value.type'],
    ['SES_EFFECTIF_PREVU', 15, 'valide'],
    ['SES_EFFECTIF_PREVU', 1.5, 'value.type'],
    ['SES_EFFECTIF_PREVU', -1, 'value.range'],
    // A required text of spaces only carries nothing.
    ['TIT_NOM_NAISSANCE', 'Martin', 'valide'],
    ['TIT_NOM_NAISSANCE', '   ', 'value.blank'],
    ['TIT_NOM_NAISSANCE', '\u00a0\t', 'value.blank'],
    ['TIT_NOM_NAISSANCE', 'x'.repeat(101), 'value.length'],
    ['TIT_NOM_NAISSANCE', '𝔸'.repeat(100), 'valide'],
    ['TIT_NOM_NAISSANCE', 12, 'value.type'],
    ['TIT_DATE_NAISSANCE', '1990-05-14', 'valide'],
    ['TIT_DATE_NAISSANCE', '2000-02-29', 'valide'],
    ['TIT_DATE_NAISSANCE', '1900-02-29', 'value.date'],
    ['TIT_DATE_NAISSANCE', '1990-02-30', 'value.date'],
    ['TIT_DATE_NAISSANCE', '14/05/1990', 'value.date'],
    ['TIT_DATE_NAISSANCE', '1899-12-31', 'value.range'],
    ['TIT_SEXE', '2', 'valide'],
    ['TIT_SEXE', '3', 'value.nomenclature'],
    ['TIT_SEXE', 2, 'value.type'],
    ['TIT_QPV', false, 'valide'],
    ['TIT_QPV', 'non', 'value.type'],
    ['TIT_COURRIEL', 'claire.martin@example.org', 'valide'],
    ['TIT_COURRIEL', 'jean.dupont@', 'value.pattern'],
  ];
  it.each(cases)('%s %j → %s', (code, value, expected) => {
    expect(verdict(code, value)).toBe(expected);
  });

  it('counts decimal places exactly', () => {
    expect([0.1 + 0.2, 1e-7, 1.5e-10, 12.5, 100, 1e21, -0.125, 123456.78].map(decimalPlaces)).toEqual([1, 7, 11, 1, 0, 0, 3, 2]);
  });

  it('decides « too many decimals » the same way on its fast path as by counting', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 20_000; i += 1) {
      const digits = Math.floor(random() * 6);
      const value = Math.round(random() * 10 ** (2 + digits)) / 10 ** digits + (i % 7 === 0 ? 0.1 + 0.2 - 0.3 : 0) * (i % 3);
      for (let decimals = 0; decimals <= 4; decimals += 1) expect(exceedsDecimals(value, decimals)).toBe(decimalPlaces(value) > decimals);
    }
  });

  it('writes French plurals, never « (s) »', () => {
    expect([0, 1, 2, 1000].map((n) => countOf(n, 'décimale', 'décimales'))).toEqual(['0 décimale', '1 décimale', '2 décimales', '1\u202f000 décimales']);
    const messages = [rule('ACT_DUREE_TOTALE').check(1.234), rule('TIT_NOM_NAISSANCE').check('x'.repeat(101))].map((issue) => `${issue?.message} ${issue?.fix}`);
    expect(messages).toMatchInlineSnapshot(`
      [
        "La valeur a plus de 2 décimales. Arrondissez à 2 décimales.",
        "La valeur dépasse 100 caractères. Raccourcissez-la à 100 caractères au plus.",
      ]
    `);
    expect(messages.join(' ')).not.toContain('(s)');
  });

  it('never quotes the value in a finding: reports show it apart, masked when personal', () => {
    for (const [code, value] of [...table, ...cases]) {
      const issue = rule(code).check(value);
      if (issue && typeof value === 'string' && value.trim().length > 3) expect(`${issue.message} ${issue.fix}`).not.toContain(value);
    }
  });

  it('is what checkValue, the lint and the kit call', () => {
    expect(checkValue(index.fields.get('ORG_SIRET')!, '35600000000048', index)).toEqual([]);
    expect(checkValue(index.fields.get('ORG_SIRET')!, '35600000000012', index).map((issue) => issue.rule)).toEqual(['siret.la-poste-key']);
  });
});

describe('rules between the fields of a record and between records', () => {
  const fixture = loadDictionary(readDictionaryFiles('tests/fixtures/dictionary/rules-valid')).dictionary as Dictionary;
  const rules = compileEntity(fixture.entities[0]!, indexDictionary(fixture));
  const base = { INS_IDENTIFIANT: 'INS-1', INS_SIRET: '73282932000074', INS_STATUT: 'SORTI', INS_DATE_ENTREE: '2025-09-01', INS_DATE_SORTIE: '2026-03-27' };

  it('accepts complete, ordered, distinct records', () => {
    expect(checkRecords(rules, [base, { ...base, INS_IDENTIFIANT: 'INS-2' }, { ...base, INS_IDENTIFIANT: 'INS-3', INS_STATUT: 'INSCRIT', INS_DATE_ENTREE: undefined, INS_DATE_SORTIE: undefined }])).toEqual([]);
  });

  it('reports a missing value, a condition, a date before its predecessor and a duplicate key, each once', () => {
    const found = checkRecords(rules, [
      { ...base, INS_SIRET: undefined },
      { ...base, INS_IDENTIFIANT: 'INS-2', INS_DATE_SORTIE: undefined },
      { ...base, INS_IDENTIFIANT: 'INS-3', INS_DATE_SORTIE: '2025-08-31' },
      { ...base, INS_IDENTIFIANT: 'INS-3' },
      // A date that is not a date is reported by its own check only, not compared.
      { ...base, INS_IDENTIFIANT: 'INS-5', INS_DATE_ENTREE: '2025-13-01' },
    ]);
    expect(found.map(({ record, field, issue }) => `${record} ${field} ${issue.rule} — ${issue.message}`)).toMatchInlineSnapshot(`
      [
        "0 INS_SIRET record.required — Valeur manquante : ce champ est obligatoire.",
        "1 INS_DATE_SORTIE record.required-when — Valeur manquante : le champ est obligatoire quand Statut (INS_STATUT) vaut « SORTI ».",
        "2 INS_DATE_SORTIE record.not-before — La date précède celle du champ Date d’entrée (INS_DATE_ENTREE) sur la même ligne.",
        "3 INS_IDENTIFIANT record.duplicate-key — Cet enregistrement a la même clé (INS_IDENTIFIANT + INS_SIRET) qu’une ligne précédente.",
        "4 INS_DATE_ENTREE value.date — La valeur n’est pas une date réelle au format AAAA-MM-JJ.",
      ]
    `);
  });
});
