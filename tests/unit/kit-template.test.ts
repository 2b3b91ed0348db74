import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import { allFields, type Dictionary } from '../../src/core/dictionary/model.ts';
import { fieldListFingerprint } from '../../src/core/kit/fingerprint.ts';
import { answerColumn, diagnosticFirstRow, MAX_PAIRS, sheetNames } from '../../src/core/kit/layout.ts';
import { buildKitTemplate } from '../../src/core/kit/template.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';

const dictionary = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
const fields = allFields(dictionary);
let bytes: Uint8Array;
let workbook: ExcelJS.Workbook;
const sheet = (name: string) => workbook.getWorksheet(name) as ExcelJS.Worksheet;

beforeAll(async () => {
  bytes = await buildKitTemplate(dictionary, { siteUrl: 'https://portail.exemple.fr/' });
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.slice().buffer);
});

describe('kit de diagnostic template', () => {
  it('has the visible sheets in order, the lists hidden and the metadata very hidden', () => {
    expect(workbook.worksheets.map((ws) => [ws.name, ws.state])).toEqual([
      [sheetNames.readme, 'visible'],
      [sheetNames.partner, 'visible'],
      [sheetNames.pairs, 'visible'],
      [sheetNames.diagnostic, 'visible'],
      [sheetNames.lists, 'hidden'],
      [sheetNames.meta, 'veryHidden'],
    ]);
  });

  it('records the dictionary version and the field-list fingerprint', async () => {
    const meta = sheet(sheetNames.meta);
    expect(meta.getCell('B2').value).toBe(dictionary.manifest.version);
    expect(meta.getCell('B3').value).toBe(await fieldListFingerprint(dictionary));
  });

  it('pre-fills one locked row per field, in dictionary order, and leaves answers open', () => {
    const diagnostic = sheet(sheetNames.diagnostic);
    fields.forEach((field, i) => expect(diagnostic.getCell(diagnosticFirstRow + i, 1).value).toBe(field.code));
    const code = diagnostic.getCell(diagnosticFirstRow, 1);
    const answer = diagnostic.getCell(diagnosticFirstRow, answerColumn(MAX_PAIRS, 'echeance'));
    expect(code.protection?.locked).not.toBe(false);
    expect(answer.protection?.locked).toBe(false);
    expect((diagnostic as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({ sheet: true });
  });

  it('offers the availability list from the hidden sheet, and a date check on the échéance', () => {
    const diagnostic = sheet(sheetNames.diagnostic);
    expect(diagnostic.getCell(diagnosticFirstRow + 5, answerColumn(3, 'disponibilite')).dataValidation).toMatchObject({ type: 'list', formulae: [`'${sheetNames.lists}'!$A$1:$A$4`] });
    expect(diagnostic.getCell(diagnosticFirstRow + 5, answerColumn(3, 'echeance')).dataValidation).toMatchObject({ type: 'date' });
    expect(sheet(sheetNames.partner).getCell('B4').dataValidation).toMatchObject({ type: 'list' });
    expect(sheet(sheetNames.lists).getColumn(1).values.filter(Boolean)).toEqual(['Disponible', 'Partiellement disponible', 'Non disponible', 'Non applicable']);
  });

  it('freezes headers and code columns, sets widths, keeps the SIRET cell as text', () => {
    expect(sheet(sheetNames.diagnostic).views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 2 });
    expect(sheet(sheetNames.diagnostic).getColumn(2).width).toBeGreaterThan(30);
    expect(sheet(sheetNames.partner).getCell('B3').numFmt).toBe('@');
  });

  it('links back to the validator page when the site address is known', () => {
    const text = sheet(sheetNames.readme).getColumn(1).values.join('\n');
    expect(text).toContain('https://portail.exemple.fr/verifier/kit-de-diagnostic/');
    expect(text).toContain(`version ${dictionary.manifest.version}`);
  });

  it('reads back with SheetJS, hidden states included', () => {
    const read = XLSX.read(bytes, { type: 'array' });
    expect(read.Workbook?.Sheets?.map((s) => s.Hidden)).toEqual([0, 0, 0, 0, 1, 2]);
  });
});
