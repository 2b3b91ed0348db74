// `npm run bench:lighthouse`: Lighthouse desktop scores (performance, accessibility, best practices) and layout shift of one
// page per page type, served with the production headers. A benchmark, not a test: it prints a table
// against the target (performance ≥ 95) and exits 0.
// LIGHTHOUSE_BASELINE=<a built dist/> measures that site too, page for page and run for run interleaved,
// so that both columns see the same machine load (scores swing with it on a shared machine).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { findChromium } from '../src/node/chromium.ts';
import { pageTypes } from '../src/node/page-types.ts';
import { serveStatic } from '../src/node/static-server.ts';

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const TARGET = 95;
const CLS_TARGET = 0.02;
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;

const chromiumPath = findChromium({ install: true });
if (!chromiumPath.path) {
  console.error(chromiumPath.message);
  process.exit(1);
}
// Measures the current sources: a fresh build in a temporary folder, unless SITE_DIST names a built site.
const dist = process.env.SITE_DIST ?? mkdtempSync(join(tmpdir(), 'agora-lighthouse-site-'));
if (!process.env.SITE_DIST) {
  const built = spawnSync('npx', ['astro', 'build', '--outDir', dist], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

/** A headless Chromium that Lighthouse drives through its DevTools port. */
async function launchChromium(executable: string) {
  const profile = mkdtempSync(join(tmpdir(), 'agora-lighthouse-profile-'));
  const child = spawn(executable, ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/DevTools listening on ws:\/\/[^:]+:(\d+)\//);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`Chromium s’est arrêté (code ${code}) : ${output}`)));
  });
  return {
    port,
    close: () => {
      child.kill();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

interface Measure {
  scores: Record<string, number[]>;
  /** Cumulative layout shift of each run (target below CLS_TARGET). */
  shifts: number[];
  failures: string[];
}

const baseline = process.env.LIGHTHOUSE_BASELINE;
const sites = [...(baseline ? [{ label: 'avant', root: baseline, server: await serveStatic(baseline, 0) }] : []), { label: baseline ? 'après' : '', root: dist, server: await serveStatic(dist, 0) }];

/** The largest page of the type that this site has (a baseline may lack the pages added since). */
const file = (root: string, page: string) => join(root, page.endsWith('/') ? `${page}index.html` : page);
const sampleIn = (root: string, pages: string[]) =>
  pages.filter((page) => existsSync(file(root, page))).sort((a, b) => statSync(file(root, b)).size - statSync(file(root, a)).size)[0];
const chrome = await launchChromium(chromiumPath.path);
const stop = () => {
  chrome.close();
  process.exit(130);
};
process.once('SIGINT', stop).once('SIGTERM', stop);

/** Median scores of one site's page, and the audits that scored below 0.9 on its last run. */
function cells({ scores, shifts, failures }: Measure): string {
  const [performance, accessibility, practices] = CATEGORIES.map((category) => median(scores[category] ?? []));
  const mark = (performance ?? 0) >= TARGET ? '' : ` ⚠`;
  const shift = median(shifts) ?? 0;
  return `${performance}${mark} (${scores.performance?.join('/')}) | ${shift.toFixed(3)}${shift < CLS_TARGET ? '' : ' ⚠'} | ${accessibility} | ${practices} | ${failures.join(', ') || '—'}`;
}

const rows: string[] = [];
try {
  for (const type of pageTypes(dist)) {
    const measures: Measure[] = sites.map(() => ({ scores: Object.fromEntries(CATEGORIES.map((category) => [category, []])), shifts: [], failures: [] }));
    for (let run = 0; run < RUNS; run += 1) {
      for (const [i, { server, root }] of sites.entries()) {
        const page = root === dist ? type.sample : sampleIn(root, type.pages);
        if (!page) continue;
        const result = await lighthouse(server.url + page, { port: chrome.port, logLevel: 'error', onlyCategories: [...CATEGORIES] }, desktopConfig);
        if (!result) throw new Error(`Lighthouse n’a rien rendu pour ${type.sample}`);
        const measure = measures[i] as Measure;
        for (const category of CATEGORIES) measure.scores[category]?.push(Math.round((result.lhr.categories[category]?.score ?? 0) * 100));
        measure.shifts.push(result.lhr.audits['cumulative-layout-shift']?.numericValue ?? 0);
        measure.failures = Object.values(result.lhr.audits)
          .filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'manual')
          .map((audit) => audit.id);
      }
    }
    const samples = sites.map(({ root }) => (root === dist ? type.sample : (sampleIn(root, type.pages) ?? '—')));
    const row = `| ${type.name} | ${type.pages.length} | ${[...new Set(samples)].join(' / ')} | ${measures.map((measure) => (measure.scores.performance?.length ? cells(measure) : '— | — | — | — | —')).join(' | ')} |`;
    rows.push(row);
    console.log(row);
  }
} finally {
  chrome.close();
  for (const { server } of sites) await server.close();
  if (!process.env.SITE_DIST) rmSync(dist, { recursive: true, force: true });
}
const columns = sites.map(({ label }) => ['performance (mesures)', 'CLS', 'accessibilité', 'bonnes pratiques', 'audits < 0,9'].map((name) => `${name}${label ? ` ${label}` : ''}`).join(' | '));
console.log(`\nLighthouse ${desktopConfig.settings?.formFactor}, médiane de ${RUNS} mesures par type de page (⚠ : performance sous ${TARGET}, décalage cumulé de la mise en page — CLS — d’au moins ${CLS_TARGET})\n`);
console.log(`| type de page | pages | page mesurée | ${columns.join(' | ')} |`);
console.log(`|${'---|'.repeat(3 + 5 * sites.length)}`);
for (const row of rows) console.log(row);
