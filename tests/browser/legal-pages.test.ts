// The three pages every French public site owes its readers, in a real browser: axe-clean at phone and
// desktop widths in both themes; and what the personal-data page claims, checked: the browser keeps only
// the entries it lists, no cookie is set, nothing is loaded from another site. Also, while the dictionary
// is composed, the validator's report and printed receipt say so.
import { describe, expect, it } from 'vitest';
import { composedNotice } from '../../src/core/dictionary/origin.ts';
import { browserStorage, legalPages, VIEWPORTS } from '../../src/data/legal.ts';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import type { Dictionary } from '../../src/core/dictionary/model.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { csvBytes, sampleTable } from '../fixtures/extract/files.ts';
import { fillValidKit } from '../fixtures/kit/fill.ts';
import { axeViolations, useSite } from './harness.ts';

const site = useSite();
const dictionary = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
const plain = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

describe('legal pages', () => {
  for (const width of VIEWPORTS) {
    for (const theme of ['light', 'dark'] as const) {
      it(`pass axe at ${width} px in the ${theme} theme`, async () => {
        const context = await site.browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } });
        await context.addInitScript((value) => window.localStorage.setItem('starlight-theme', value), theme);
        const page = await context.newPage();
        const violations: string[] = [];
        for (const { href } of legalPages) {
          await page.goto(site.url + href, { waitUntil: 'networkidle' });
          expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
          violations.push(...(await axeViolations(page)).map((violation) => `${href}: ${violation}`));
        }
        expect(violations).toEqual([]);
        // The accessibility statement names the widths and themes tested here, the same declaration.
        await page.goto(`${site.url}/accessibilite/`, { waitUntil: 'networkidle' });
        expect(plain((await page.locator('[data-automated-checks]').textContent()) ?? '')).toContain(`${plain(width.toLocaleString('fr-FR'))} px`);
        await context.close();
      }, 60_000);
    }
  }
});

describe('what the personal-data page states', () => {
  it('the browser keeps only the listed entries, no cookie, nothing from another site', async () => {
    const context = await site.browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(site.url) && !/^(data|blob):/.test(request.url())) foreign.push(request.url());
    });
    await page.goto(`${site.url}/guide/suivi/`, { waitUntil: 'networkidle' });
    await page.locator('.checklist input[type="checkbox"]').first().check();
    await page.locator('starlight-theme-select select').first().selectOption('dark');
    for (const path of ['/', '/guide/', '/dictionnaire/', '/verifier/kit-de-diagnostic/', '/donnees-personnelles/']) await page.goto(site.url + path, { waitUntil: 'networkidle' });
    const stored = await page.evaluate(() => ({
      localStorage: Object.keys(localStorage),
      sessionStorage: Object.keys(sessionStorage),
      cookie: document.cookie,
    }));
    const listed = (area: string): string[] => browserStorage.filter((entry) => entry.area === area).map((entry) => entry.key);
    expect(stored.localStorage.filter((key) => !listed('localStorage').includes(key))).toEqual([]);
    expect(stored.sessionStorage.filter((key) => !listed('sessionStorage').includes(key))).toEqual([]);
    // Each listed entry is really written: the page does not describe storage that does not happen.
    expect([...stored.localStorage].sort()).toEqual([...listed('localStorage')].sort());
    expect(stored.cookie).toBe('');
    expect(await context.cookies()).toEqual([]);
    expect(foreign).toEqual([]);
    const text = plain((await page.locator('main').textContent()) ?? '');
    for (const entry of browserStorage) expect(text).toContain(entry.key);
    await context.close();
  }, 60_000);
});

describe('the validator’s report, while the dictionary is composed', () => {
  it('states it in the report and in the printed receipt', async () => {
    const context = await site.browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const template = new Uint8Array(await (await fetch(`${site.url}/dictionnaire/latest/kit-diagnostic-latest.xlsx`)).arrayBuffer());
    await page.goto(`${site.url}/verifier/kit-de-diagnostic/`, { waitUntil: 'networkidle' });
    await page.locator('#kit-file').setInputFiles({ name: 'kit.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(await fillValidKit(template)) });
    await page.locator('.kit-report[aria-busy="false"]').waitFor({ timeout: 20_000 });
    expect(plain((await page.locator('.kit-report .origin-note').first().textContent()) ?? '')).toContain(plain(composedNotice.text));
    await page.locator('.kit-receipt .origin-note').waitFor({ state: 'attached', timeout: 20_000 });
    await context.close();
  }, 60_000);

  it('states it in the extract validator’s report', async () => {
    const context = await site.browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${site.url}/verifier/extrait-de-donnees/`, { waitUntil: 'networkidle' });
    await page.locator('#extract-file').setInputFiles({ name: 'titulaires.csv', mimeType: 'text/csv', buffer: Buffer.from(csvBytes(sampleTable(dictionary, 'titulaire', 20, 3))) });
    await page.locator('#extract-mapping-title').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Vérifier l’extrait' }).click();
    await page.locator('.extract-report[aria-busy="false"]').waitFor({ timeout: 30_000 });
    expect(plain((await page.locator('.extract-report .origin-note').first().textContent()) ?? '')).toContain(plain(composedNotice.text));
    await context.close();
  }, 60_000);
});
