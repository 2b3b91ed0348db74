import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildKitTemplate } from '../../src/core/artefacts/templates.ts';
import { allFields } from '../../src/core/dictionary/model.ts';
import { obligations } from '../../src/core/dictionary/vocabulary.ts';
import { answerColumn, answerColumns, availabilities, diagnosticFirstRow, partnerRows, sheetNames } from '../../src/core/kit/layout.ts';
import { answerRules, conditionalStatement, dateRules, dateStatement, ruleStatements, typedDateForms } from '../../src/core/kit/rules.ts';
import { validateKit } from '../../src/core/kit/validate.ts';
import { partnerFirstRow } from '../../src/core/workbook/partner.ts';
import { cellRef, SheetView } from '../../src/core/workbook/sheet.ts';
import { listStatement, readChoice } from '../../src/core/workbook/values.ts';
import { fillValidKit, plant, sheet } from '../fixtures/kit/fill.ts';
import { frozenDictionary } from '../fixtures/kit/dictionary.ts';

/**
 * What the kit documentation says (rules.ts: the « Lisez-moi », the page « Modèle du kit de diagnostic »)
 * against what the validator does with kits filled exactly as documented. Each rule is read from its
 * declaration, so a rule changed in one place and not the other fails here.
 */
const dictionary = frozenDictionary;
const fields = allFields(dictionary);
const now = new Date(Date.UTC(2026, 10, 25));
const summary = (issues: { rule: string; severity: string; place: string }[]) => issues.map(({ rule, severity, place }) => ({ rule, severity, place }));
const diagnosticCell = (index: number, key: (typeof answerColumns)[number]['key']) => `${sheetNames.diagnostic}!${cellRef(diagnosticFirstRow + index, answerColumn(1, key))}`;
const day = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);
/** « 01/01/2017 », as the statements write a date of the rules. */
const french = (iso: string) => iso.split('-').reverse().join('/');

let valid: Uint8Array;
beforeAll(async () => {
  valid = await fillValidKit(await buildKitTemplate(dictionary));
});

describe('the answer rules, as stated and as applied', () => {
  it('reports each rule for exactly the availabilities and kinds of field its statement names, with its severity', async () => {
    // One field per availability × obligation, answered with its availability and nothing else.
    const used = new Set<number>();
    const cases = availabilities.flatMap((availability) =>
      obligations.map((obligation) => {
        const index = fields.findIndex((field, i) => field.obligation === obligation && !used.has(i));
        used.add(index);
        return { availability, obligation, index };
      }),
    );
    expect(cases.every(({ index }) => index >= 0)).toBe(true);
    const kit = await plant(valid, (workbook) => {
      const diagnostic = sheet(workbook, sheetNames.diagnostic);
      for (const { availability, index } of cases) {
        for (const column of answerColumns) diagnostic.getCell(diagnosticFirstRow + index, answerColumn(1, column.key)).value = null;
        diagnostic.getCell(diagnosticFirstRow + index, answerColumn(1, 'disponibilite')).value = availability;
      }
    });
    const report = await validateKit(kit, 'kit.xlsx', { dictionaries: [dictionary], now });
    const expected = cases.flatMap(({ availability, obligation, index }) =>
      answerRules.filter((rule) => rule.when.includes(availability) && rule.obligations.includes(obligation)).map((rule) => ({ rule: `kit.coherence.${rule.id}`, severity: rule.severity, place: diagnosticCell(index, rule.requires) })),
    );
    const sort = (issues: { place: string; rule: string }[]) => [...issues].sort((a, b) => `${a.place}${a.rule}`.localeCompare(`${b.place}${b.rule}`));
    expect(sort(summary(report.issues))).toEqual(sort(expected));
    // A conditional field is held to what an obligatory one is, as the documentation says.
    for (const rule of answerRules) expect(rule.obligations.includes('conditionnelle')).toBe(rule.obligations.includes('obligatoire'));
    expect(ruleStatements).toContain(conditionalStatement);
  });

  it('states each rule with its availabilities, its column, the fields it spares and its severity', () => {
    for (const rule of answerRules) {
      for (const availability of rule.when) expect(rule.statement).toContain(`« ${availability} »`);
      expect(rule.statement).toContain(`« ${answerColumns.find((column) => column.key === rule.requires)?.header} »`);
      expect(rule.statement).toContain(rule.severity === 'erreur' ? 'une erreur' : 'un avertissement');
      if (rule.obligations.length < obligations.length) expect(rule.statement).toMatch(/peut rester vide/);
      expect(ruleStatements).toContain(rule.statement);
    }
  });
});

