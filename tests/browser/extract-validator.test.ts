import type { Download, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvBytes, sampleTable, xlsxBytes } from '../fixtures/extract/files.ts';
import { inForceDictionary } from './built-versions.ts';
import { axeViolations, keepWorkersBusy, openPage, useSite } from './harness.ts';

const site = useSite();
const dictionary = inForceDictionary;
const PAGE = '/verifier/extrait-de-donnees/';
const plain = (text: string | null) => (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** Titulaires with a NIR whose month does not exist on row 3 and a sex code outside the list on row 5. */
function titulairesWithErrors(): Uint8Array {
  const table = sampleTable(dictionary, 'titulaire', 200, 11);
  const at = (code: string) => table[0]!.indexOf(code);
  table[2]![at('TIT_NIR')] = '1844575123456';
  table[4]![at('TIT_SEXE')] = 'Féminin';
  return csvBytes(table);
}

export async function dropExtract(page: Page, name: string, bytes: Uint8Array | string) {
  await page.locator('#extract-file').setInputFiles(typeof bytes === 'string' ? bytes : { name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await page.locator('#extract-mapping-title').waitFor({ timeout: 30_000 });
}

export async function runExtract(page: Page, timeout = 30_000) {
  await page.getByRole('button', { name: 'Vérifier l’extrait' }).click();
  await page.locator('.extract-report[aria-busy="false"]').waitFor({ timeout });
  return plain(await page.locator('#extract-report-title').textContent());
}

const saved = async (download: Download) => readFileSync((await download.path()) as string, 'utf8');

describe('the extract validator page', () => {
  it('guesses the entity, maps every column and finds a valid extract clean', async () => {
    const { page, errors } = await openPage(site, PAGE);
    await dropExtract(page, 'titulaires.csv', csvBytes(sampleTable(dictionary, 'titulaire', 300, 4)));
    expect(await page.getByLabel('Entité décrite par le fichier').inputValue()).toBe('titulaire');
    expect(plain(await page.locator('.extract-mapping').textContent())).toContain('Fichier lu comme : CSV, UTF-8, séparateur point-virgule ; en-têtes en ligne 1.');
    expect(await runExtract(page)).toBe('Résultat de la vérification : Conforme');
    expect(plain(await page.locator('.kit-counts').textContent())).toBe('0 erreur à corriger0 avertissement à examiner0 information');
    expect(plain(await page.locator('.kit-meta').textContent())).toMatch(/^titulaires\.csv \(\d+ ko\) — CSV, UTF-8, séparateur point-virgule\. Entité « Titulaire », dictionnaire des données version [\d.]+ : 300 lignes vérifiées en [\d,]+ s, dans votre navigateur\.$/);
    expect(errors).toEqual([]);
  });

  it('moves the focus, and the view, from « Vérifier » under the mapping to the run’s progress and its « Annuler »', async () => {
    const { page } = await openPage(site, PAGE);
    await page.setViewportSize({ width: 1280, height: 700 });
    await dropExtract(page, 'titulaires.csv', csvBytes(sampleTable(dictionary, 'titulaire', 300, 4)));
    const verify = page.getByRole('button', { name: 'Vérifier l’extrait' });
    await verify.scrollIntoViewIfNeeded();
    // The button is under the whole mapping table: the progress would be out of view once the table is hidden.
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(0);
    keepWorkersBusy(page, 3000);
    await verify.focus();
    await page.keyboard.press('Enter');
    const cancel = page.getByRole('button', { name: 'Annuler la vérification' });
    await expect.poll(() => cancel.evaluate((button) => button === document.activeElement), { timeout: 2000 }).toBe(true);
    for (const shown of ['.kit-status', '.extract-progress']) {
      const box = await page.locator(shown).boundingBox();
      expect(box, shown).not.toBeNull();
      expect(box!.y, shown).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height, shown).toBeLessThanOrEqual(700);
    }
  });

  it('lets the partner correct the mapping before running, and reports a missing required column once', async () => {
    const { page } = await openPage(site, PAGE);
    const table = sampleTable(dictionary, 'titulaire', 50, 4);
    table[0] = table[0]!.map((code) => (code === 'TIT_SEXE' ? 'Genre' : code));
    await dropExtract(page, 'titulaires.csv', csvBytes(table));
    const notes = plain(await page.locator('.extract-mapping-notes').textContent());
    expect(notes).toContain('1 champ obligatoire manque au fichier : Sexe (TIT_SEXE).');
    expect(notes).toContain('1 colonne ne sera pas vérifiée : F « Genre ».');
    await page.getByLabel('Champ du dictionnaire — Colonne F').selectOption('TIT_SEXE');
    expect(plain(await page.locator('.extract-mapping-notes').textContent())).not.toContain('Sexe (TIT_SEXE)');
    expect(await runExtract(page)).toBe('Résultat de la vérification : Conforme');
  });

  it('masks personal values until revealed, and always in the CSV; the receipt holds no value', async () => {
    const { page, errors } = await openPage(site, PAGE);
    await dropExtract(page, 'titulaires-erreurs.csv', titulairesWithErrors());
    expect(await runExtract(page)).toBe('Résultat de la vérification : À corriger avant envoi');
    const issues = page.locator('.kit-issues-list .kit-issue');
    await expect.poll(() => issues.count(), { timeout: 20_000 }).toBe(2);
    const nir = plain(await issues.first().textContent());
    expect(nir).toContain('Valeur trouvée : « 1 84 45 ••• ••• ••• •• »');
    expect(nir).not.toContain('1844575123456');
    expect(plain(await issues.nth(1).textContent())).toContain('Vouliez-vous dire « 2 » ?');
    await page.getByLabel('Afficher les valeurs personnelles').check();
    expect(plain(await issues.first().textContent())).toContain('Valeur trouvée : « 1844575123456 »');

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tous les problèmes (CSV pour Excel)' }).click()]);
    expect(csvDownload.suggestedFilename()).toBe('titulaires-erreurs-problemes.csv');
    const csv = await saved(csvDownload);
    expect(csv).toContain('1 84 45 ••• ••• ••• ••');
    expect(csv).not.toContain('1844575123456');

    const [receiptDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Reçu de vérification (JSON)' }).click()]);
    const receipt = JSON.parse(await saved(receiptDownload)) as { fichier: { sha256: string }; lignes: number; problemes: { erreurs: number } };
    expect(receipt.fichier.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(receipt).toMatchObject({ lignes: 200, problemes: { erreurs: 2 } });
    expect(JSON.stringify(receipt)).not.toMatch(/1844575123456|Féminin/);
    expect(errors).toEqual([]);
  });

  it('reads an Excel workbook and lets the partner choose among several sheets', async () => {
    const { page } = await openPage(site, PAGE);
    await dropExtract(page, 'actions.xlsx', xlsxBytes(sampleTable(dictionary, 'action', 120, 2), 'Actions'));
    expect(plain(await page.locator('.extract-mapping').textContent())).toContain('Excel (.xlsx), feuille « Actions »');
    expect(await runExtract(page)).toBe('Résultat de la vérification : Conforme');
  });

  it('says in French why a file cannot be read', async () => {
    const { page, errors } = await openPage(site, PAGE);
    await page.locator('#extract-file').setInputFiles({ name: 'rapport.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 rien') });
    await expect.poll(async () => plain(await page.locator('.kit-status').innerText()), { timeout: 20_000 }).toBe('Fichier illisible : « rapport.pdf » est un document PDF, pas un extrait de données. Exportez les données au format CSV ou Excel (.xlsx).');
    expect(errors).toEqual([]);
  });

  it('has no accessibility violation, mapping and report shown, at phone and desktop widths', async () => {
    for (const width of [390, 1280]) {
      const { page } = await openPage(site, PAGE);
      await page.setViewportSize({ width, height: 900 });
      await dropExtract(page, 'titulaires-erreurs.csv', titulairesWithErrors());
      expect(await axeViolations(page, '.extract-validator')).toEqual([]);
      await runExtract(page);
      expect(await axeViolations(page, '.extract-validator')).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
  }, 120_000);
});
