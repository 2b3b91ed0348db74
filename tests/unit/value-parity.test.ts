import { beforeAll, describe, expect, it } from 'vitest';
import { buildEtatTemplate, buildKitTemplate } from '../../src/core/artefacts/templates.ts';
import { checkValue } from '../../src/core/dictionary/check-value.ts';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import { indexDictionary } from '../../src/core/dictionary/model.ts';
import { etatSheets } from '../../src/core/etat-des-lieux/layout.ts';
import { validateEtat } from '../../src/core/etat-des-lieux/validate.ts';
import { sheetNames } from '../../src/core/kit/layout.ts';
import { validateKit } from '../../src/core/kit/validate.ts';
import type { Finding, Problem } from '../../src/core/problems.ts';
import { workbookShapes } from '../../src/core/workbooks.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { fillValidEtat, plantEtat, sheetOf } from '../fixtures/etat-des-lieux/fill.ts';
import { csvBytes, sampleTable } from '../fixtures/extract/files.ts';
import { runExtract } from '../fixtures/extract/run.ts';
import { frozenDictionary } from '../fixtures/kit/dictionary.ts';
import { fillValidKit, plant, sheet } from '../fixtures/kit/fill.ts';

/**
 * Issue 16, point 1: one value engine. The same value, typed in a kit, an état des lieux, an extract or
 * given as a dictionary example, gets the same finding — rule, severity, message and fix — or none
 * anywhere. Every SIRET, NIR, UAI, date and e-mail variant the suites know, valid and invalid.
 */
const dictionary = frozenDictionary;
const index = indexDictionary(dictionary);
const now = new Date(Date.UTC(2026, 10, 25));
const options = { dictionaries: [dictionary], now, known: workbookShapes };
type Seen = Pick<Finding, 'rule' | 'severity' | 'message' | 'fix'> | undefined;
const seen = (found: readonly Problem[]): Seen[] => found.map(({ rule, severity, message, fix = '' }) => ({ rule, severity, message, fix }));
const engine = (code: string, value: string): Seen[] => checkValue(index.fields.get(code)!, value, index);

const siretValues = ['73282932000074', '732.829.320.00017', '732 829 320 00074', '55658505644848', '73282932000075', '12345678910006', '00000000000000', '35600000000012', '35600000000048', '35600000000014', '7,32829E+13', '732829320', '1234567400019', '73282900000000', '7328293200007', 'ABC', '#N/A'];
const nirValues = ['1850775123456', '2900575123456', '1851375123456', '1850700000123', '185077512345678', '1 85 07 75 123 456', '185072a123456', '1850775'];
const uaiValues = ['0751717J', '0751717K', '0751717j', '02A1234B', '075171'];
const dateValues = ['2026-06-30', '2025-02-30', '2025-13-01', '2024-02-29', '2023-02-29', 'pas une date'];
const emailValues = ['camille.martin@exemple.fr', 'camille.martin@exemple', 'camille martin@exemple.fr', 'sans-arobase.fr'];

let kit: Uint8Array;
let etat: Uint8Array;
beforeAll(async () => {
  kit = await fillValidKit(await buildKitTemplate(dictionary));
  etat = await fillValidEtat(await buildEtatTemplate(dictionary));
});

/** The extract path: one CSV of the entity, the value on row i + 2 of the column; findings by row. */
async function extractFindings(entity: string, code: string, values: readonly string[]): Promise<Seen[][]> {
  const [header, ...rows] = sampleTable(dictionary, entity, values.length, 7);
  const column = header!.indexOf(code);
  values.forEach((value, i) => (rows[i]![column] = value));
  const { report } = await runExtract(csvBytes([header!, ...rows]), 'extrait.csv', dictionary, entity);
  return values.map((_, i) => seen(report.issues.filter((issue) => issue.row === i + 2 && issue.column === column)));
}

/** The lint path: the value as the field's example in a copy of the dictionary; the lint quotes the engine's message. */
function lintFindings(code: string, value: string): string[] {
  const files = readDictionaryFiles(`${process.cwd()}/releases/1.0.0`, process.cwd()).map((file) => {
    const at = file.text.indexOf(`  - code: ${code}\n`);
    if (at < 0) return file;
    const example = file.text.indexOf('    example: ', at);
    const end = file.text.indexOf('\n', example);
    return { ...file, text: `${file.text.slice(0, example)}    example: ${JSON.stringify(value)}${file.text.slice(end)}` };
  });
  return loadDictionary(files).problems.filter((problem) => problem.rule.endsWith('invalid-example') && problem.subject?.includes(code)).map((problem) => problem.message);
}

const lowerFirst = (text: string) => `${text[0]?.toLowerCase() ?? ''}${text.slice(1)}`;

function expectLintAgrees(code: string, value: string, expected: Seen[]) {
  const lint = lintFindings(code, value);
  expect(lint.length, `lint of ${value}`).toBe(expected.length);
  expected.forEach((finding, i) => expect(lint[i]).toContain(lowerFirst(finding?.message ?? '')));
}

