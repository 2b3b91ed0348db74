// The état des lieux and cross-check pages in a real browser: a template downloaded from the site, filled
// in code, checked on its page; the kit built there, answered, then crossed with the état des lieux; each
// report shown with no accessibility violation and no horizontal overflow, at phone and desktop widths,
// in the light and the dark theme.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ruleStatements } from '../../src/core/etat-des-lieux/rules.ts';
import { validateKit } from '../../src/core/kit/validate.ts';
import { frenchTypography } from '../../src/core/typography.ts';
import { workbookShapes } from '../../src/core/workbooks.ts';
import { publishedDictionaries } from '../fixtures/kit/dictionary.ts';
import { answerKit } from '../fixtures/kit/fill.ts';
import { disagreeingKit, etatCouples, etatMistakes, fillValidEtat, plantEtat } from '../fixtures/etat-des-lieux/fill.ts';
import { axeViolations, openPage, useSite } from './harness.ts';

const site = useSite();
const ETAT_PAGE = '/verifier/etat-des-lieux/';
const CROSS_PAGE = '/verifier/croisement/';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let valid: Uint8Array;
let withMistakes: Uint8Array;
/** Where the planted mistakes are to be reported. */
const plantedPlaces: string[] = [];
/** The kit the page builds from the valid état des lieux, then answered as a partner would (set by the first test). */
let kit: Uint8Array | undefined;

const drop = async (page: Page, input: string, files: { name: string; bytes: Uint8Array }[]) =>
  page.locator(input).setInputFiles(files.map(({ name, bytes }) => ({ name, mimeType: XLSX, buffer: Buffer.from(bytes) })));

async function checkEtat(page: Page, name: string, bytes: Uint8Array) {
  await drop(page, '#edl-file', [{ name, bytes }]);
  await page.locator('.kit-report[aria-busy="false"]').waitFor({ timeout: 30_000 });
}

async function download(page: Page, name: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync((await file.path()) as string)) };
}

/** The answered kit, built on the page again when the first test did not run (a filtered run). */
async function answeredKit(): Promise<Uint8Array> {
  if (kit) return kit;
  const { page } = await openPage(site, ETAT_PAGE);
  await checkEtat(page, 'etat.xlsx', valid);
  kit = await answerKit((await download(page, 'Construire le kit pré-rempli (.xlsx)')).bytes, etatCouples.length);
  return kit;
}

beforeAll(async () => {
  const template = new Uint8Array(await (await fetch(`${site.url}/dictionnaire/latest/etat-des-lieux-latest.xlsx`)).arrayBuffer());
  valid = await fillValidEtat(template);
  const planted = etatMistakes();
  withMistakes = valid;
  for (const name of ['partner SIRET with a wrong key', 'end date before the start date', 'pair naming an unknown system', 'system holding no dispositif']) {
    const mistake = planted.find((m) => m.name === name);
    if (!mistake) throw new Error(`erreur plantée inconnue : ${name}`);
    withMistakes = await plantEtat(withMistakes, mistake.plant);
    plantedPlaces.push(...mistake.expected.map((expected) => expected.place));
  }
});

describe('état des lieux page', () => {
  it('checks the template downloaded from the site, filled in code: conforme; builds the kit, which validates once answered', async () => {
    const { page, errors } = await openPage(site, ETAT_PAGE);
    await checkEtat(page, 'etat.xlsx', valid);
    expect(await page.locator('.kit-verdict').textContent()).toContain('Conforme');
    const built = await download(page, 'Construire le kit pré-rempli (.xlsx)');
    expect(built.name).toMatch(/^etat-kit-diagnostic-\d+\.\d+\.\d+\.xlsx$/);
    kit = await answerKit(built.bytes, etatCouples.length);
    const report = await validateKit(kit, built.name, { dictionaries: publishedDictionaries, known: workbookShapes });
    expect(report.issues.map((issue) => `${issue.rule} ${issue.place}`)).toEqual([]);
    expect(report.pairs).toHaveLength(etatCouples.length);
    // The receipt holds counts, never the partner's data.
    const receipt = new TextDecoder().decode((await download(page, 'Reçu de vérification (JSON)')).bytes);
    expect(JSON.parse(receipt)).toMatchObject({ type: 'recu-verification-etat-des-lieux-agora', verdict: 'conforme', inventaire: { dispositifs: 4, systemes: 3, couples: etatCouples.length } });
    for (const value of ['Région Exemple', '73282932000074', 'GESTFORM']) expect(receipt).not.toContain(value);
    expect(errors).toEqual([]);
  });

  it('reports planted mistakes at their cells, and waits for them to be fixed before building the kit', async () => {
    const { page, errors } = await openPage(site, ETAT_PAGE);
    await checkEtat(page, 'etat-a-corriger.xlsx', withMistakes);
    expect(await page.locator('.kit-verdict').textContent()).toContain('À corriger');
    const issues = await page.locator('.kit-issue').allTextContents();
    expect(issues).toHaveLength(plantedPlaces.length);
    for (const place of plantedPlaces) expect(issues.some((issue) => issue.includes(place)), place).toBe(true);
    expect(await page.locator('.kit-builder').textContent()).toContain('Corrigez d’abord les erreurs');
    const csv = await download(page, 'Rapport (CSV pour Excel)');
    expect(new TextDecoder().decode(csv.bytes)).toContain('edl.valeurs.dates-inversees');
    expect(errors).toEqual([]);
  });
});

