// Every page type of the built site × phone and desktop widths × light and dark themes: no axe-core
// violation, an empty console under the production headers, no horizontal overflow on a phone and, on
// every page, nothing that scrolls sideways out of the keyboard's reach, controls that sit side by side aligned, tables readable whole at desktop width. Page types are discovered from
// dist/ (src/node/page-types.ts), so pages added later are covered without editing this list; the kit
// validator is also checked with a report on screen.
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFields } from '../../src/core/dictionary/model.ts';
import { pageTypes, readablePages } from '../../src/node/page-types.ts';
import { fillValidKit, mistakeContext, mistakes } from '../fixtures/kit/fill.ts';
import { VIEWPORTS } from '../../src/data/legal.ts';
import { axeViolations, useSite } from './harness.ts';
import { newestDictionary } from './built-versions.ts';

const site = useSite();
const dist = process.env.SITE_DIST ?? `${process.cwd()}/dist`;
const types = pageTypes(dist);
const KIT_PAGE = '/verifier/kit-de-diagnostic/';
const PHONE = VIEWPORTS[0];

const viewports = [
  { label: `${PHONE} px`, width: PHONE, height: 844 },
  { label: `${VIEWPORTS[1]} px`, width: VIEWPORTS[1], height: 900 },
] as const;
const themes = ['light', 'dark'] as const;

/** A page whose console and page errors are collected since its last navigation. */
interface Tab {
  page: Page;
  messages: string[];
  visit(path: string, waitUntil?: 'load' | 'networkidle'): Promise<void>;
}

async function openTab(context: BrowserContext): Promise<Tab> {
  const page = await context.newPage();
  const messages: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') messages.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => messages.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) messages.push(`${response.status()} ${response.url()}`);
  });
  return {
    page,
    messages,
    async visit(path, waitUntil = 'networkidle') {
      messages.length = 0;
      const response = await page.goto(site.url + path, { waitUntil });
      // The 404 page is served with its status; every other page must answer 200.
      if (path !== '/404.html' && !response?.ok()) throw new Error(`${path} a répondu ${response?.status()}`);
      if (path === '/404.html') messages.length = 0;
    },
  };
}

/** How far the page is wider than the screen, with the elements that stick out. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        if (box.right <= width + 1 || box.width === 0) return false;
        // Content a scrolling container (a wide table) keeps inside itself does not widen the page.
        for (let parent = element.parentElement; parent; parent = parent.parentElement) {
          if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(parent).overflowX)) return parent.getBoundingClientRect().right > width + 1;
        }
        return true;
      })
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} (${Math.round(element.getBoundingClientRect().right)} px) « ${(element.textContent ?? '').trim().slice(0, 40)} »`);
    return { scrollWidth: document.documentElement.scrollWidth, width, culprits };
  });

/**
 * Elements that scroll sideways at this width and that a keyboard cannot reach: a region that scrolls must
 * take the focus, or the columns it hides are out of a keyboard user's reach.
 */
const unreachableScrollers = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main *')]
      .filter((element) => /(auto|scroll)/.test(getComputedStyle(element).overflowX) && element.scrollWidth > element.clientWidth + 1 && element.tabIndex < 0)
      .map((element) => `${element.tagName.toLowerCase()}${[...element.classList].map((name) => `.${name}`).join('')} « ${(element.querySelector('caption')?.textContent ?? element.textContent ?? '').trim().slice(0, 40)} »`),
  );

/** Visible buttons and form controls that share a row with a sibling must line up on it. */
const misalignedControls = (page: Page) =>
  page.evaluate(() => {
    const controls = [...document.querySelectorAll<HTMLElement>('main :is(button, select, input:not([type="checkbox"]):not([type="radio"]), label.kit-button, a.sl-link-button)')].filter((element) => element.offsetParent !== null && element.getBoundingClientRect().height > 0);
    const problems: string[] = [];
    for (const a of controls) {
      for (const b of controls) {
        if (a === b || a.parentElement !== b.parentElement) continue;
        const ra = a.getBoundingClientRect();
        const rb = b.getBoundingClientRect();
        const sameRow = ra.top < rb.bottom && rb.top < ra.bottom;
        if (sameRow && ra.left < rb.left && Math.abs(ra.top - rb.top) > 2) problems.push(`« ${a.textContent?.trim()} » et « ${b.textContent?.trim()} » : ${Math.round(Math.abs(ra.top - rb.top))} px d’écart`);
      }
    }
    return problems;
  });

/**
 * A label's words must sit closer to its own control than to any other: « Entité » right after the
 * previous dropdown reads as that dropdown's label.
 */
