// Issue 16, « Done when »: the two SIRET cases of the issue get one severity, one message and one fix on the
// kit page, the état des lieux page and the extract page, in the browser; the SIREN case names the SIREN.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import type { Dictionary } from '../../src/core/dictionary/model.ts';
import { etatSheets } from '../../src/core/etat-des-lieux/layout.ts';
import { sheetNames } from '../../src/core/kit/layout.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { fillValidEtat, plantEtat, sheetOf } from '../fixtures/etat-des-lieux/fill.ts';
import { csvBytes, sampleTable } from '../fixtures/extract/files.ts';
import { fillValidKit, plant, sheet } from '../fixtures/kit/fill.ts';
import { dropExtract, runExtract } from './extract-validator.test.ts';
import { openPage, useSite } from './harness.ts';

const site = useSite();
const dictionary = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
const cases = ['732.829.320.00017', '55658505644848'];

let kit: Uint8Array;
let etat: Uint8Array;
beforeAll(async () => {
  const bytes = async (path: string) => new Uint8Array(await (await fetch(`${site.url}${path}`)).arrayBuffer());
  kit = await fillValidKit(await bytes('/dictionnaire/latest/kit-diagnostic-latest.xlsx'));
  etat = await fillValidEtat(await bytes('/dictionnaire/latest/etat-des-lieux-latest.xlsx'));
});

/** The issue shown at a place: severity, message, value and fix as the page words them. */
async function shown(page: Page, place: string): Promise<string[]> {
  const items = page.locator('.kit-issue').filter({ has: page.locator('code', { hasText: place }) });
  const texts = await items.evaluateAll((nodes) => nodes.map((node) => [...node.querySelectorAll('p')].slice(1).filter((p) => !p.querySelector('a')).map((p) => p.textContent ?? '').join(' | ')));
  const severities = await items.locator('.kit-severity').allTextContents();
  return texts.map((text, i) => `${severities[i]} | ${plain(text)}`);
}

async function onWorkbookPage(path: string, input: string, bytes: Uint8Array): Promise<string[]> {
  const { page } = await openPage(site, path);
  await page.locator(input).setInputFiles({ name: 'classeur.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await page.locator('.kit-report[aria-busy="false"]').waitFor({ timeout: 30_000 });
  return shown(page, 'Partenaire!B3');
}

describe('the SIRET cases of issue 16 on the three validator pages', () => {
  for (const value of cases) {
    it(`« ${value} » gets the same finding on the kit, état des lieux and extract pages`, async () => {
      const onKit = await onWorkbookPage('/verifier/kit-de-diagnostic/', '#kit-file', await plant(kit, (w) => (sheet(w, sheetNames.partner).getCell('B3').value = value)));
      const onEtat = await onWorkbookPage('/verifier/etat-des-lieux/', '#edl-file', await plantEtat(etat, (w) => (sheetOf(w, etatSheets.partner).getCell('B3').value = value)));
      const table = sampleTable(dictionary, 'organisme', 20, 3);
      table[1]![table[0]!.indexOf('ORG_SIRET')] = value;
      const { page } = await openPage(site, '/verifier/extrait-de-donnees/');
      await dropExtract(page, 'organismes.csv', csvBytes(table));
      await runExtract(page);
      const column = String.fromCharCode(65 + table[0]!.indexOf('ORG_SIRET'));
      const onExtract = await shown(page, `${column}2`);
      expect(onKit).toHaveLength(1);
      expect(onKit[0]).toMatch(/^Erreur \| /);
      expect(onEtat).toEqual(onKit);
      expect(onExtract).toEqual(onKit);
      if (value === '55658505644848') expect(onKit[0]).toContain('SIREN');
    });
  }
});
