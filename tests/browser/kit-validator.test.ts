import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { allFields } from '../../src/core/dictionary/model.ts';
import { answerColumn, diagnosticFirstRow } from '../../src/core/kit/layout.ts';
import { verdictLabels } from '../../src/core/kit/exports.ts';
import { ruleStatements } from '../../src/core/kit/rules.ts';
import { validateKit } from '../../src/core/kit/validate.ts';
import { frenchTypography } from '../../src/core/typography.ts';
import { badFiles, resave, workbookWithoutKitSheets } from '../fixtures/kit/files.ts';
import { fillValidKit, mistakeContext, mistakes, plant } from '../fixtures/kit/fill.ts';
import { newestDictionary } from './built-versions.ts';
import { axeViolations, openPage, useSite } from './harness.ts';

const site = useSite();
const dictionary = newestDictionary;
const fields = allFields(dictionary);
const PAGE = '/verifier/kit-de-diagnostic/';
const plain = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();


let valid: Uint8Array;
let withMistakes: Uint8Array;
/** Every « Partiellement disponible » answer without its comment: more issues than one page shows. */
let withoutComments: Uint8Array;
beforeAll(async () => {
  const template = new Uint8Array(await (await fetch(`${site.url}/dictionnaire/latest/kit-diagnostic-latest.xlsx`)).arrayBuffer());
  valid = await fillValidKit(template);
  const planted = mistakes(mistakeContext(fields));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(valid.slice().buffer);
  for (const name of ['SIRET with a wrong check key', 'availability outside the list', 'partly available without a comment', 'field label edited']) planted.find((m) => m.name === name)?.plant(workbook);
  withMistakes = new Uint8Array(await workbook.xlsx.writeBuffer());
  withoutComments = await plant(valid, (w) => {
    const sheet = w.getWorksheet('Diagnostic') as ExcelJS.Worksheet;
    for (let row = diagnosticFirstRow; row <= sheet.rowCount; row += 1) {
      for (let pair = 1; pair <= 3; pair += 1) {
        if (sheet.getCell(row, answerColumn(pair, 'disponibilite')).value === 'Partiellement disponible') sheet.getCell(row, answerColumn(pair, 'commentaire')).value = null;
      }
    }
  });
});