describe('dates, as stated and as read', () => {
  const nonAvailable = () => fields.findIndex((field) => field.obligation === 'obligatoire');
  const withEcheance = async (value: Date | string) => {
    const index = nonAvailable();
    const kit = await plant(valid, (workbook) => {
      const diagnostic = sheet(workbook, sheetNames.diagnostic);
      const cell = (key: (typeof answerColumns)[number]['key']) => diagnostic.getCell(diagnosticFirstRow + index, answerColumn(1, key));
      for (const column of answerColumns) cell(column.key).value = null;
      cell('disponibilite').value = 'Non disponible';
      cell('solution').value = 'Évolution du SI.';
      cell('echeance').value = value;
    });
    return summary((await validateKit(kit, 'kit.xlsx', { dictionaries: [dictionary], now })).issues);
  };
  const from = new Date(`${dateRules.echeance.from}T00:00:00Z`);
  const last = new Date(Date.UTC(now.getUTCFullYear() + dateRules.echeance.yearsAfterCheck, now.getUTCMonth(), now.getUTCDate()));

  it('states the bounds the validator applies', () => {
    expect(dateStatement).toContain(french(dateRules.echeance.from));
    expect(dateStatement).toContain(`${dateRules.echeance.yearsAfterCheck} ans après la vérification`);
    expect(dateStatement).toContain(french(dateRules.diagnostic.from));
  });

  it.each([
    { name: 'the day before the first', date: day(from, -1), severity: 'avertissement' },
    { name: 'the first', date: from, severity: undefined },
    { name: 'the last', date: last, severity: undefined },
    { name: 'the day after the last', date: day(last, 1), severity: 'avertissement' },
  ] as const)('an échéance on $name day of the stated period: $severity', async ({ date, severity }) => {
    const issues = await withEcheance(date);
    expect(issues).toEqual(severity ? [{ rule: 'kit.valeurs.date-improbable', severity, place: diagnosticCell(nonAvailable(), 'echeance') }] : []);
  });

  it.each(typedDateForms.map(({ form, example }) => [form, example] as const))('an échéance typed as text in the stated form %s is read', async (_, example) => {
    expect(await withEcheance(example)).toEqual([]);
  });

  it.each(['31/02/2027', 'fin juin 2027', '2027'])('an échéance typed « %s » is an error, as stated', async (text) => {
    expect(await withEcheance(text)).toEqual([{ rule: 'value.date', severity: 'erreur', place: diagnosticCell(nonAvailable(), 'echeance') }]);
  });

  it.each([
    { name: 'the day of the check', date: now, severity: undefined },
    { name: 'the day after the check', date: day(now, 1), severity: 'avertissement' },
    { name: 'the day before the first', date: day(new Date(`${dateRules.diagnostic.from}T00:00:00Z`), -1), severity: 'avertissement' },
  ] as const)('a diagnosis date on $name: $severity', async ({ date, severity }) => {
    const row = partnerFirstRow + partnerRows.findIndex((row) => row.key === 'dateDiagnostic');
    const kit = await plant(valid, (workbook) => (sheet(workbook, sheetNames.partner).getCell(row, 2).value = date));
    const issues = summary((await validateKit(kit, 'kit.xlsx', { dictionaries: [dictionary], now })).issues);
    expect(issues).toEqual(severity ? [{ rule: 'kit.valeurs.date-improbable', severity, place: `${sheetNames.partner}!${cellRef(row, 2)}` }] : []);
  });
});

describe('list values typed by hand, as stated and as read', () => {
  it('reads another case, other spaces, no accents or a straight apostrophe as the list value, without a finding', async () => {
    const typed = ['  non  DISPONIBLE ', 'partiellement disponible', 'NON APPLICABLE', 'Disponible\u00a0'];
    const indexes = typed.map((_, i) => i);
    const kit = await plant(valid, (workbook) => {
      const diagnostic = sheet(workbook, sheetNames.diagnostic);
      typed.forEach((text, i) => {
        const cell = (key: (typeof answerColumns)[number]['key']) => diagnostic.getCell(diagnosticFirstRow + i, answerColumn(1, key));
        cell('disponibilite').value = text;
        cell('source').value = 'T.C';
        cell('commentaire').value = 'Précision.';
        cell('solution').value = 'Évolution du SI.';
        cell('echeance').value = new Date(Date.UTC(2027, 5, 30));
      });
    });
    const report = await validateKit(kit, 'kit.xlsx', { dictionaries: [dictionary], now });
    expect(summary(report.issues).filter((issue) => indexes.some((i) => issue.place === diagnosticCell(i, 'disponibilite')))).toEqual([]);
    expect(listStatement).toMatch(/majuscules, les accents, les espaces ou les apostrophes/);
    // No list of the kit holds an apostrophe: the reader of every list cell is asked directly.
    const read = (text: string, choices: readonly string[]) => {
      const issues: Parameters<typeof readChoice>[5] = [];
      const view = new SheetView(sheetNames.diagnostic, XLSX.utils.aoa_to_sheet([[text]], { dense: true }));
      return { value: readChoice(view, 1, 1, choices, 'la valeur', issues), issues: summary(issues) };
    };
    expect(read('aide a l\'entree', ['Aide à l’entrée'])).toEqual({ value: 'Aide à l’entrée', issues: [] });
    expect(read('Disponibles', availabilities)).toEqual({ value: undefined, issues: [{ rule: 'value.list', severity: 'erreur', place: `${sheetNames.diagnostic}!A1` }] });
  });
});
