import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { axeViolations, openPage, useSite } from './harness.ts';

const site = useSite();
const dist = process.env.SITE_DIST ?? `${process.cwd()}/dist`;

const journeyPages = ['/guide/', '/guide/volet-juridique/', '/guide/volet-technique/', '/guide/volet-donnees/', '/guide/etat-des-lieux/', '/guide/kit-de-diagnostic/', '/guide/suivi/'];
const resourcePages = ['/ressources/glossaire/', '/ressources/faq/', '/ressources/contacts/'];

describe('onboarding guide', () => {
  it.each(['/', ...journeyPages, ...resourcePages])('%s renders in French with a description, no console error and no axe violation', async (path) => {
    const { page, errors } = await openPage(site, path);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect((await page.getAttribute('meta[name="description"]', 'content'))?.length).toBeGreaterThan(60);
    expect(await page.getAttribute('meta[property="og:description"]', 'content')).toBeTruthy();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('orders the sidebar and the previous/next links along the journey', async () => {
    const { page } = await openPage(site, '/guide/');
    const sidebarLinks = await page.locator('nav.sidebar a[href^="/guide/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(sidebarLinks).toEqual(journeyPages);
    for (const [i, path] of journeyPages.entries()) {
      const html = readFileSync(`${dist}${path}index.html`, 'utf8');
      const next = journeyPages[i + 1];
      if (next) expect(html, path).toMatch(new RegExp(`<a href="${next}" rel="next"`));
    }
  });

  it('gives the journey diagram an accessible name and a text equivalent', async () => {
    const { page } = await openPage(site, '/guide/');
    const diagram = page.getByRole('img', { name: 'Le parcours d’accrochage à AGORA' });
    await expect.poll(() => diagram.count()).toBe(1);
    expect(await page.locator('figure.journey figcaption ol > li').count()).toBe(5);
  });

  it('links glossary terms from the guide to existing anchors, and every glossary entry has its anchor', async () => {
    const glossary = readFileSync(`${dist}/ressources/glossaire/index.html`, 'utf8');
    const anchors = new Set([...glossary.matchAll(/<dt id="([^"]+)"/g)].map((m) => m[1]));
    expect(anchors.size).toBeGreaterThanOrEqual(20);
    const linked = journeyPages.flatMap((path) => [...readFileSync(`${dist}${path}index.html`, 'utf8').matchAll(/href="\/ressources\/glossaire\/#([^"]+)"/g)].map((m) => m[1]));
    expect(linked.length).toBeGreaterThanOrEqual(20);
    expect(linked.filter((id) => !anchors.has(id))).toEqual([]);
  });

  it('shows the platform contacts as « à fournir » while the configuration is empty', async () => {
    const { page } = await openPage(site, '/ressources/contacts/');
    expect(await page.getByText('Contacts à fournir par l’équipe plateforme').count()).toBe(1);
  });
});