const strayLabels = (page: Page) =>
  page.evaluate(() => {
    const visible = (element: Element) => (element as HTMLElement).offsetParent !== null && element.getBoundingClientRect().width > 0;
    const controls = [...document.querySelectorAll('main :is(input:not([type="checkbox"]):not([type="radio"]):not([type="file"]), select, textarea)')].filter(visible);
    const gap = (a: DOMRect, b: DOMRect) => Math.hypot(Math.max(0, a.left - b.right, b.left - a.right), Math.max(0, a.top - b.bottom, b.top - a.bottom));
    return [...document.querySelectorAll('main label')].flatMap((label) => {
      const own = (label as HTMLLabelElement).control;
      const words = [...label.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
      if (!own || !controls.includes(own) || !words) return [];
      const range = document.createRange();
      range.selectNodeContents(words);
      const text = range.getBoundingClientRect();
      const mine = gap(text, own.getBoundingClientRect());
      const closer = controls.filter((other) => other !== own && gap(text, other.getBoundingClientRect()) <= mine);
      return closer.length > 0 ? [`« ${words.textContent?.trim()} » est aussi près d’un autre champ que du sien`] : [];
    });
  });

/** Tables that need horizontal scrolling to show their last columns. */
const clippedTables = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('main table')]
      .map((table) => {
        const box = table.parentElement as HTMLElement;
        return { caption: table.querySelector('caption')?.textContent ?? table.id, hidden: Math.round(table.scrollWidth - box.clientWidth) };
      })
      .filter(({ hidden }) => hidden > 1),
  );

let kitWithMistakes: Uint8Array;
beforeAll(async () => {
  const fields = allFields(newestDictionary);
  const template = new Uint8Array(await (await fetch(`${site.url}/dictionnaire/latest/kit-diagnostic-latest.xlsx`)).arrayBuffer());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await fillValidKit(template)).slice().buffer);
  const planted = mistakes(mistakeContext(fields));
  for (const mistake of planted.slice(0, 6)) mistake.plant(workbook);
  kitWithMistakes = new Uint8Array(await workbook.xlsx.writeBuffer());
});

describe('page types', () => {
  it('are discovered from the built site, the kit validator and entity pages among them', () => {
    expect(types.length).toBeGreaterThanOrEqual(8);
    expect(types.some((type) => type.pages.includes(KIT_PAGE))).toBe(true);
    expect(types.some((type) => type.pages.length >= 5 && type.pages.every((page) => page.startsWith('/dictionnaire/')))).toBe(true);
    expect(types.flatMap((type) => type.pages).sort()).toEqual(readablePages(dist));
  });
});

// Each width and theme has a tab of its own: the four of them, and the pass over every page, run side by
// side (their pages load and are checked on both cores), while within one tab the pages come one at a time.
for (const viewport of viewports) {
  for (const theme of themes) {
    describe(`${viewport.label}, thème ${theme === 'light' ? 'clair' : 'sombre'}`, { concurrent: true }, () => {
      let context: BrowserContext;
      let tab: Tab;
      beforeAll(async () => {
        context = await site.browser.newContext({ viewport: viewport, locale: 'fr-FR' });
        // Starlight keeps the partner's choice there and applies it before the first paint.
        await context.addInitScript((value) => window.localStorage.setItem('starlight-theme', value), theme);
        tab = await openTab(context);
      });
      afterAll(() => context?.close());

      it.each(types.map((type) => [`${type.name} (${type.sample})`, type] as const))('%s', { concurrent: false }, async (_, type) => {
        await tab.visit(type.sample);
        expect(await tab.page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        expect(await axeViolations(tab.page), type.sample).toEqual([]);
        expect(await misalignedControls(tab.page), type.sample).toEqual([]);
        expect(await strayLabels(tab.page), type.sample).toEqual([]);
        if (viewport.width === PHONE) expect((await overflow(tab.page)).culprits, type.sample).toEqual([]);
        else expect(await clippedTables(tab.page), type.sample).toEqual([]);
        expect(tab.messages, type.sample).toEqual([]);
      });

      it('kit validator with a report on screen', { concurrent: false }, async () => {
        await tab.visit(KIT_PAGE);
        await tab.page.locator('#kit-file').setInputFiles({ name: 'kit-a-corriger.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(kitWithMistakes) });
        await tab.page.locator('.kit-report[aria-busy="false"]').waitFor({ timeout: 30_000 });
        expect(await tab.page.locator('.kit-issue').count()).toBeGreaterThan(0);
        expect(await axeViolations(tab.page)).toEqual([]);
        expect(await misalignedControls(tab.page)).toEqual([]);
        if (viewport.width === PHONE) expect((await overflow(tab.page)).culprits).toEqual([]);
        expect(tab.messages).toEqual([]);
      });
    });
  }
}

describe(`every page at ${PHONE} px`, { concurrent: true }, () => {
  let context: BrowserContext;
  let tab: Tab;
  beforeAll(async () => {
    context = await site.browser.newContext({ viewport: { width: PHONE, height: 844 }, locale: 'fr-FR' });
    tab = await openTab(context);
  });
  afterAll(() => context?.close());

  // Cheap enough for every page, and overflow comes from content (a long example), not from the page type.
  it('fits the screen: nothing wider than the phone, and what scrolls sideways takes the focus', async () => {
    const wide: string[] = [];
    const unreachable: string[] = [];
    for (const path of readablePages(dist)) {
      await tab.visit(path, 'load');
      const { scrollWidth, culprits } = await overflow(tab.page);
      if (scrollWidth > PHONE || culprits.length > 0) wide.push(`${path}: ${scrollWidth} px — ${culprits.join(' ; ')}`);
      unreachable.push(...(await unreachableScrollers(tab.page)).map((element) => `${path}: ${element}`));
    }
    expect(wide).toEqual([]);
    expect(unreachable).toEqual([]);
  }, 240_000);
});
