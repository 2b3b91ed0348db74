import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererMemorySampler } from '../../src/node/renderer-memory.ts';
import { writeCsv } from '../fixtures/extract/large.ts';
import { openPage, useSite } from './harness.ts';
import { inForceDictionary } from './built-versions.ts';

const site = useSite();
const dictionary = inForceDictionary;
// Enough rows of the version in force to pass 200 MB (about 172 bytes a row).
const ROWS = 1_250_000;
const dir = mkdtempSync(join(tmpdir(), 'agora-extract-large-'));
const file = join(dir, `dossiers-${ROWS}.csv`);

// Generated as a stream, never held in memory, removed after the test.
beforeAll(() => writeCsv(file, dictionary, 'dossier', 20, ROWS), 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a CSV file of 200 MB', () => {
  it('validates in Chromium with the tab under 1 GB', async () => {
    expect(statSync(file).size).toBeGreaterThan(200 * 1024 * 1024);
    const memory = rendererMemorySampler();
    const { page, errors } = await openPage(site, '/verifier/extrait-de-donnees/');
    // A path: the browser reads the file from disk, as when a partner picks it.
    await page.locator('#extract-file').setInputFiles(file);
    await page.locator('.extract-run').waitFor({ timeout: 60_000 });
    memory.start();
    await page.locator('.extract-run').click();
    await page.locator('.extract-report[aria-busy="false"]').waitFor({ timeout: 600_000 });
    const peak = memory.stop();
    expect(await page.locator('.extract-report').getAttribute('data-rows')).toBe(String(ROWS));
    expect(await page.locator('#extract-report-title').textContent()).toContain('Conforme');
    expect(errors).toEqual([]);
    if (memory.supported) {
      // A peak of zero would mean no renderer was found: the measure itself would be broken.
      expect(peak, `pic mémoire de l’onglet : ${peak} Mo`).toBeGreaterThan(50);
      expect(peak, `pic mémoire de l’onglet : ${peak} Mo`).toBeLessThan(1024);
    }
  }, 900_000);
});
