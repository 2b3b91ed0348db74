import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import { allFields, type Dictionary } from '../../src/core/dictionary/model.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { fieldListFingerprint } from '../../src/core/kit/fingerprint.ts';
import { answerColumn, cellRef, diagnosticFirstRow, KIT_LAYOUT_VERSION, MAX_PAIRS, partnerColumns, sheetNames } from '../../src/core/kit/layout.ts';
import { ruleStatements } from '../../src/core/kit/rules.ts';
import { buildKitTemplate } from '../../src/core/kit/template.ts';
import { frozenDictionary } from '../fixtures/kit/dictionary.ts';

const dictionary = frozenDictionary;
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

  it('declares each answer column’s list or date check once, over its field rows', () => {
    const xml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet4.xml'] ?? new Uint8Array());
    const sqrefs = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]);
    expect(sqrefs).toHaveLength(2 * MAX_PAIRS);
    const last = diagnosticFirstRow + fields.length - 1;
    const expected = Array.from({ length: MAX_PAIRS }, (_, i) => [answerColumn(i + 1, 'disponibilite'), answerColumn(i + 1, 'echeance')]).flat();
    expect(new Set(sqrefs)).toEqual(new Set(expected.map((column) => `${cellRef(diagnosticFirstRow, column)}:${cellRef(last, column)}`)));
    const partnerXml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet2.xml'] ?? new Uint8Array());
    expect([...partnerXml.matchAll(/<dataValidation type="(\w+)"[^>]*sqref="([^"]+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ['list', 'B4'],
      ['date', 'B7'],
    ]);
  });

  it('states in « Lisez-moi » every rule the validator applies, word for word', () => {
    const text = sheet(sheetNames.readme).getColumn(1).values.join('\n');
    for (const statement of ruleStatements) expect(text).toContain(statement);
  });

  it('offers the partner types the public sources support, and headers from the layout', () => {
    expect(sheet(sheetNames.lists).getColumn(2).values.filter(Boolean)).toEqual(['Région', 'OPCO', 'France Travail', 'Autre financeur']);
    expect(sheet(sheetNames.partner).getRow(1).values).toEqual([undefined, ...partnerColumns.map((column) => column.header)]);
  });

  it('keeps the kit’s identity: layout id, and a field-list fingerprint computed as before', async () => {
    expect(KIT_LAYOUT_VERSION).toBe('kit-diagnostic/1');
    const small = loadDictionary(readDictionaryFiles('tests/fixtures/dictionary/valid')).dictionary as Dictionary;
    expect(await fieldListFingerprint(small)).toMatchInlineSnapshot(`"9bdfad572b61075e1d7b6d7da73aefa8330cc095647cb44028462f4b9693fb8f"`);
    const meta = sheet(sheetNames.meta);
    expect([1, 2, 3].map((row) => [meta.getCell(row, 1).value, meta.getCell(row, 2).value])).toEqual([
      ['modele', KIT_LAYOUT_VERSION],
      ['version_dictionnaire', dictionary.manifest.version],
      ['empreinte_champs', await fieldListFingerprint(dictionary)],
    ]);
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

  it('titles each pair’s column group with the pair declared in « Dispositifs », recomputed on opening', () => {
    const diagnostic = sheet(sheetNames.diagnostic);
    const title = diagnostic.getCell(1, answerColumn(3, 'disponibilite'));
    expect(title.value).toEqual({ formula: 'IF(Dispositifs!B4="","Couple n° 3 (voir « Dispositifs », ligne 4)","Couple n° 3 : "&Dispositifs!B4&" — "&Dispositifs!C4)', result: 'Couple n° 3 (voir « Dispositifs », ligne 4)' });
    expect(diagnostic.getCell(1, answerColumn(3, 'echeance')).isMerged).toBe(true);
    expect(diagnostic.getCell(1, answerColumn(4, 'disponibilite')).master.address).not.toBe(title.address);
    expect(strFromU8(unzipSync(bytes)['xl/workbook.xml'] ?? new Uint8Array())).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
  });

  it('names the validator page in words when the site address is not known', async () => {
    const local = new ExcelJS.Workbook();
    await local.xlsx.load((await buildKitTemplate(dictionary)).slice().buffer);
    const text = (local.getWorksheet(sheetNames.readme) as ExcelJS.Worksheet).getColumn(1).values.join('\n');
    expect(text).toContain('la page « Vérifier mes fichiers › Kit de diagnostic » du Portail partenaires AGORA');
    expect(text).not.toContain('http');
  });

  it('gives the same bytes for the same version, whenever it is built', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date(Date.UTC(2026, 0, 5, 8, 0, 0)));
      const first = await buildKitTemplate(dictionary);
      vi.setSystemTime(new Date(Date.UTC(2027, 6, 14, 17, 33, 21)));
      const second = await buildKitTemplate(dictionary);
      expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
