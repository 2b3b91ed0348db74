import type { Page, Request, Response, Route } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { fillValidKit } from '../fixtures/kit/fill.ts';
import { expectLockedDown, keepWorkersBusy, openPage, useSite } from './harness.ts';

const site = useSite();
const PAGE = '/verifier/kit-de-diagnostic/';
const WORKER_SCRIPT = /kit\.worker[^/]*\.js$/;
let valid: Uint8Array;

beforeAll(async () => {
  valid = await fillValidKit(new Uint8Array(await (await fetch(`${site.url}/dictionnaire/latest/kit-diagnostic-latest.xlsx`)).arrayBuffer()));
});

describe('no byte of the kit leaves the browser', () => {
  it('makes no request with a body and none to another origin while validating and exporting', async () => {
    const { page, errors } = await openPage(site, PAGE);
    const during: Request[] = [];
    page.on('request', (request) => during.push(request));
    page.context().on('request', (request) => during.push(request));
    await page.locator('#kit-file').setInputFiles({ name: 'kit.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(valid) });
    await page.locator('.kit-report[aria-busy="false"]').waitFor({ timeout: 20_000 });
    // Each download is awaited to its end, so none is still being written when the browser closes.
    for (const name of ['Copie annotée du classeur (.xlsx)', 'Reçu de vérification (JSON)']) {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      await file.path();
    }
    const origin = new URL(site.url).origin;
    const offending = during.filter((request) => request.postData() !== null || !['GET', 'HEAD'].includes(request.method()) || (!request.url().startsWith(origin) && !/^(blob|data):/.test(request.url())));
    expect(offending.map((request) => `${request.method()} ${request.url()}`)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('serves the page and the worker script with the strict Content-Security-Policy', async () => {
    const { page } = await openPage(site, '/');
    const responses: Response[] = [];
    page.context().on('response', (response) => responses.push(response));
    const pageResponse = await page.goto(`${site.url}${PAGE}`, { waitUntil: 'networkidle' });
    await page.locator('#kit-file').setInputFiles({ name: 'kit.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(valid) });
    await page.locator('.kit-report[aria-busy="false"]').waitFor({ timeout: 20_000 });
    const worker = responses.find((response) => WORKER_SCRIPT.test(response.url()));
    expect(worker, 'worker script loaded').toBeDefined();
    for (const response of [pageResponse, worker]) await expectLockedDown(response);
  });

  it('validates, cancels and validates again with the network cut once the page is loaded', async () => {
    const { context, page, errors } = await openWithBothWorkers();
    await context.setOffline(true);

    const drop = async (name: string) => {
      await page.locator('#kit-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(valid) });
      await page.locator('.kit-report[aria-busy="false"]').waitFor({ timeout: 20_000 });
      return page.locator('#kit-report-title').textContent();
    };
    expect(await drop('kit.xlsx')).toContain('Conforme');

    await startAndCancel(page, valid);
    expect(await drop('kit-apres-annulation.xlsx')).toContain('Conforme');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Rapport (CSV pour Excel)' }).click()]);
    expect(csv.suggestedFilename()).toBe('kit-apres-annulation-rapport.csv');
    // ExcelJS is fetched only when an annotated copy is asked for: offline, the page says so in French.
    await page.getByRole('button', { name: 'Copie annotée du classeur (.xlsx)' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('la connexion semble coupée');
    // Back online, the same button works.
    await context.setOffline(false);
    const [annotated] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Copie annotée du classeur (.xlsx)' }).click()]);
    expect(annotated.suggestedFilename()).toBe('kit-apres-annulation-annote.xlsx');
    await annotated.path();
    expect(errors).toEqual([]);
  });

  it('says in French that the validator cannot restart when its module cannot be loaded, and recovers once it can', async () => {
    const { context, page, errors } = await openWithBothWorkers();
    // Offline, a browser may still start workers from its HTTP cache (the assets are immutable); a route
    // turns the cache off, so that the worker script really cannot be fetched, as on a first visit.
    const unreachable = (route: Route) => route.abort('internetdisconnected');
    await context.route(WORKER_SCRIPT, unreachable);
    await context.setOffline(true);
    // The first cancel uses the spare worker; the second has none left and no network to load one.
    await startAndCancel(page, valid);
    await startAndCancel(page, valid);
    await page.locator('#kit-file').setInputFiles({ name: 'kit.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(valid) });
    await expect.poll(() => page.locator('.kit-status').textContent()).toContain('Le module de vérification n’a pas pu être chargé');
    await context.unroute(WORKER_SCRIPT, unreachable);
    await context.setOffline(false);
    await page.locator('#kit-file').setInputFiles({ name: 'kit.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(valid) });
    await page.locator('.kit-report[aria-busy="false"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('#kit-report-title').textContent()).toContain('Conforme');
    expect(errors).toEqual([]);
  });
});

/** The validator page, once the worker in use and its spare have both loaded; uncaught page errors are collected. */
async function openWithBothWorkers() {
  const context = await site.browser.newContext({ locale: 'fr-FR' });
  onTestFinished(() => context.close());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  let workerScripts = 0;
  context.on('requestfinished', (request) => {
    if (WORKER_SCRIPT.test(request.url())) workerScripts += 1;
  });
  await page.goto(`${site.url}${PAGE}`, { waitUntil: 'networkidle' });
  // The spare worker loads once the first reports ready: on a busy machine, that takes more than a second.
  await expect.poll(() => workerScripts, { timeout: 15_000 }).toBe(2);
  return { context, page, errors };
}

/** Starts a validation and cancels it while the workers are kept busy, so that it is still running. */
async function startAndCancel(page: Page, bytes: Uint8Array) {
  keepWorkersBusy(page, 1500);
  await page.locator('#kit-file').setInputFiles({ name: 'long.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await page.getByRole('button', { name: 'Annuler la vérification' }).click();
  await expect.poll(() => page.locator('.kit-status').textContent()).toContain('Vérification annulée');
}