describe('one finding per value on every path', () => {
  it('SIRET: Partenaire!B3 of a kit and of an état des lieux, ORG_SIRET of an extract, the example of ORG_SIRET', async () => {
    const extract = await extractFindings('organisme', 'ORG_SIRET', siretValues);
    for (const [i, value] of siretValues.entries()) {
      const expected = engine('ORG_SIRET', value);
      const kitReport = await validateKit(await plant(kit, (w) => (sheet(w, sheetNames.partner).getCell('B3').value = value)), 'kit.xlsx', options);
      const etatReport = await validateEtat(await plantEtat(etat, (w) => (sheetOf(w, etatSheets.partner).getCell('B3').value = value)), 'etat.xlsx', options);
      const inKit = seen(kitReport.issues.filter((issue) => issue.place === 'Partenaire!B3'));
      const inEtat = seen(etatReport.issues.filter((issue) => issue.place === 'Partenaire!B3'));
      expect({ value, kit: inKit, etat: inEtat, extract: extract[i] }).toEqual({ value, kit: expected, etat: expected, extract: expected });
      if (!value.startsWith('#')) expectLintAgrees('ORG_SIRET', value, expected);
    }
  });

  it('the two SIRET cases of issue 16: one severity, one message, one rule id; the SIREN case names the SIREN', () => {
    expect(engine('ORG_SIRET', '732.829.320.00017')).toMatchObject([{ rule: 'siret.separators', severity: 'erreur' }]);
    const [siren] = engine('ORG_SIRET', '55658505644848');
    expect(siren).toMatchObject({ rule: 'siret.siren-key', severity: 'erreur' });
    expect(siren?.message).toContain('SIREN');
  });

  it('dates: Partenaire!B7 of a kit and of an état des lieux, ORG_DATE_FIN_QUALIOPI of an extract, its example', async () => {
    const extract = await extractFindings('organisme', 'ORG_DATE_FIN_QUALIOPI', dateValues);
    for (const [i, value] of dateValues.entries()) {
      const expected = engine('ORG_DATE_FIN_QUALIOPI', value);
      const kitReport = await validateKit(await plant(kit, (w) => (sheet(w, sheetNames.partner).getCell('B7').value = value)), 'kit.xlsx', options);
      const etatReport = await validateEtat(await plantEtat(etat, (w) => (sheetOf(w, etatSheets.partner).getCell('B7').value = value)), 'etat.xlsx', options);
      const valueFindings = (issues: readonly Problem[]) => seen(issues.filter((issue) => issue.place === 'Partenaire!B7' && !issue.rule.endsWith('date-improbable')));
      expect({ value, kit: valueFindings(kitReport.issues), etat: valueFindings(etatReport.issues), extract: extract[i] }).toEqual({ value, kit: expected, etat: expected, extract: expected });
      expectLintAgrees('ORG_DATE_FIN_QUALIOPI', value, expected);
    }
  });

  it('e-mails: Partenaire!B6 of a kit and of an état des lieux, ORG_COURRIEL of an extract, its example', async () => {
    const extract = await extractFindings('organisme', 'ORG_COURRIEL', emailValues);
    for (const [i, value] of emailValues.entries()) {
      const expected = engine('ORG_COURRIEL', value);
      const kitReport = await validateKit(await plant(kit, (w) => (sheet(w, sheetNames.partner).getCell('B6').value = value)), 'kit.xlsx', options);
      const etatReport = await validateEtat(await plantEtat(etat, (w) => (sheetOf(w, etatSheets.partner).getCell('B6').value = value)), 'etat.xlsx', options);
      const at = (issues: readonly Problem[]) => seen(issues.filter((issue) => issue.place === 'Partenaire!B6'));
      expect({ value, kit: at(kitReport.issues), etat: at(etatReport.issues), extract: extract[i] }).toEqual({ value, kit: expected, etat: expected, extract: expected });
      expectLintAgrees('ORG_COURRIEL', value, expected);
    }
  });

  it('NIR and UAI: an extract and the lint say what the engine says', async () => {
    const nirField = [...index.fields.values()].find((field) => field.binding && 'referential' in field.binding && field.binding.referential === 'nir')!;
    const uaiField = [...index.fields.values()].find((field) => field.binding && 'referential' in field.binding && field.binding.referential === 'uai')!;
    const entityOf = (code: string) => dictionary.entities.find((entity) => entity.fields.some((field) => field.code === code))!.id;
    for (const [field, values] of [[nirField, nirValues], [uaiField, uaiValues]] as const) {
      const extract = await extractFindings(entityOf(field.code), field.code, values);
      for (const [i, value] of values.entries()) {
        const expected = engine(field.code, value);
        expect({ value, extract: extract[i] }).toEqual({ value, extract: expected });
        expectLintAgrees(field.code, value, expected);
      }
    }
  });
});
