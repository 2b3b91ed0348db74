import type { Page, Request, Response } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { csvBytes, sampleTable } from '../fixtures/extract/files.ts';
import { expectLockedDown, keepWorkersBusy, openPage, useSite } from './harness.ts';
import { inForceDictionary } from './built-versions.ts';

const site = useSite();
const PAGE = '/verifier/extrait-de-donnees/';
const WORKER_SCRIPT = /extract\.worker[^/]*\.js$/;
const RULES = /dictionnaire-agora-[\d.]+\.json$/;
const dictionary = inForceDictionary;
const extract = () => {
  const table = sampleTable(dictionary, 'titulaire', 500, 3);
  table[7]![table[0]!.indexOf('TIT_NIR')] = '1844575123456';
  return Buffer.from(csvBytes(table));
};

async function validate(page: Page, name: string) {
  await page.locator('#extract-file').setInputFiles({ name, mimeType: 'text/csv', buffer: extract() });
  await page.locator('.extract-run').click();
  await page.locator('.extract-report[aria-busy="false"]').waitFor({ timeout: 30_000 });
  return page.locator('#extract-report-title').textContent();
}

describe('no byte of an extract leaves the browser', () => {
  it('makes no request with a body and none to another origin while validating and exporting', async () => {
    const { page, errors } = await openPage(site, PAGE);
    const during: Request[] = [];
    page.context().on('request', (request) => during.push(request));
    expect(await validate(page, 'titulaires.csv')).toContain('À corriger avant envoi');
    for (const name of ['Tous les problèmes (CSV pour Excel)', 'Reçu de vérification (JSON)']) {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      await file.path();
    }
    const origin = new URL(site.url).origin;
    const offending = during.filter((request) => request.postData() !== null || !['GET', 'HEAD'].includes(request.method()) || (!request.url().startsWith(origin) && !/^(blob|data):/.test(request.url())));
    expect(offending.map((request) => `${request.method()} ${request.url()}`)).toEqual([]);
    // The only fetches are the site's own published rules, made when the workers start.
    expect(during.filter((request) => request.resourceType() === 'fetch').every((request) => RULES.test(request.url()))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('serves the page and the worker script with the strict Content-Security-Policy', async () => {
    const context = await site.browser.newContext({ locale: 'fr-FR' });
    onTestFinished(() => context.close());
    const page = await context.newPage();
    const responses: Response[] = [];
    context.on('response', (response) => responses.push(response));
    const pageResponse = await page.goto(`${site.url}${PAGE}`, { waitUntil: 'networkidle' });
    await validate(page, 'titulaires.csv');
    const worker = responses.find((response) => WORKER_SCRIPT.test(response.url()));
    expect(worker, 'worker script loaded').toBeDefined();
    for (const response of [pageResponse, worker]) await expectLockedDown(response);
  });

  it('validates, cancels and validates again with the network cut once the page is loaded', async () => {
    const context = await site.browser.newContext({ locale: 'fr-FR' });
    onTestFinished(() => context.close());
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    let loaded = { workers: 0, rules: 0 };
    context.on('requestfinished', (request) => {
      if (WORKER_SCRIPT.test(request.url())) loaded = { ...loaded, workers: loaded.workers + 1 };
      if (RULES.test(request.url())) loaded = { ...loaded, rules: loaded.rules + 1 };
    });
    await page.goto(`${site.url}${PAGE}`, { waitUntil: 'networkidle' });
    // The worker in use and its spare have both loaded, and fetched the rules of every version.
    await expect.poll(() => loaded.workers, { timeout: 30_000 }).toBe(2);
    await expect.poll(() => loaded.rules, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await context.setOffline(true);
    expect(await validate(page, 'hors-ligne.csv')).toContain('À corriger avant envoi');

    // Cancelled while the worker is kept busy (so that it is still running): the spare takes over, with no network.
    await page.locator('#extract-file').setInputFiles({ name: 'long.csv', mimeType: 'text/csv', buffer: extract() });
    await page.locator('.extract-run').waitFor();
    keepWorkersBusy(page, 3000);
    await page.locator('.extract-run').click();
    await page.getByRole('button', { name: 'Annuler la vérification' }).click();
    await expect.poll(() => page.locator('.kit-status').textContent(), { timeout: 20_000 }).toContain('Vérification annulée');
    expect(await validate(page, 'apres-annulation.csv')).toContain('À corriger avant envoi');
    expect(errors).toEqual([]);
  }, 120_000);
});
