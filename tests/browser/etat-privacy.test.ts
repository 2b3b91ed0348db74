// No byte of an état des lieux or a kit leaves the browser on the new pages: validating, exporting,
// building the pre-filled kit and crossing both files make no request with a body and none to another
// origin, and the pages and their workers are served with the strict Content-Security-Policy.
import type { Request, Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillValidKit } from '../fixtures/kit/fill.ts';
import { fillValidEtat } from '../fixtures/etat-des-lieux/fill.ts';
import { expectLockedDown, openPage, useSite } from './harness.ts';

const site = useSite();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let etat: Uint8Array;
let kit: Uint8Array;

beforeAll(async () => {
  const template = async (name: string) => new Uint8Array(await (await fetch(`${site.url}/dictionnaire/latest/${name}-latest.xlsx`)).arrayBuffer());
  etat = await fillValidEtat(await template('etat-des-lieux'));
  kit = await fillValidKit(await template('kit-diagnostic'));
});

const offending = (requests: readonly Request[]) => {
  const origin = new URL(site.url).origin;
  return requests
    .filter((request) => request.postData() !== null || !['GET', 'HEAD'].includes(request.method()) || (!request.url().startsWith(origin) && !/^(blob|data):/.test(request.url())))
    .map((request) => `${request.method()} ${request.url()}`);
};

describe('no byte of the état des lieux leaves the browser', () => {
  it('état des lieux page: validating, the exports and the pre-filled kit send nothing', async () => {
    const { page, errors } = await openPage(site, '/verifier/etat-des-lieux/');
    const during: Request[] = [];
    const responses: Response[] = [];
    page.context().on('request', (request) => during.push(request));
    page.context().on('response', (response) => responses.push(response));
    const pageResponse = await page.reload({ waitUntil: 'networkidle' });
    await page.locator('#edl-file').setInputFiles({ name: 'etat.xlsx', mimeType: XLSX, buffer: Buffer.from(etat) });
    await page.locator('.kit-report[aria-busy="false"]').waitFor({ timeout: 30_000 });
    for (const name of ['Copie annotée du classeur (.xlsx)', 'Reçu de vérification (JSON)', 'Construire le kit pré-rempli (.xlsx)']) {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      await file.path();
    }
    expect(offending(during)).toEqual([]);
    await expectLockedDown(pageResponse);
    await expectLockedDown(responses.find((response) => /etat\.worker[^/]*\.js$/.test(response.url())));
    expect(errors).toEqual([]);
  });

  it('cross-check page: both files checked and crossed, the combined receipt built, nothing sent', async () => {
    const { page, errors } = await openPage(site, '/verifier/croisement/');
    const during: Request[] = [];
    const responses: Response[] = [];
    page.context().on('request', (request) => during.push(request));
    page.context().on('response', (response) => responses.push(response));
    const pageResponse = await page.reload({ waitUntil: 'networkidle' });
    await page.locator('#croisement-file').setInputFiles([
      { name: 'etat.xlsx', mimeType: XLSX, buffer: Buffer.from(etat) },
      { name: 'kit.xlsx', mimeType: XLSX, buffer: Buffer.from(kit) },
    ]);
    await page.locator('.cross-result').waitFor({ timeout: 30_000 });
    const [receipt] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Reçu de vérification croisée (JSON)' }).click()]);
    await receipt.path();
    expect(offending(during)).toEqual([]);
    await expectLockedDown(pageResponse);
    await expectLockedDown(responses.find((response) => /croisement\.worker[^/]*\.js$/.test(response.url())));
    expect(errors).toEqual([]);
  });
});
