import type { Download } from 'playwright-core';
import { mkdtempSync, openAsBlob, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partCount, SPLIT_MIN_BYTES } from '../../src/core/extract/parts.ts';
import { sha256OfBlob } from '../../src/core/extract/sha256.ts';
import { extractShape, writeLines } from '../fixtures/extract/large.ts';
import { runExtract } from '../fixtures/extract/run.ts';
import { inForceDictionary } from './built-versions.ts';
import { keepWorkersBusy, openPage, useSite } from './harness.ts';

const site = useSite();
const dictionary = inForceDictionary;
const ROWS = 240_000;
const dir = mkdtempSync(join(tmpdir(), 'agora-extract-split-'));
const file = join(dir, 'dossiers-planted.csv');

/**
 * Dossiers past the size at which the page splits a CSV: an error planted every 997 rows, a quoted value
 * with « ; » and a line end every 1,009, and from mid-file on, the keys of the first rows again (duplicates
 * of another range).
 */
beforeAll(async () => {
  const shape = extractShape(dictionary, 'dossier', 20);
  const codes = shape.fields.map((field) => field.code);
  const hours = codes.indexOf('DOS_HEURES_PREVUES');
  const key = codes.indexOf('DOS_IDENTIFIANT');
  const label = shape.fields.findIndex((field) => field.type === 'texte' && field.code !== 'DOS_IDENTIFIANT');
  const cell = (text: string) => (/[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  await writeLines(file, `\ufeff${codes.join(';')}\r\n`, ROWS, (n) => {
    const row = shape.row(n);
    if (n % 997 === 5) row[hours] = 'douze';
    if (n % 1009 === 7 && label >= 0) row[label] = 'deux ; lignes\r\net « é »';
    if (n > ROWS / 2 && n % 20_011 === 0) row[key] = shape.row(n % 13)[key] as string;
    return `${row.map(cell).join(';')}\r\n`;
  });
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const saved = async (download: Download) => readFileSync((await download.path()) as string, 'utf8');
let oneReader: Promise<Awaited<ReturnType<typeof runExtract>>> | undefined;
/** The file checked by one reader, in Node: what every run of the page must give. */
const one = () => (oneReader ??= openAsBlob(file).then((blob) => runExtract(blob, 'dossiers-planted.csv', dictionary, 'dossier')));

/** The page with the file chosen and its columns mapped, ready to run. */
async function ready(path = '/verifier/extrait-de-donnees/') {
  const opened = await openPage(site, path);
  await opened.page.locator('#extract-file').setInputFiles(file);
  await opened.page.locator('.extract-run').waitFor({ timeout: 60_000 });
  return opened;
}

describe('a large CSV on the extract page', () => {
  it('is checked by several Workers at once, with the report and the CSV of issues of one reader', async () => {
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(SPLIT_MIN_BYTES * 2);
    const blob = await openAsBlob(file);
    const { report: oneReport, csv: oneCsv } = await one();
    expect(oneReport.issues.filter((issue) => issue.rule === 'record.duplicate-key').length).toBeGreaterThan(3);

    const { page, errors } = await ready();
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    // The machines this suite runs on have at least two cores: with one, nothing would be split.
    expect(partCount(size, cores)).toBeGreaterThan(1);
    await page.locator('.extract-run').click();
    const report = page.locator('.extract-report[aria-busy="false"]');
    await report.waitFor({ timeout: 300_000 });
    expect(await report.getAttribute('data-workers')).toBe(String(partCount(size, cores)));
    expect(await report.getAttribute('data-rows')).toBe(String(oneReport.rows));
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tous les problèmes (CSV pour Excel)' }).click()]);
    expect(await saved(csv)).toBe(oneCsv);
    const [receipt] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Reçu de vérification (JSON)' }).click()]);
    const { verifieLe: _time, ...fromPage } = JSON.parse(await saved(receipt));
    expect(fromPage.problemes).toEqual({ erreurs: oneReport.counts.erreur, avertissements: oneReport.counts.avertissement, informations: oneReport.counts.information });
    expect(fromPage.lignes).toBe(oneReport.rows);
    expect(fromPage.fichier.sha256).toBe(await sha256OfBlob(blob));
    expect(fromPage.champs.map((field: { remplis: number; lignesEnErreur: number }) => [field.remplis, field.lignesEnErreur])).toEqual(oneReport.columns.map((column) => [column.filled, column.invalid]));
    expect(errors).toEqual([]);
  }, 600_000);

  it('is checked by one reader, with the same result, when the copies of the Worker cannot start', async () => {
    const { report: oneReport, csv: oneCsv } = await one();
    const { page } = await ready();
    // In the Worker and its spare, a copy's script cannot be fetched (as when the network is cut).
    expect(page.workers().length).toBeGreaterThan(0);
    for (const worker of page.workers()) {
      await worker.evaluate(() => {
        const RealWorker = Worker;
        const absent = new URL('/_astro/script-introuvable.js', self.location.href).href;
        self.Worker = class extends RealWorker {
          constructor(_script: string | URL, options?: WorkerOptions) {
            super(absent, options);
          }
        };
      });
    }
    await page.locator('.extract-run').click();
    const report = page.locator('.extract-report[aria-busy="false"]');
    await report.waitFor({ timeout: 300_000 });
    expect(await report.getAttribute('data-workers')).toBe('1');
    expect(await report.getAttribute('data-rows')).toBe(String(oneReport.rows));
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tous les problèmes (CSV pour Excel)' }).click()]);
    expect(await saved(csv)).toBe(oneCsv);
  }, 600_000);

  it('stops every Worker reading it when cancelled', async () => {
    const { page } = await ready();
    const idle = page.workers().length;
    await page.locator('.extract-run').click();
    // The copies started: the page holds more Workers than before the run.
    await expect.poll(() => page.workers().length, { timeout: 60_000 }).toBeGreaterThan(idle);
    // Kept busy, so that they are still at work when « Annuler » is pressed, however fast the machine.
    keepWorkersBusy(page, 3000);
    await page.getByRole('button', { name: 'Annuler la vérification' }).click();
    await expect.poll(() => page.locator('.kit-status').textContent(), { timeout: 20_000 }).toContain('Vérification annulée');
    // The one in use is replaced by its spare, which loads a spare of its own: as many as before the run.
    await expect.poll(() => page.workers().length, { timeout: 20_000 }).toBe(idle);
  }, 600_000);
});
