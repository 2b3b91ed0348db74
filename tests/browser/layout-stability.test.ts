// Issue 19, point 4: no layout shift on any page type. A browser paints a long page before it has read
// it all: nothing painted may move as the rest arrives (the table of contents Starlight writes before the
// content, a width chosen from a table further down), nor when an island or its data comes (the footer
// below). Measured as a partner on a slow office connection loads the page: HTML, styles and scripts
// trickling in, the processor slowed, Lighthouse's desktop window.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageTypes } from '../../src/node/page-types.ts';
import { useSite } from './harness.ts';

const site = useSite();
const dist = process.env.SITE_DIST ?? join(process.cwd(), 'dist');
const types = pageTypes(dist);
/** Lighthouse's « good » limit is 0.1; the issue's target for every page is below this. */
const TARGET = 0.02;

/** Sum of the layout shifts of a load (none follows an input here), with what moved in each large one. */
function observeShifts() {
  const seen = { total: 0, moved: [] as string[] };
  (window as unknown as { __shifts: typeof seen }).__shifts = seen;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { value: number; sources: { node?: Node | null }[] })[]) {
      seen.total += entry.value;
      if (entry.value >= 0.001) seen.moved.push(`${entry.value.toFixed(3)} ${entry.sources.map((source) => (source.node instanceof Element ? `${source.node.localName}.${[...source.node.classList].join('.')}` : '#text')).join(' + ')}`);
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

describe('layout stability', () => {
  it('finds the page types of the built site', () => expect(types.length).toBeGreaterThan(10));

  it.each(types.map((type) => [type.name, type.sample] as const))('%s (%s) does not move while it loads', async (_, path) => {
    const context = await site.browser.newContext({ locale: 'fr-FR', viewport: { width: 1350, height: 940 } });
    const page = await context.newPage();
    await page.addInitScript(observeShifts);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 100_000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(site.url + path, { waitUntil: 'networkidle' });
    await page.waitForTimeout(300);
    const shifts = await page.evaluate(() => (window as unknown as { __shifts: { total: number; moved: string[] } }).__shifts);
    await context.close();
    expect(shifts.total, shifts.moved.join(' ; ')).toBeLessThan(TARGET);
  });
});
