import type { Request, Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillValidKit } from '../fixtures/kit/fill.ts';
import { openPage, useSite } from './harness.ts';

const site = useSite();
const PAGE = '/verifier/kit-de-diagnostic/';
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
    await page.locator('#kit-report-title').waitFor({ timeout: 20_000 });
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
    await page.locator('#kit-report-title').waitFor({ timeout: 20_000 });
    const worker = responses.find((response) => /kit\.worker[^/]*\.js$/.test(response.url()));
    expect(worker, 'worker script loaded').toBeDefined();
    for (const response of [pageResponse, worker]) {
      const csp = (await response?.allHeaders())?.['content-security-policy'] ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toContain("'unsafe-eval'");
    }
  });

  it('validates with the network cut once the page is loaded', async () => {
    const { page, errors } = await openPage(site, PAGE);
    await page.context().setOffline(true);
    await page.locator('#kit-file').setInputFiles({ name: 'kit.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(valid) });
    await page.locator('#kit-report-title').waitFor({ timeout: 20_000 });
    expect(await page.locator('#kit-report-title').textContent()).toContain('Conforme');
    expect(errors).toEqual([]);
  });
});
