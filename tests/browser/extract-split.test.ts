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
import { openPage, useSite } from './harness.ts';

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

describe('a large CSV on the extract page', () => {
  it('is checked by several Workers at once, with the report and the CSV of issues of one reader', async () => {
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(SPLIT_MIN_BYTES * 2);
    const blob = await openAsBlob(file);
    const one = await runExtract(blob, 'dossiers-planted.csv', dictionary, 'dossier');
    expect(one.report.issues.filter((issue) => issue.rule === 'record.duplicate-key').length).toBeGreaterThan(3);

    const { page, errors } = await openPage(site, '/verifier/extrait-de-donnees/');
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    // The machines this suite runs on have at least two cores: with one, nothing would be split.
    expect(partCount(size, cores)).toBeGreaterThan(1);
    await page.locator('#extract-file').setInputFiles(file);
    await page.locator('.extract-run').waitFor({ timeout: 60_000 });
    await page.locator('.extract-run').click();
    const report = page.locator('.extract-report[aria-busy="false"]');
    await report.waitFor({ timeout: 300_000 });
    expect(await report.getAttribute('data-workers')).toBe(String(partCount(size, cores)));
    expect(await report.getAttribute('data-rows')).toBe(String(one.report.rows));
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tous les problèmes (CSV pour Excel)' }).click()]);
    expect(await saved(csv)).toBe(one.csv);
    const [receipt] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Reçu de vérification (JSON)' }).click()]);
    const { verifieLe: _time, ...fromPage } = JSON.parse(await saved(receipt));
    expect(fromPage.problemes).toEqual({ erreurs: one.report.counts.erreur, avertissements: one.report.counts.avertissement, informations: one.report.counts.information });
    expect(fromPage.lignes).toBe(one.report.rows);
    expect(fromPage.fichier.sha256).toBe(await sha256OfBlob(blob));
    expect(fromPage.champs.map((field: { remplis: number; lignesEnErreur: number }) => [field.remplis, field.lignesEnErreur])).toEqual(one.report.columns.map((column) => [column.filled, column.invalid]));
    expect(errors).toEqual([]);
  }, 600_000);
});
