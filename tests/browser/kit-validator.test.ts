import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import { allFields, type Dictionary } from '../../src/core/dictionary/model.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { badFiles, resave } from '../fixtures/kit/files.ts';
import { fillValidKit, mistakes } from '../fixtures/kit/fill.ts';
import { axeViolations, openPage, useSite } from './harness.ts';

const site = useSite();
const dictionary = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
const fields = allFields(dictionary);
const PAGE = '/verifier/kit-de-diagnostic/';


let valid: Uint8Array;
let withMistakes: Uint8Array;
beforeAll(async () => {
  const template = new Uint8Array(await (await fetch(`${site.url}/dictionnaire/latest/kit-diagnostic-latest.xlsx`)).arrayBuffer());
  valid = await fillValidKit(template);
  const planted = mistakes({ obligatoire: new Set(fields.flatMap((f, i) => (f.obligation === 'obligatoire' ? [i] : []))), fieldCount: fields.length, codeAt: (i) => fields[i]?.code ?? '', labelAt: (i) => fields[i]?.label ?? '' });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(valid.slice().buffer);
  for (const name of ['SIRET with a wrong check key', 'availability outside the list', 'partly available without a comment', 'field label edited']) planted.find((m) => m.name === name)?.plant(workbook);
  withMistakes = new Uint8Array(await workbook.xlsx.writeBuffer());
});

async function drop(page: Page, name: string, bytes: Uint8Array) {
  await page.locator('#kit-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await page.locator('#kit-report-title').waitFor({ timeout: 20_000 });
  return (await page.locator('#kit-report-title').textContent()) ?? '';
}

describe('kit validator page', () => {
  it('validates the template downloaded from the site, filled in code: no error', async () => {
    const { page, errors } = await openPage(site, PAGE);
    expect(await drop(page, 'kit-rempli.xlsx', valid)).toContain('Conforme');
    expect(await page.locator('.kit-counts').textContent()).toContain('0 erreur(s)');
    expect(await page.locator('.kit-coverage tbody tr').count()).toBe(3);
    expect(await page.locator('.kit-coverage tbody tr').first().textContent()).toMatch(/Programme régional qualifiant.*%/);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('reports planted mistakes at their cells, filters them and walks them with the keyboard', async () => {
    const { page, errors } = await openPage(site, PAGE);
    expect(await drop(page, 'kit-a-corriger.xlsx', withMistakes)).toContain('À corriger');
    const places = await page.locator('.kit-issue code').first().evaluateAll(() => [...document.querySelectorAll('.kit-issue p:first-child code')].map((c) => c.textContent));
    expect(places).toEqual(expect.arrayContaining(['Partenaire!B3', 'Diagnostic!B6']));
    expect(places).toHaveLength(4);
    const link = page.locator('.kit-issue a[href*="#"]').first();
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^/dictionnaire/${dictionary.manifest.version}/[a-z]+/#[A-Z]{3}_`));

    const severity = (n: number) => page.locator('.kit-severities input').nth(n);
    expect(await page.locator('.kit-severities').innerText()).toMatch(/Erreur \(2\)\s+Avertissement \(2\)\s+Information \(0\)/);
    await severity(1).uncheck();
    await severity(2).uncheck();
    expect(await page.locator('.kit-issue').count()).toBe(2);
    await page.locator('.kit-filters select').first().selectOption('Partenaire');
    expect(await page.locator('.kit-issue').count()).toBe(1);
    await page.locator('.kit-filters select').first().selectOption('');
    await severity(1).check();

    await page.getByRole('button', { name: 'Problème suivant' }).click();
    const focused = () => page.evaluate(() => document.activeElement?.querySelector('code')?.textContent);
    expect(await focused()).toBe('Partenaire!B3');
    await page.keyboard.press('j');
    expect(await focused()).not.toBe('Partenaire!B3');
    await page.keyboard.press('k');
    expect(await focused()).toBe('Partenaire!B3');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('builds the CSV report, the receipt and the annotated copy in the browser', async () => {
    const { page } = await openPage(site, PAGE);
    await drop(page, 'kit-a-corriger.xlsx', withMistakes);
    const save = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      return { name: file.suggestedFilename(), bytes: readFileSync((await file.path()) as string) };
    };
    const csv = await save('Rapport (CSV pour Excel)');
    expect(csv.name).toBe('kit-a-corriger-rapport.csv');
    expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.bytes.toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(5);

    await page.getByRole('button', { name: 'Reçu de vérification (JSON)' }).waitFor();
    const receipt = JSON.parse((await save('Reçu de vérification (JSON)')).bytes.toString('utf8')) as { fichier: { sha256: string }; problemes: { erreurs: number } };
    const expectedHash = createHash('sha256').update(withMistakes).digest('hex');
    expect(receipt.fichier.sha256).toBe(expectedHash);
    expect(receipt.problemes.erreurs).toBe(2);
    expect(JSON.stringify(receipt)).not.toContain('Programme régional');

    const annotated = await save('Copie annotée du classeur (.xlsx)');
    expect(annotated.name).toBe('kit-a-corriger-annote.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(annotated.bytes.buffer.slice(annotated.bytes.byteOffset, annotated.bytes.byteOffset + annotated.bytes.byteLength) as ArrayBuffer);
    expect(workbook.getWorksheet('Rapport')?.rowCount).toBe(4 + 4);
    expect(workbook.getWorksheet('Partenaire')?.getCell('B3').note).toBeTruthy();
  });

  it('explains every unreadable file in French, never crashes, and validates the next file', async () => {
    const { page, errors } = await openPage(site, PAGE);
    for (const [name, make] of Object.entries(badFiles)) {
      const file = make(() => valid);
      expect(await drop(page, file.name, file.bytes), name).toContain('Fichier illisible');
      expect((await page.locator('.kit-issue').first().textContent())?.length, name).toBeGreaterThan(40);
    }
    for (const [bookType, name] of [['xls', 'kit.xls'], ['ods', 'kit.ods'], ['xlsm', 'kit.xlsm']] as const) {
      expect(await drop(page, name, resave(valid, bookType)), name).toContain('Conforme');
    }
    expect(await drop(page, 'kit-rempli.xlsx', valid)).toContain('Conforme');
    expect(errors).toEqual([]);
  });
});

describe('cancelling a validation', () => {
  it('stops at once, says so, and the next file validates', async () => {
    const context = await site.browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // Holds the first worker script back, so that the validation is still running when « Annuler » is pressed.
    let held = false;
    await page.route(/kit\.worker[^/]*\.js$/, async (route) => {
      if (!held) {
        held = true;
        await new Promise((resolve) => setTimeout(resolve, 3000));
      }
      await route.continue();
    });
    await page.goto(`${site.url}${PAGE}`);
    await page.locator('#kit-file').setInputFiles({ name: 'lent.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(valid) });
    await page.getByRole('button', { name: 'Annuler la vérification' }).click();
    await expect.poll(() => page.locator('.kit-status').textContent()).toContain('Vérification annulée');
    expect(await page.locator('#kit-report-title').count()).toBe(0);
    expect(await drop(page, 'kit-rempli.xlsx', valid)).toContain('Conforme');
    expect(errors).toEqual([]);
    await context.close();
  });
});
