import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { findChromium } from '../../src/node/chromium.ts';
import { serveStatic, type StaticServer } from '../../src/node/static-server.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Site {
  url: string;
  browser: Browser;
}

/** One served `dist/` and one Chromium per test file, closed after it (never a leftover server). */
export function useSite(): Site {
  const site = {} as Site;
  let server: StaticServer | undefined;
  beforeAll(async () => {
    const { path, message } = findChromium({ install: false });
    if (!path) throw new Error(message);
    server = await serveStatic(process.env.SITE_DIST ?? `${process.cwd()}/dist`, 0);
    site.url = server.url;
    site.browser = await chromium.launch({
      executablePath: path,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    });
  });
  afterAll(async () => {
    // Contexts close with the browser; closing them one by one as pages close raced with it.
    await site.browser?.close();
    await server?.close();
  });
  return site;
}

export interface OpenedPage {
  page: Page;
  /** Console errors, page errors and CSP violations seen since the page opened. */
  errors: string[];
  requests: Request[];
}

export async function openPage(site: Site, path: string): Promise<OpenedPage> {
  const context = await site.browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: Request[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  page.on('request', (request) => requests.push(request));
  const response = await page.goto(site.url + path, { waitUntil: 'networkidle' });
  if (!response?.ok()) throw new Error(`${path} a répondu ${response?.status()}`);
  return { page, errors, requests };
}

/**
 * axe-core violations, evaluated through the DevTools protocol so the page's CSP stays in force; `include`
 * narrows the check to one part of the page (a CSS selector).
 */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (context) => {
    const axe = (window as unknown as { axe: { run(context?: unknown): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await (context ? axe.run({ include: [[context]] }) : axe.run());
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  }, include);
  return violations;
}

/**
 * Sources a page may run scripts from: this origin, WebAssembly (Pagefind) and the hashes of the site's
 * own inline scripts — nothing that evaluates strings as code.
 */
export function scriptSources(csp: string): string[] {
  const directive = csp.split(';').map((d) => d.trim().split(/\s+/)).find(([name]) => name === 'script-src') ?? [];
  return directive.slice(1).filter((source) => !/^'sha256-[A-Za-z0-9+/=]+'$/.test(source));
}

/** A page or Worker response whose content security policy lets it connect to this origin only and run no string as code. */
export async function expectLockedDown(response: { allHeaders(): Promise<Record<string, string>> } | null | undefined): Promise<void> {
  const csp = (await response?.allHeaders())?.['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(scriptSources(csp)).toEqual(["'self'", "'wasm-unsafe-eval'"]);
}

/**
 * Keeps every Worker of the page busy for `ms` (not awaited), so that a validation is still running when
 * the test cancels it, however fast the machine.
 */
export function keepWorkersBusy(page: Page, ms: number): void {
  for (const worker of page.workers()) {
    worker
      .evaluate((busy) => {
        const end = Date.now() + busy;
        while (Date.now() < end);
      }, ms)
      .catch(() => undefined);
  }
}