async function drop(page: Page, name: string, bytes: Uint8Array) {
  await page.locator('#kit-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await page.locator('.kit-report[aria-busy="false"]').waitFor({ timeout: 20_000 });
  return (await page.locator('#kit-report-title').textContent()) ?? '';
}

// Each test validates real workbooks in a real browser: on a shared 2-core machine that takes time.
describe('kit validator page', { timeout: 90_000 }, () => {
  it('validates the template downloaded from the site, filled in code: no error', async () => {
    const { page, errors } = await openPage(site, PAGE);
    expect(await drop(page, 'kit-rempli.xlsx', valid)).toContain('Conforme');
    expect(plain((await page.locator('.kit-counts').textContent()) ?? '')).toContain('0 erreur à corriger avant envoi0 avertissement à examiner0 information');
    expect(await page.locator('.kit-coverage tbody tr').count()).toBe(3);
    expect(await page.locator('.kit-coverage tbody tr').first().textContent()).toMatch(/Programme régional qualifiant.*%/);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('validates a file dragged and dropped on the zone', async () => {
    const { page, errors } = await openPage(site, PAGE);
    const dataTransfer = await page.evaluateHandle((bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], 'kit-glisse.xlsx'));
      return transfer;
    }, [...valid]);
    await page.locator('.kit-drop').dispatchEvent('dragover', { dataTransfer });
    await page.locator('.kit-drop').dispatchEvent('drop', { dataTransfer });
    await page.locator('.kit-report[aria-busy="false"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('#kit-report-title').textContent()).toContain('Conforme');
    expect(await page.locator('.kit-meta').textContent()).toContain('kit-glisse.xlsx');
    expect(errors).toEqual([]);
  });

  it('reports planted mistakes at their cells, filters them and walks them with the keyboard', async () => {
    const { page, errors } = await openPage(site, PAGE);
    expect(await drop(page, 'kit-a-corriger.xlsx', withMistakes)).toContain('À corriger');
    const places = await page.locator('.kit-issue code').first().evaluateAll(() => [...document.querySelectorAll('.kit-issue p:first-child code')].map((c) => c.textContent));
    expect(places).toEqual(expect.arrayContaining(['Partenaire!B3', 'Diagnostic!B6']));
    expect(places).toHaveLength(4);
    const link = page.locator('.kit-issue a[href^="/dictionnaire/"]').first();
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`^/dictionnaire/${dictionary.manifest.version}/[a-z]+/#[A-Z]{3}_`));
    const [entityPage, code] = href.split('#') as [string, string];
    expect(await (await fetch(`${site.url}${entityPage}`)).text()).toContain(`id="${code}"`);

    const severity = (n: number) => page.locator('.kit-severities input').nth(n);
    expect(await page.locator('.kit-severities').innerText()).toMatch(/Erreur \(3\)\s+Avertissement \(1\)\s+Information \(0\)/);
    await severity(1).uncheck();
    await severity(2).uncheck();
    expect(await page.locator('.kit-issue').count()).toBe(3);
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

  it('walks past the first page of issues from the keyboard, starting from the focused title; headings count every issue', async () => {
    const { page, errors } = await openPage(site, PAGE);
    expect(await drop(page, 'kit-sans-commentaires.xlsx', withoutComments)).toContain('À corriger');
    const total = Number(plain((await page.locator('.kit-counts .is-erreur').textContent()) ?? '').match(/^\d+/)?.[0]);
    const rendered = await page.locator('.kit-issue').count();
    expect(total).toBeGreaterThan(rendered);
    expect(plain((await page.locator('#kit-sheet-diagnostic').textContent()) ?? '')).toBe(`Feuille « Diagnostic » (${total})`);
    expect(plain((await page.locator('.kit-more').textContent()) ?? '')).toBe(`Afficher 40 problèmes de plus (${total - rendered} restants)`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('kit-report-title');
    const focusedIndex = () => page.evaluate(() => [...document.querySelectorAll('.kit-issue')].indexOf(document.activeElement as Element));
    await page.keyboard.press('j');
    expect(await focusedIndex()).toBe(0);
    for (let i = 1; i < rendered; i += 1) await page.keyboard.press('j');
    expect(await focusedIndex()).toBe(rendered - 1);
    await page.keyboard.press('j');
    await expect.poll(focusedIndex).toBe(rendered);
    expect(await page.locator('.kit-issue').count()).toBeGreaterThan(rendered);
    await page.keyboard.press('k');
    expect(await focusedIndex()).toBe(rendered - 1);
    expect(errors).toEqual([]);
  });

  // The site's header and sidebar are checked on every page by the site's own matrix; here, the validator.
  it.each([390, 1280])('shows a report with no accessibility violation and no horizontal overflow at %i px', async (width) => {
    const { page, errors } = await openPage(site, PAGE);
    await page.setViewportSize({ width, height: 900 });
    await drop(page, 'kit-a-corriger.xlsx', withMistakes);
    expect(await axeViolations(page, 'main')).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
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
    expect(csv.bytes.toString('utf8')).not.toMatch(/;[ ]*[=+@-]/);

    await page.getByRole('button', { name: 'Reçu de vérification (JSON)' }).waitFor();
    const receipt = JSON.parse((await save('Reçu de vérification (JSON)')).bytes.toString('utf8')) as { fichier: { sha256: string }; problemes: { erreurs: number } };
    const expectedHash = createHash('sha256').update(withMistakes).digest('hex');
    expect(receipt.fichier.sha256).toBe(expectedHash);
    expect(receipt.problemes.erreurs).toBe(3);
    expect(JSON.stringify(receipt)).not.toContain('Programme régional');

    const annotated = await save('Copie annotée du classeur (.xlsx)');
    expect(annotated.name).toBe('kit-a-corriger-annote.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(annotated.bytes.buffer.slice(annotated.bytes.byteOffset, annotated.bytes.byteOffset + annotated.bytes.byteLength) as ArrayBuffer);
    expect(workbook.getWorksheet('Rapport')?.rowCount).toBe(4 + 4);
    expect(workbook.getWorksheet('Partenaire')?.getCell('B3').note).toBeTruthy();
  });

  it('prints the whole report, or the receipt alone', async () => {
    const { page, errors } = await openPage(site, PAGE);
    await drop(page, 'kit-sans-commentaires.xlsx', withoutComments);
    const total = Number(plain((await page.locator('.kit-counts .is-erreur').textContent()) ?? '').match(/^\d+/)?.[0]);
    expect(await page.locator('.kit-issue').count()).toBeLessThan(total);
    const printed: string[] = [];
    await page.exposeFunction('recordPrint', (part: string) => void printed.push(part));
    // The print dialog is replaced by a probe that records which part of the page was to be printed.
    await page.evaluate(() => {
      window.print = () => (window as unknown as { recordPrint(part: string): void }).recordPrint(document.documentElement.dataset.kitPrint ?? '');
    });
    await page.getByRole('button', { name: 'Imprimer le rapport' }).click();
    await expect.poll(() => printed).toEqual(['report']);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.kit-drop').isVisible()).toBe(false);
    expect(await page.locator('.kit-downloads').isVisible()).toBe(false);
    expect(await page.locator('.kit-issue').count()).toBe(total);
    expect(await page.locator('.kit-issue').last().isVisible()).toBe(true);
    expect(await page.locator('.kit-more').count()).toBe(0);
    expect(await page.locator('.kit-receipt').isVisible()).toBe(false);

    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: 'Imprimer le reçu' }).click();
    await expect.poll(() => printed).toEqual(['report', 'receipt']);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.kit-receipt').isVisible()).toBe(true);
    const receipt = await page.locator('.kit-receipt').innerText();
    expect(receipt).toContain(createHash('sha256').update(withoutComments).digest('hex'));
    expect(receipt).toContain(dictionary.manifest.version);
    expect(receipt).toMatch(/Couple n°\s3\s+\d/);
    expect(receipt).not.toContain('Programme régional');
    expect(await page.locator('.kit-issue').first().isVisible()).toBe(false);
    expect(await page.locator('.kit-coverage').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Ce qui est vérifié' }).isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });

  it('renders every issue when printing from the browser menu', async () => {
    const { page } = await openPage(site, PAGE);
    await drop(page, 'kit-sans-commentaires.xlsx', withoutComments);
    const total = Number(plain((await page.locator('.kit-counts .is-erreur').textContent()) ?? '').match(/^\d+/)?.[0]);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await expect.poll(() => page.locator('.kit-issue').count()).toBe(total);
  });

  it('explains every unreadable file in French, never crashes, and validates the next file', async () => {
    const { page, errors } = await openPage(site, PAGE);
    // The page shows the French messages of the core (pinned in tests/unit/kit-file.test.ts), nothing else.
    const shown = async () => (await page.locator('.kit-issue > p:nth-child(2)').allTextContents()).map(plain);
    const expected = async (name: string, bytes: Uint8Array) => (await validateKit(bytes, name, { dictionaries: [dictionary] })).issues.map((issue) => plain(frenchTypography(issue.message)));
    for (const [name, make] of Object.entries(badFiles)) {
      const file = make(() => valid);
      const report = await validateKit(file.bytes, file.name, { dictionaries: [dictionary] });
      expect(plain(await drop(page, file.name, file.bytes)), name).toContain(plain(frenchTypography(verdictLabels[report.verdict])));
      expect(await shown(), name).toEqual(await expected(file.name, file.bytes));
    }
    expect(plain(await drop(page, 'budget.ods', workbookWithoutKitSheets('ods')))).toContain('Ce n’est pas un kit de diagnostic');
    for (const [bookType, name] of [['xls', 'kit.xls'], ['ods', 'kit.ods'], ['xlsm', 'kit.xlsm']] as const) {
      const bytes = resave(valid, bookType);
      expect(await drop(page, name, bytes), name).toContain('Conforme');
      expect(await shown(), name).toEqual(await expected(name, bytes));
      expect(await shown(), name).toHaveLength(1);
    }
    expect(await drop(page, 'kit-rempli.xlsx', valid)).toContain('Conforme');
    expect(errors).toEqual([]);
  }, 180_000);
});

describe('the rules, said once', () => {
  it('the page « Modèle du kit » states each rule the validator applies, as the template’s « Lisez-moi » does', async () => {
    const { page, errors } = await openPage(site, '/verifier/modele-kit/');
    const text = plain((await page.locator('main').innerText()) ?? '');
    for (const statement of ruleStatements) expect(text).toContain(plain(frenchTypography(statement)));
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
