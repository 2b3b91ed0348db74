import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openPage, useSite } from './harness.ts';

const site = useSite();
const dist = process.env.SITE_DIST ?? `${process.cwd()}/dist`;

/** Pagefind's own English texts (its `en` translation): none may reach a partner. */
const ENGLISH = ['Clear', 'Load more results', 'Search this site', 'Filters', 'No results for', 'results for', 'result for', 'Searching for', 'Showing results for', 'Try one of the following searches'];

/** What Pagefind indexed for each page: the text its excerpts are cut from. */
const indexed = () =>
  readdirSync(`${dist}/pagefind/fragment`).map((file) => {
    const json = gunzipSync(readFileSync(`${dist}/pagefind/fragment/${file}`)).toString('utf8');
    return JSON.parse(json.slice(json.indexOf('{'))) as { url: string; content: string };
  });

async function search(width: number, query: string) {
  const opened = await openPage(site, '/');
  await opened.page.setViewportSize({ width, height: 900 });
  await opened.page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await opened.page.locator('#starlight__search input').fill(query);
  await opened.page.locator('.pagefind-ui__message').filter({ hasNotText: 'Recherche de' }).waitFor({ timeout: 20_000 });
  return opened;
}

/** Every text of the search dialog a partner can see or hear. */
const dialogTexts = (opened: Awaited<ReturnType<typeof search>>) =>
  opened.page.locator('dialog').evaluate((dialog) => [
    (dialog as HTMLElement).innerText,
    ...[...dialog.querySelectorAll('[placeholder], [aria-label], [title]')].flatMap((element) => ['placeholder', 'aria-label', 'title'].map((name) => element.getAttribute(name) ?? '')),
  ]);

describe('site search', () => {
  it.each([390, 1280])('names the search button by its word « Rechercher » at %i px, shortcut aside', async (width) => {
    const { page } = await openPage(site, '/guide/');
    await page.setViewportSize({ width, height: 900 });
    const button = page.getByRole('button', { name: 'Rechercher', exact: true });
    expect(await button.count()).toBe(1);
    expect(await button.getAttribute('aria-keyshortcuts')).toBe('Control+K');
  });

  it('speaks French only: results, no result, more results, clear', async () => {
    const many = await search(1280, 'formation');
    expect(await many.page.locator('.pagefind-ui__message').textContent()).toMatch(/^\d+ résultats pour «\u202fformation\u202f»$/);
    expect(await many.page.getByRole('button', { name: 'Afficher plus de résultats' }).count()).toBe(1);
    expect(await many.page.getByRole('button', { name: 'Effacer' }).count()).toBe(1);
    const texts = (await dialogTexts(many)).join('\n');
    expect(ENGLISH.filter((english) => texts.includes(english))).toEqual([]);
    expect(many.errors).toEqual([]);

    const none = await search(390, 'zzqxw');
    expect(await none.page.locator('.pagefind-ui__message').textContent()).toBe('Aucun résultat pour «\u202fzzqxw\u202f»');
    const noneTexts = (await dialogTexts(none)).join('\n');
    expect(ENGLISH.filter((english) => noneTexts.includes(english))).toEqual([]);
  }, 90_000);

  it('lands « date de naissance » on the field TIT_DATE_NAISSANCE, not on the NIR', async () => {
    const { page, errors } = await search(1280, 'date de naissance');
    const firstSection = page.locator('.pagefind-ui__result').first().locator('.pagefind-ui__result-nested .pagefind-ui__result-link').first();
    expect(await firstSection.getAttribute('href')).toMatch(/\/titulaire\/#TIT_DATE_NAISSANCE$/);
    expect(errors).toEqual([]);
  }, 60_000);

  it('loads Pagefind’s interface only when the partner opens the search', async () => {
    const { page, requests } = await openPage(site, '/guide/');
    expect(requests.filter((request) => /ui-core|pagefind|search-results/.test(request.url())).map((request) => request.url())).toEqual([]);
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.locator('#starlight__search input').waitFor();
    expect(requests.some((request) => /pagefind/.test(request.url()))).toBe(true);
  });

  // Excerpts are cut from the indexed text: words of two blocks (a term and its definition, a table
  // cell and the next) must not run together (« transmis.Données personnellesOui »).
  it('indexes every page with its words apart', () => {
    const pages = indexed();
    expect(pages.length).toBeGreaterThan(30);
    // Product names are not joined words; identifiers quoted in a page are kept out of the index (data-pagefind-ignore).
    const joined = pages.flatMap(({ url, content }) => [...content.matchAll(/\S*\p{Ll}[.:;!?)»]?\p{Lu}\p{Ll}\S*/gu)].map((match) => `${url}: ${match[0]}`)).filter((hit) => !/JavaScript|GitLab|GitHub/.test(hit));
    expect(joined).toEqual([]);
  });
});
