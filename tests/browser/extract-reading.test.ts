import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import type { Dictionary } from '../../src/core/dictionary/model.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { csvBytes, sampleTable, xlsxBytes } from '../fixtures/extract/files.ts';
import { convertWithLibreOffice } from '../fixtures/extract/libreoffice.ts';
import { optionalEmptied, sparseExcelJs, sparseSheetJs } from '../fixtures/extract/sparse.ts';
import type { Page } from 'playwright-core';
import { openPage, useSite } from './harness.ts';

/**
 * Real files read right on the page: a valid extract whose optional cells are empty (at the end of
 * rows, in the middle, whole optional columns), saved by LibreOffice and by ExcelJS, is clean; a title
 * line above the header and a « Lisez-moi » sheet first are passed over; a header that names nothing
 * says why the button waits.
 */

const site = useSite();
const dictionary = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
const PAGE = '/verifier/extrait-de-donnees/';
const plain = (text: string | null) => (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

async function dropExtract(page: Page, name: string, bytes: Uint8Array) {
  await page.locator('#extract-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await page.locator('#extract-mapping-title').waitFor({ timeout: 30_000 });
}

async function runExtract(page: Page) {
  await page.getByRole('button', { name: 'Vérifier l’extrait' }).click();
  await page.locator('.extract-report[aria-busy="false"]').waitFor({ timeout: 30_000 });
  return plain(await page.locator('#extract-report-title').textContent());
}

const copies: { writer: string; name: string; bytes: Uint8Array }[] = [];
const ENTITY = 'dispositif';

beforeAll(async () => {
  const table = optionalEmptied(dictionary, ENTITY, 40, 5);
  const excelJs = await sparseExcelJs(table);
  const [ods, xlsx] = await convertWithLibreOffice([
    { name: 'dispositifs.xlsx', bytes: sparseSheetJs(table, 'xlsx'), to: 'ods' },
    { name: 'dispositifs.xlsx', bytes: excelJs, to: 'xlsx' },
  ]);
  copies.push({ writer: 'ExcelJS', name: 'dispositifs.xlsx', bytes: excelJs }, { writer: 'LibreOffice', name: 'dispositifs.ods', bytes: ods! }, { writer: 'LibreOffice', name: 'dispositifs.xlsx', bytes: xlsx! });
}, 120_000);

describe('the extract page reads real files right', () => {
  it('finds a valid extract with empty optional cells clean, saved by LibreOffice and by ExcelJS', async () => {
    expect(copies).toHaveLength(3);
    for (const copy of copies) {
      const { page, errors } = await openPage(site, PAGE);
      await dropExtract(page, copy.name, copy.bytes);
      expect(await page.getByLabel('Entité décrite par le fichier').inputValue(), copy.writer).toBe(ENTITY);
      expect(`${copy.writer} ${copy.name}: ${await runExtract(page)}`).toBe(`${copy.writer} ${copy.name}: Résultat de la vérification : Conforme`);
      // An .ods is read whole, which the report says as its one information.
      expect(plain(await page.locator('.kit-counts').textContent())).toBe(`0 erreur à corriger0 avertissement à examiner${copy.name.endsWith('.ods') ? '1 information' : '0 information'}`);
      expect(errors).toEqual([]);
    }
  }, 120_000);

  it('finds the header under title lines, says so, and lets the partner run', async () => {
    const { page, errors } = await openPage(site, PAGE);
    const table = [['Extrait des sessions, arrêté au 30 septembre 2025'], [], ...sampleTable(dictionary, 'session', 30, 3)];
    await dropExtract(page, 'sessions.csv', csvBytes(table));
    const mapping = plain(await page.locator('.extract-mapping').textContent());
    expect(mapping).toContain('Fichier lu comme : CSV, UTF-8, séparateur point-virgule ; en-têtes en ligne 3.');
    expect(mapping).toContain('Les en-têtes sont en ligne 3 : la ligne 1 qui les précède (titre, remarque) n’est pas vérifiée.');
    expect(mapping).not.toContain('séparateur n’a pas été reconnu');
    expect(await page.getByLabel('Entité décrite par le fichier').inputValue()).toBe('session');
    expect(await runExtract(page)).toBe('Résultat de la vérification : Conforme');
    expect(errors).toEqual([]);
  });

  it('reads the sheet that holds the extract when the first is « Lisez-moi »', async () => {
    const { page, errors } = await openPage(site, PAGE);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['À lire avant d’ouvrir les données'], ['Les données sont sur la feuille « Organismes ».']]), 'Lisez-moi');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(sampleTable(dictionary, 'organisme', 25, 3)), 'Organismes');
    await dropExtract(page, 'organismes.xlsx', new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
    expect(await page.getByLabel('Feuille du classeur').inputValue()).toBe('Organismes');
    expect(plain(await page.locator('.extract-mapping').textContent())).toContain('La feuille « Organismes » est lue : la première feuille, « Lisez-moi », ne nomme aucun champ du dictionnaire.');
    expect(await runExtract(page)).toBe('Résultat de la vérification : Conforme');
    expect(errors).toEqual([]);
  });

  it('says why the button waits when the headers name no field, in CSV and in .xlsx', async () => {
    const foreign = [['Réf. interne', 'Commentaire libre'], ['R1', 'Premier'], ['R2', 'Second']];
    for (const [name, bytes] of [['liste.csv', csvBytes(foreign)], ['liste.xlsx', xlsxBytes(foreign)]] as const) {
      const { page, errors } = await openPage(site, PAGE);
      await dropExtract(page, name, bytes);
      const run = page.getByRole('button', { name: 'Vérifier l’extrait' });
      expect(await run.isDisabled()).toBe(true);
      expect(plain(await page.locator('#extract-run-why').textContent())).toBe('Pour lancer la vérification, choisissez l’entité décrite par le fichier.');
      expect(await run.getAttribute('aria-describedby')).toBe('extract-run-why');
      const mapping = plain(await page.locator('.extract-mapping').textContent());
      expect(mapping).toContain('ne nomme un champ du dictionnaire');
      expect(mapping).not.toMatch(/séparateur n’a pas été reconnu|Aucun séparateur/);
      // Once the partner chooses the entity, the button is free and the reason gone.
      await page.getByLabel('Entité décrite par le fichier').selectOption('dispositif');
      expect(await run.isDisabled()).toBe(false);
      expect(await page.locator('#extract-run-why').count()).toBe(0);
      expect(errors).toEqual([]);
    }
  });

  it('does what the missing-column note says: one error for the file, every other column checked row by row', async () => {
    const { page, errors } = await openPage(site, PAGE);
    const table = sampleTable(dictionary, 'financement', 30, 6);
    const required = dictionary.entities.find((e) => e.id === 'financement')!.fields.findIndex((field) => field.obligation === 'obligatoire' && field.code !== table[0]![0]);
    const missing = dictionary.entities.find((e) => e.id === 'financement')!.fields[required]!;
    const without = table.map((row) => row.filter((_, c) => c !== required));
    await dropExtract(page, 'financements.csv', csvBytes(without));
    expect(plain(await page.locator('.extract-mapping-notes').textContent())).toBe(
      `1 champ obligatoire manque au fichier : ${missing.label} (${missing.code}). La vérification le signalera une fois, comme erreur du fichier ; les autres colonnes seront vérifiées ligne par ligne.`,
    );
    expect(await runExtract(page)).toBe('Résultat de la vérification : À corriger avant envoi');
    expect(plain(await page.locator('.kit-counts').textContent())).toBe('1 erreur à corriger0 avertissement à examiner0 information');
    expect(plain(await page.locator('#extract-file-issues + ol').textContent())).toContain(`(${missing.code})`);
    expect(errors).toEqual([]);
  });

  it('lists a column with values but no header with the columns not checked, and in the report', async () => {
    const { page, errors } = await openPage(site, PAGE);
    const table: (string | undefined)[][] = sampleTable(dictionary, 'dispositif', 20, 2);
    const letter = String.fromCharCode(65 + table[0]!.length);
    table.forEach((row, r) => r > 0 && row.push(`remarque ${r}`));
    await dropExtract(page, 'dispositifs.xlsx', xlsxBytes(table));
    expect(plain(await page.locator('.extract-mapping-notes').textContent())).toBe(`1 colonne ne sera pas vérifiée : ${letter} (sans en-tête).`);
    expect(plain(await page.locator('.extract-columns').textContent())).toContain('(sans en-tête)');
    expect(await runExtract(page)).toBe('Résultat de la vérification : Conforme, avec des avertissements');
    expect(plain(await page.locator('#extract-file-issues + ol').textContent())).toContain(`La colonne ${letter} n’a pas d’en-tête mais contient 20 valeurs (lignes 2, 3, 4, 5, 6…) : elle n’est pas vérifiée.`);
    expect(errors).toEqual([]);
  });
});