describe('template page', () => {
  it('states each rule the validator applies, as the template’s « Lisez-moi » does, and offers each version’s template', async () => {
    const { page, errors } = await openPage(site, '/verifier/modele-etat-des-lieux/');
    const plain = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
    const text = plain((await page.locator('main').textContent()) ?? '');
    for (const statement of ruleStatements) expect(text).toContain(plain(frenchTypography(statement)));
    const links = await page.locator('a[href$=".xlsx"]').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(links).toEqual(publishedDictionaries.map((d) => `/dictionnaire/${d.manifest.version}/etat-des-lieux-${d.manifest.version}.xlsx`));
    for (const link of links) expect((await fetch(`${site.url}${link}`)).status, link ?? '').toBe(200);
    expect(errors).toEqual([]);
  });
});

describe('cross-check page', () => {
  it('with both files agreeing: no difference, and a combined receipt without partner data', async () => {
    const { page, errors } = await openPage(site, CROSS_PAGE);
    await drop(page, '#croisement-file', [
      { name: 'etat.xlsx', bytes: valid },
      { name: 'kit.xlsx', bytes: await answeredKit() },
    ]);
    await page.locator('.cross-result').waitFor({ timeout: 30_000 });
    expect(await page.locator('.cross-result .kit-verdict').textContent()).toContain('Les deux documents concordent');
    const receipt = new TextDecoder().decode((await download(page, 'Reçu de vérification croisée (JSON)')).bytes);
    expect(JSON.parse(receipt)).toMatchObject({ type: 'recu-verification-croisee-agora', croisement: { ecarts: 0 }, kits: [{ verdict: 'conforme' }], etatDesLieux: { verdict: 'conforme' } });
    for (const value of ['Région Exemple', '73282932000074', 'GESTFORM', 'Programme régional']) expect(receipt).not.toContain(value);
    expect(errors).toEqual([]);
  });

  it('with files dropped one after the other that disagree on three pairs and the SIRET: those four differences', async () => {
    const { page, errors } = await openPage(site, CROSS_PAGE);
    await drop(page, '#croisement-file', [{ name: 'kit.xlsx', bytes: await disagreeingKit(await answeredKit()) }]);
    await page.locator('.cross-missing').waitFor({ timeout: 30_000 });
    expect(await page.locator('.cross-missing').textContent()).toContain('Déposez aussi votre état des lieux');
    await drop(page, '#croisement-file', [{ name: 'etat.xlsx', bytes: valid }]);
    await page.locator('.cross-result').waitFor({ timeout: 30_000 });
    expect(await page.locator('.cross-findings > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-rule')))).toEqual([
      'croisement.couple-different',
      'croisement.couple-absent-du-kit',
      'croisement.couple-absent-de-l-etat',
      'croisement.siret',
    ]);
    expect(await page.locator('.cross-result .kit-verdict').textContent()).toContain('4 écarts à corriger');
    expect(errors).toEqual([]);
  });
});

// The site's matrix checks every page type as it loads; here, each new page with its report on screen.
describe('reports on screen, at phone and desktop widths, light and dark', () => {
  for (const width of [390, 1280]) {
    for (const theme of ['light', 'dark'] as const) {
      it(`${width} px, ${theme}: no accessibility violation and no horizontal overflow`, async () => {
        const context = await site.browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
        onTestFinished(() => context.close());
        await context.addInitScript((value) => window.localStorage.setItem('starlight-theme', value), theme);
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });

        await page.goto(`${site.url}${ETAT_PAGE}`, { waitUntil: 'networkidle' });
        await checkEtat(page, 'etat-a-corriger.xlsx', withMistakes);
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        expect(await axeViolations(page)).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

        await page.goto(`${site.url}${CROSS_PAGE}`, { waitUntil: 'networkidle' });
        await drop(page, '#croisement-file', [
          { name: 'etat.xlsx', bytes: valid },
          { name: 'kit.xlsx', bytes: await disagreeingKit(await answeredKit()) },
          { name: 'notes.xlsx', bytes: withMistakes.slice(0, 200) },
        ]);
        await page.locator('.cross-result').waitFor({ timeout: 30_000 });
        expect(await axeViolations(page)).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        expect(errors).toEqual([]);
      });
    }
  }
});
