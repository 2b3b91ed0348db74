import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openPage, useSite } from './harness.ts';
import { inForce } from './built-versions.ts';

const site = useSite();
const dist = process.env.SITE_DIST ?? `${process.cwd()}/dist`;

const journeyPages = ['/guide/', '/guide/volet-juridique/', '/guide/volet-technique/', '/guide/volet-donnees/', '/guide/etat-des-lieux/', '/guide/kit-de-diagnostic/', '/guide/suivi/'];
const resourcePages = ['/ressources/glossaire/', '/ressources/faq/', '/ressources/contacts/'];
/** Pages that state facts, each ending with the texts and pages it rests on. */
const sourcedPages = [...journeyPages.filter((path) => path !== '/guide/suivi/'), '/ressources/glossaire/', '/ressources/faq/'];
const html = (path: string) => readFileSync(`${dist}${path}index.html`, 'utf8');

describe('onboarding guide', () => {
  // Accessibility and the console are checked for every page type in site-matrix.test.ts.
  it.each(['/', ...journeyPages, ...resourcePages])('%s is in French with a description', (path) => {
    const page = html(path);
    expect(page).toMatch(/<html lang="fr"/);
    expect(page.match(/<meta name="description" content="([^"]*)"/)?.[1]?.length).toBeGreaterThan(60);
    expect(page).toMatch(/<meta property="og:description" content="[^"]+"/);
  });

  it('orders the sidebar and the previous/next links along the journey', async () => {
    const { page } = await openPage(site, '/guide/');
    const sidebarLinks = await page.locator('nav.sidebar a[href^="/guide/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(sidebarLinks).toEqual(journeyPages);
    for (const [i, path] of journeyPages.entries()) {
      const page = html(path);
      const previous = journeyPages[i - 1];
      const next = journeyPages[i + 1];
      if (previous) expect(page, path).toMatch(new RegExp(`<a href="${previous}" rel="prev"`));
      if (next) expect(page, path).toMatch(new RegExp(`<a href="${next}" rel="next"`));
    }
    const resourceLinks = await page.locator('nav.sidebar a[href^="/ressources/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(resourceLinks).toEqual(resourcePages);
  });

  it('gives the journey diagram an accessible name and a text equivalent', async () => {
    const { page } = await openPage(site, '/guide/');
    const diagram = page.getByRole('img', { name: 'Le parcours d’accrochage à AGORA' });
    await expect.poll(() => diagram.count()).toBe(1);
    expect(await page.locator('figure.journey figcaption ol > li').count()).toBe(5);
  });

  it('links glossary terms from the guide to existing anchors, and every glossary entry has its anchor', async () => {
    const glossary = html('/ressources/glossaire/');
    const anchors = new Set([...glossary.matchAll(/<dt id="([^"]+)"/g)].map((m) => m[1]));
    expect(anchors.size).toBeGreaterThanOrEqual(20);
    const linked = journeyPages.flatMap((path) => [...html(path).matchAll(/href="\/ressources\/glossaire\/#([^"]+)"/g)].map((m) => m[1]));
    expect(linked.length).toBeGreaterThanOrEqual(20);
    expect(linked.filter((id) => !anchors.has(id))).toEqual([]);
  });

  it.each(sourcedPages)('%s names its sources in a final « Sources » section', (path) => {
    const main = html(path).match(/<main[\s\S]*<\/main>/)?.[0] ?? '';
    const headings = [...main.matchAll(/<h2 id="([^"]+)"/g)].map((m) => m[1]);
    expect(headings.at(-1), path).toBe('sources');
    expect(main.slice(main.indexOf('id="sources"')).match(/<li>/g)?.length ?? 0, path).toBeGreaterThanOrEqual(1);
  });

  it('shows the current dictionary version and its last change on the home page', async () => {
    const version = inForce;
    const { page } = await openPage(site, '/');
    const text = async (selector: string) => (await page.locator(selector).textContent())?.replace(/\s+/g, ' ');
    expect(await text('#dictionary-status-title')).toBe(`Dictionnaire des données : version ${version}`);
    expect(await text('.dictionary-status')).toContain('Dernier changement :');
    expect(await page.locator(`.dictionary-status a[href="/dictionnaire/${version}/"]`).count()).toBe(1);
    for (const entry of ['/guide/', '/verifier/', '/dictionnaire/']) expect(await page.locator(`.hero a[href="${entry}"]`).count(), entry).toBe(1);
  });

  it('shows the platform contacts as « à fournir » while the configuration is empty', async () => {
    const { page } = await openPage(site, '/ressources/contacts/');
    expect(await page.getByText('Contacts à fournir par l’équipe plateforme').count()).toBe(1);
  });
});
