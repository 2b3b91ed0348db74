import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEtatTemplate, buildKitTemplate } from '../../src/core/artefacts/templates.ts';
import { excelErrorValues } from '../../src/core/dictionary/check-value.ts';
import { kitFromEtat } from '../../src/core/etat-des-lieux/kit.ts';
import { validateEtat } from '../../src/core/etat-des-lieux/validate.ts';
import { sheetNames } from '../../src/core/kit/layout.ts';
import { validateKit } from '../../src/core/kit/validate.ts';
import type { Problem } from '../../src/core/problems.ts';
import { workbookShapes } from '../../src/core/workbooks.ts';
import { etatSheets } from '../../src/core/etat-des-lieux/layout.ts';
import { sampleTable, xlsxBytes } from '../fixtures/extract/files.ts';
import { runExtract } from '../fixtures/extract/run.ts';
import { fillValidEtat, plantEtat, sheetOf } from '../fixtures/etat-des-lieux/fill.ts';
import { frozenDictionary } from '../fixtures/kit/dictionary.ts';
import { fillValidKit, plant, sheet } from '../fixtures/kit/fill.ts';

/**
 * Issue 15, point 4: an Excel error value (a formula that failed) is never data, in any workbook a
 * validator reads, whatever the cell is for; it is an error at its cell that names the value and says
 * to replace the formula by its value, and nothing built from the file carries it.
 */
const dictionary = frozenDictionary;
const now = new Date(Date.UTC(2026, 10, 25));
const options = { dictionaries: [dictionary], now, known: workbookShapes };
const at = (issues: readonly Problem[], place: string) => issues.filter((issue) => issue.place === place);

let kit: Uint8Array;
let etat: Uint8Array;
beforeAll(async () => {
  kit = await fillValidKit(await buildKitTemplate(dictionary));
  etat = await fillValidEtat(await buildEtatTemplate(dictionary));
});

const expectExcelError = (found: readonly Problem[], code: string) => {
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ rule: 'value.excel-error', severity: 'erreur', value: code });
  expect(found[0]?.message).toContain(`« ${code} »`);
  expect(found[0]?.fix).toMatch(/remplacez-la par sa valeur/);
};

describe('Excel error values in an état des lieux', () => {
  for (const code of excelErrorValues.slice(0, 7)) {
    it(`${code} left by a VLOOKUP in Dispositifs!B2 is an error at its cell, and the pre-filled kit never holds it`, async () => {
      const bytes = await plantEtat(etat, (w) => (sheetOf(w, etatSheets.dispositifs).getCell('B2').value = { formula: 'VLOOKUP(A2,Codes!A:B,2,FALSE)', result: { error: code } } as ExcelJS.CellFormulaValue));
      const report = await validateEtat(bytes, 'etat.xlsx', options);
      expect(report.verdict).toBe('a-corriger');
      expectExcelError(at(report.issues, 'Dispositifs!B2'), code);
      const built = await kitFromEtat(ExcelJS, dictionary, report, 0);
      const workbook = XLSX.read(built.bytes);
      const texts = workbook.SheetNames.flatMap((name) => XLSX.utils.sheet_to_csv(workbook.Sheets[name] as XLSX.WorkSheet));
      expect(texts.join('\n')).not.toContain(code);
    });
  }

  it('an error value pasted as text is one too', async () => {
    const bytes = await plantEtat(etat, (w) => (sheetOf(w, etatSheets.partner).getCell('B2').value = '#REF!'));
    const report = await validateEtat(bytes, 'etat.xlsx', options);
    expectExcelError(at(report.issues, 'Partenaire!B2'), '#REF!');
  });
});

describe('Excel error values in a kit', () => {
  it('in « Partenaire » and in « Diagnostic »: one error at each cell, nothing else there', async () => {
    const bytes = await plant(kit, (w) => {
      sheet(w, sheetNames.partner).getCell('B3').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
      sheet(w, sheetNames.diagnostic).getCell('F6').value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
    });
    const report = await validateKit(bytes, 'kit.xlsx', options);
    expectExcelError(at(report.issues, 'Partenaire!B3'), '#N/A');
    expectExcelError(at(report.issues, 'Diagnostic!F6'), '#DIV/0!');
  });
});

describe('Excel error values in a data extract', () => {
  it('a cell of type « e » is an error at its cell naming the value, in .xlsx (streaming reader), .xls (SheetJS) and as text', async () => {
    const table: (string | undefined)[][] = sampleTable(dictionary, 'organisme', 3);
    const column = table[0]?.findIndex((code) => code === 'ORG_SIRET') ?? -1;
    expect(column).toBeGreaterThanOrEqual(0);
    const book = XLSX.utils.aoa_to_sheet(table);
    book[XLSX.utils.encode_cell({ r: 2, c: column })] = { t: 'e', v: 0x2a, w: '#N/A' };
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, book, 'Extrait');
    for (const bookType of ['xlsx', 'xls'] as const) {
      const bytes = new Uint8Array(XLSX.write(workbook, { type: 'array', bookType }) as ArrayBuffer);
      const { report } = await runExtract(bytes, `extrait.${bookType}`, dictionary, 'organisme');
      const found = report.issues.filter((issue) => issue.row === 3 && issue.column === column);
      expect(found.map(({ rule, severity, value }) => ({ rule, severity, value })), bookType).toEqual([{ rule: 'value.excel-error', severity: 'erreur', value: '#N/A' }]);
    }
    table[2]![column] = '#N/A';
    const { report } = await runExtract(xlsxBytes(table), 'extrait.xlsx', dictionary, 'organisme');
    expect(report.issues.filter((issue) => issue.row === 3).map((issue) => issue.rule)).toEqual(['value.excel-error']);
  });
});
