// The pages « Liste des contrôles »: every catalogued rule has its entry and anchor, each page is axe-clean
// at phone and desktop widths in both themes, each validator page links to its list, and every finding of
// a report links to an entry that exists.
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import { allFields, type Dictionary } from '../../src/core/dictionary/model.ts';
import { catalogues } from '../../src/core/rules/catalogue.ts';
import { frenchTypography } from '../../src/core/typography.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { csvBytes, sampleTable } from '../fixtures/extract/files.ts';
import { plants } from '../fixtures/extract/plants.ts';
import { fillValidKit, mistakeContext, mistakes } from '../fixtures/kit/fill.ts';
import { axeViolations, useSite } from './harness.ts';

const site = useSite();
const list = Object.values(catalogues);
const dictionary = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;

async function withContext<T>(options: { width: number; theme: 'light' | 'dark' }, run: (page: Page) => Promise<T>): Promise<T> {
  const context: BrowserContext = await site.browser.newContext({ viewport: { width: options.width, height: 900 }, locale: 'fr-FR' });
  await context.addInitScript((value) => window.localStorage.setItem('starlight-theme', value), options.theme);
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

/** The anchors a report's findings link to, and whether each exists on its catalogue page. */
async function findingLinks(page: Page, selector: string): Promise<{ issues: number; links: string[] }> {
  const issues = await page.locator(selector).count();
  const links = await page.locator(`${selector} a[href*="/controles/#"]`).evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
  return { issues, links };
}

async function anchorsExist(links: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const [path, ids] of Object.entries(Object.groupBy(links, (link) => link.split('#')[0] ?? ''))) {
    const html = await (await fetch(site.url + path)).text();
    for (const link of new Set(ids)) if (!html.includes(`id="${link.split('#')[1]}"`)) missing.push(link);
  }
  return missing;
}

describe('the pages « Liste des contrôles »', () => {
  it.each(list.map((catalogue) => [catalogue.page, catalogue] as const))('%s lists every rule with its anchor, title, severity and example', async (_, catalogue) => {
    await withContext({ width: 1280, theme: 'light' }, async (page) => {
      await page.goto(site.url + catalogue.page, { waitUntil: 'networkidle' });
      expect(await page.locator('h1').textContent()).toBe(`Liste des contrôles ${catalogue.of}`);
      const entries = await page.locator('.rule dt').evaluateAll((dts) => dts.map((dt) => ({ id: dt.id, text: dt.textContent ?? '', example: dt.nextElementSibling?.textContent ?? '' })));
      expect(entries.map((entry) => entry.id)).toEqual(expect.arrayContaining(catalogue.rules.map((rule) => rule.id)));
      expect(entries).toHaveLength(catalogue.rules.length);
      for (const rule of catalogue.rules) {
        const entry = entries.find((e) => e.id === rule.id)!;
        expect(entry.text).toContain(frenchTypography(rule.title));
        expect(entry.example, rule.id).toMatch(/^Exemple, /);
      }
      expect(await page.locator(`main a[href="${catalogue.validatorPage}"]`).count()).toBeGreaterThan(0);
    });
  });

  for (const width of [390, 1280]) {
    for (const theme of ['light', 'dark'] as const) {
      it.each(list.map((catalogue) => [catalogue.page] as const))(`%s: axe-clean at ${width} px, ${theme === 'light' ? 'clair' : 'sombre'}, no horizontal overflow`, async (path) => {
        await withContext({ width, theme }, async (page) => {
          await page.goto(site.url + path, { waitUntil: 'networkidle' });
          expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
          expect(await axeViolations(page)).toEqual([]);
          expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        });
      });
    }
  }

  it.each(list.map((catalogue) => [catalogue.validatorPage, catalogue] as const))('the validator page %s links to its list', async (path, catalogue) => {
    const html = await (await fetch(site.url + path)).text();
    expect(html).toContain(`href="${catalogue.page}"`);
  });
});

describe('every finding of a report links to its rule', () => {
  it('in the kit report', async () => {
    const fields = allFields(dictionary);
    const template = new Uint8Array(await (await fetch(`${site.url}/dictionnaire/latest/kit-diagnostic-latest.xlsx`)).arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await fillValidKit(template)).slice().buffer);
    for (const mistake of mistakes(mistakeContext(fields)).slice(0, 8)) mistake.plant(workbook);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    await withContext({ width: 1280, theme: 'light' }, async (page) => {
      await page.goto(site.url + catalogues.kit.validatorPage, { waitUntil: 'networkidle' });
      await page.locator('#kit-file').setInputFiles({ name: 'kit.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
      await page.locator('.kit-report[aria-busy="false"]').waitFor({ timeout: 30_000 });
      const { issues, links } = await findingLinks(page, '.kit-issue');
      expect(issues).toBeGreaterThan(0);
      expect(links).toHaveLength(issues);
      expect(links.every((link) => link.startsWith(catalogues.kit.page))).toBe(true);
      expect(await anchorsExist(links)).toEqual([]);
    });
  });

  it('in the extract report', async () => {
    const table = sampleTable(dictionary, 'titulaire', 40, 3);
    for (const [, row, code, value] of plants.filter(([entity]) => entity === 'titulaire')) table[row + 1]![table[0]!.indexOf(code)] = value;
    await withContext({ width: 1280, theme: 'light' }, async (page) => {
      await page.goto(site.url + catalogues.extrait.validatorPage, { waitUntil: 'networkidle' });
      await page.locator('#extract-file').setInputFiles({ name: 'titulaires.csv', mimeType: 'text/csv', buffer: Buffer.from(csvBytes(table)) });
      await page.locator('#extract-mapping-title').waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Vérifier l’extrait' }).click();
      await page.locator('.extract-report[aria-busy="false"]').waitFor({ timeout: 30_000 });
      const { issues, links } = await findingLinks(page, '.extract-report .kit-issue');
      expect(issues).toBeGreaterThan(0);
      expect(links).toHaveLength(issues);
      expect(await anchorsExist(links)).toEqual([]);
    });
  });
});
