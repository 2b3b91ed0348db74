import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEtatTemplate, buildKitTemplate } from '../../src/core/artefacts/templates.ts';
import { dispositifsTable, ETAT_LAYOUT_VERSION, etatSheets, fundingColumn, fundingSources, perimetreTable, statuses, systemesTable, tables } from '../../src/core/etat-des-lieux/layout.ts';
import { ruleStatements } from '../../src/core/etat-des-lieux/rules.ts';
import { sheetNames as kitSheets } from '../../src/core/kit/layout.ts';
import { TABLE_FIRST_ROW, tableColumn } from '../../src/core/workbook/table.ts';
import { frozenDictionary, publishedDictionaries } from '../fixtures/kit/dictionary.ts';

const dictionary = frozenDictionary;
let bytes: Uint8Array;
let workbook: ExcelJS.Workbook;
const sheet = (name: string) => workbook.getWorksheet(name) as ExcelJS.Worksheet;
const load = async (data: Uint8Array) => {
  const loaded = new ExcelJS.Workbook();
  await loaded.xlsx.load(data.slice().buffer);
  return loaded;
};

beforeAll(async () => {
  bytes = await buildEtatTemplate(dictionary, { siteUrl: 'https://portail.exemple.fr/' });
  workbook = await load(bytes);
});

describe('état des lieux template', () => {
  it('has « Lisez-moi », « Partenaire », the three tables, the lists hidden and the metadata very hidden', () => {
    expect(workbook.worksheets.map((ws) => [ws.name, ws.state])).toEqual([
      [etatSheets.readme, 'visible'],
      [etatSheets.partner, 'visible'],
      [etatSheets.dispositifs, 'visible'],
      [etatSheets.systemes, 'visible'],
      [etatSheets.perimetre, 'visible'],
      [etatSheets.lists, 'hidden'],
      [etatSheets.meta, 'veryHidden'],
    ]);
    expect(XLSX.read(bytes, { type: 'array' }).Workbook?.Sheets?.map((s) => s.Hidden)).toEqual([0, 0, 0, 0, 0, 1, 2]);
  });

  it('identifies itself in the metadata sheet: layout and dictionary version', () => {
    const meta = sheet(etatSheets.meta);
    expect([1, 2].map((row) => [meta.getCell(row, 1).value, meta.getCell(row, 2).value])).toEqual([
      ['modele', ETAT_LAYOUT_VERSION],
      ['version_dictionnaire', dictionary.manifest.version],
    ]);
  });

  it('shares the kit’s « Partenaire » sheet: the same rows, labels and checks, its own date aside', async () => {
    const kit = await load(await buildKitTemplate(dictionary));
    const rows = (ws: ExcelJS.Worksheet) => [2, 3, 4, 5, 6].map((row) => [ws.getCell(row, 1).value, ws.getCell(row, 2).dataValidation?.type ?? null, ws.getCell(row, 2).numFmt ?? null]);
    expect(rows(sheet(etatSheets.partner))).toEqual(rows(kit.getWorksheet(kitSheets.partner) as ExcelJS.Worksheet));
    expect(sheet(etatSheets.partner).getCell('A7').value).toBe('Date de l’état des lieux');
  });

  it('writes each table’s headers from the layout, frozen, with the cells open to the partner', () => {
    for (const table of tables) {
      const ws = sheet(table.sheet);
      expect(ws.getRow(1).values, table.sheet).toEqual([undefined, ...table.columns.map((column) => column.header)]);
      expect(ws.views[0], table.sheet).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getCell(1, 1).protection?.locked, table.sheet).not.toBe(false);
      expect(ws.getCell(TABLE_FIRST_ROW + table.rows - 1, table.columns.length).protection?.locked, table.sheet).toBe(false);
    }
    expect(dispositifsTable.columns.map((column) => column.header)).toEqual(expect.arrayContaining(fundingSources.map((source) => `Financement : ${source}`)));
  });

  it('offers dropdowns: the issue’s funding sources as « Oui »/« Non », statuses, roles, and the codes of the other sheets', () => {
    expect(fundingSources).toEqual(['État', 'Région', 'Fonds mutualisés / OPCO', 'France Travail', 'Agefiph', 'FSE+', 'Autre']);
    const dispositifs = sheet(etatSheets.dispositifs);
    const at = (ws: ExcelJS.Worksheet, table: typeof dispositifsTable, key: string) => ws.getCell(TABLE_FIRST_ROW + 3, tableColumn(table, key)).dataValidation;
    const lists = sheet(etatSheets.lists);
    const listValues = (formula: string | undefined) => {
      const column = /\$([A-Z]+)\$1:/.exec(formula ?? '')?.[1] ?? '';
      return lists.getColumn(column).values.filter(Boolean);
    };
    expect(listValues(at(dispositifs, dispositifsTable, fundingColumn('FSE+'))?.formulae?.[0] as string)).toEqual(['Oui', 'Non']);
    expect(listValues(at(dispositifs, dispositifsTable, 'statut')?.formulae?.[0] as string)).toEqual([...statuses]);
    expect(at(dispositifs, dispositifsTable, 'volume')).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(at(dispositifs, dispositifsTable, 'debut')).toMatchObject({ type: 'date' });
    expect(listValues(at(sheet(etatSheets.systemes), systemesTable, 'role')?.formulae?.[0] as string)).toEqual(['Gestion des dossiers', 'Paiement', 'Décisionnel', 'Autre']);
    const perimetre = sheet(etatSheets.perimetre);
    expect(at(perimetre, perimetreTable, 'dispositif')).toMatchObject({ type: 'list', formulae: [`'${etatSheets.dispositifs}'!$A$2:$A$${TABLE_FIRST_ROW + dispositifsTable.rows - 1}`] });
    expect(at(perimetre, perimetreTable, 'si')).toMatchObject({ type: 'list', formulae: [`'${etatSheets.systemes}'!$A$2:$A$${TABLE_FIRST_ROW + systemesTable.rows - 1}`] });
  });

  it('states in « Lisez-moi » every rule the validator applies, and links back to its page', () => {
    const text = sheet(etatSheets.readme).getColumn(1).values.join('\n');
    for (const statement of ruleStatements) expect(text).toContain(statement);
    expect(text).toContain('https://portail.exemple.fr/verifier/etat-des-lieux/');
    expect(text).toContain(`version ${dictionary.manifest.version}`);
  });

  it('gives the same bytes for the same version, and one template per published version', async () => {
    expect(Buffer.from(await buildEtatTemplate(dictionary, { siteUrl: 'https://portail.exemple.fr/' })).equals(Buffer.from(bytes))).toBe(true);
    for (const published of publishedDictionaries) {
      const meta = (await load(await buildEtatTemplate(published))).getWorksheet(etatSheets.meta) as ExcelJS.Worksheet;
      expect(meta.getCell('B2').value).toBe(published.manifest.version);
    }
  });
});
