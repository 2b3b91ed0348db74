// `npm run bench:lighthouse`: Lighthouse desktop scores (performance, accessibility, best practices) of one
// page per page type, served with the production headers. A benchmark, not a test: it prints a table
// against the target (performance ≥ 95) and exits 0.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { findChromium } from '../src/node/chromium.ts';
import { pageTypes } from '../src/node/page-types.ts';
import { serveStatic } from '../src/node/static-server.ts';

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const TARGET = 95;
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

const server = await serveStatic(dist, 0);
const chrome = await launchChromium(chromiumPath.path);
const rows: string[] = [];
try {
  for (const type of pageTypes(dist)) {
    const scores: Record<string, number[]> = Object.fromEntries(CATEGORIES.map((category) => [category, []]));
    let failures: string[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const result = await lighthouse(server.url + type.sample, { port: chrome.port, logLevel: 'error', onlyCategories: [...CATEGORIES] }, desktopConfig);
      if (!result) throw new Error(`Lighthouse n’a rien rendu pour ${type.sample}`);
      for (const category of CATEGORIES) scores[category]?.push(Math.round((result.lhr.categories[category]?.score ?? 0) * 100));
      failures = Object.values(result.lhr.audits)
        .filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'manual')
        .map((audit) => audit.id);
    }
    const [performance, accessibility, practices] = CATEGORIES.map((category) => median(scores[category] ?? []));
    const mark = (performance ?? 0) >= TARGET ? '' : ` ← cible ${TARGET}`;
    const row = `| ${type.name} | ${type.pages.length} | ${type.sample} | ${performance} (${scores.performance?.join('/')}) | ${accessibility} | ${practices} | ${failures.join(', ') || '—'} |${mark}`;
    rows.push(row);
    console.log(row);
  }
} finally {
  chrome.close();
  await server.close();
  if (!process.env.SITE_DIST) rmSync(dist, { recursive: true, force: true });
}
console.log(`\nLighthouse ${desktopConfig.settings?.formFactor}, médiane de ${RUNS} mesures par type de page\n`);
console.log('| type de page | pages | page mesurée | performance (mesures) | accessibilité | bonnes pratiques | audits < 0,9 |');
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
