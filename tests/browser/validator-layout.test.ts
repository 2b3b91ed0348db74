// No layout shift when a validator starts: what an island shows before its script runs takes the room
// the island takes once started, on every page of the validators, at desktop and phone widths.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSite } from './harness.ts';

const site = useSite();
const dist = process.env.SITE_DIST ?? join(process.cwd(), 'dist');
// Every page under /verifier/ whose validator is an island that only runs in the browser.
const pages = readdirSync(join(dist, 'verifier'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => `/verifier/${entry.name}/`)
  .filter((path) => /<astro-island[^>]*client="only"/.test(readFileSync(join(dist, path, 'index.html'), 'utf8')));

/** Top and bottom of what the validator island shows, in page coordinates. */
const islandBox = () => {
  const island = [...document.querySelectorAll('astro-island')].find((element) => element.getAttribute('client') === 'only') as Element;
  const range = document.createRange();
  range.selectNodeContents(island);
  const box = range.getBoundingClientRect();
  return { top: Math.round(box.top + scrollY), bottom: Math.round(box.bottom + scrollY) };
};

describe('validator islands', () => {
  it('finds the validator pages', () => expect(pages.length).toBeGreaterThanOrEqual(4));

  it.each(pages.flatMap((path) => [1350, 412].map((width) => [path, width] as const)))('take on %s (%i px wide) the room of what stands for them before their script runs', async (path, width) => {
    const measure = async (started: boolean) => {
      const context = await site.browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } });
      const page = await context.newPage();
      const html = readFileSync(join(dist, path, 'index.html'), 'utf8');
      const component = /<astro-island[^>]*component-url="([^"]+)"[^>]*client="only"/.exec(html)?.[1] ?? /<astro-island[^>]*client="only"[^>]*component-url="([^"]+)"/.exec(html)?.[1];
      expect(component).toBeDefined();
      // Without its component's script, the island keeps what the build wrote in its place.
      if (!started) await page.route(`**${component}`, (route) => route.abort());
      await page.goto(site.url + path, { waitUntil: 'networkidle' });
      if (started) await page.locator('astro-island[client="only"]:not([ssr]) .kit-drop input[type="file"]:not([disabled])').first().waitFor({ state: 'attached' });
      const box = await page.evaluate(islandBox);
      await context.close();
      return box;
    };
    const before = await measure(false);
    const after = await measure(true);
    expect(after.top).toBe(before.top);
    expect(Math.abs(after.bottom - before.bottom), `${path} : ${before.bottom - before.top} px avant, ${after.bottom - after.top} px après`).toBeLessThanOrEqual(1);
  });
});
