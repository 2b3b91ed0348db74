// `npm run bench`: how fast the kit validator is in Chromium, and how long the page's main thread is
// blocked meanwhile. A benchmark, not a test: it prints numbers against the targets and exits 0.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { loadDictionary } from '../src/core/dictionary/load.ts';
import { allFields, type Dictionary, type Entity } from '../src/core/dictionary/model.ts';
import { answerColumn, diagnosticFirstRow, MAX_PAIRS } from '../src/core/kit/layout.ts';
import { buildKitTemplate } from '../src/core/artefacts/templates.ts';
import { countOf } from '../src/core/plural.ts';
import { readDictionaryFiles } from '../src/node/dictionary-files.ts';
import { serveStatic } from '../src/node/static-server.ts';
import { fillValidKit } from '../tests/fixtures/kit/fill.ts';
import { builtSite, chromiumOrExit } from './bench/site.ts';
import { longestMainThreadTask } from './bench/trace.ts';
import ExcelJS from 'exceljs';

const RUNS = 5;
const TARGET_MS = 1000;
const TARGET_TASK_MS = 50;

const chromiumPath = chromiumOrExit();
const site = builtSite('verifier/kit-de-diagnostic');
const siteDist = site.dist;

const shipped = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;

/** The shipped dictionary with its fields repeated under new codes up to `size` fields. */
function syntheticDictionary(size: number): Dictionary {
  const base = allFields(shipped);
  const entities: Entity[] = shipped.entities.map((entity) => ({ ...entity, fields: [...entity.fields] }));
  for (let n = base.length; n < size; n += 1) {
    const model = base[n % base.length] as (typeof base)[number];
    const entity = entities.find((e) => e.id === model.entity) as Entity;
    entity.fields.push({ ...model, code: `${entity.prefix}_BENCH_${n}`, label: `${model.label} (${n})` });
  }
  return { ...shipped, manifest: { ...shipped.manifest, version: '99.0.0' }, entities };
}

/** Leaves every « Partiellement disponible » without its comment: one warning each, to stress the report. */
async function withManyIssues(bytes: Uint8Array): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.slice().buffer);
  const sheet = workbook.getWorksheet('Diagnostic') as ExcelJS.Worksheet;
  for (let row = diagnosticFirstRow; row <= sheet.rowCount; row += 1) {
    for (let pair = 1; pair <= MAX_PAIRS; pair += 1) {
      if (sheet.getCell(row, answerColumn(pair, 'disponibilite')).value === 'Partiellement disponible') sheet.getCell(row, answerColumn(pair, 'commentaire')).value = null;
    }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

// Long tasks (> 50 ms) as the page itself sees them.
const LONGTASKS = `window.__longest = 0; new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); }).observe({ type: 'longtask', buffered: true });`;
const resetLongest = () => ((window as unknown as { __longest: number }).__longest = 0);
const readLongest = () => (window as unknown as { __longest: number }).__longest;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** The synthetic kit validated in a bare worker: `kit.xlsx` and `dictionary.json` are served with it. */
async function benchWorker(browser: Browser, page: Page, url: string) {
  await page.goto(url);
  await page.evaluate(async () => {
    const [kit, dictionary] = await Promise.all([fetch('./kit.xlsx').then((r) => r.arrayBuffer()), fetch('./dictionary.json').then((r) => r.json())]);
    const worker = new Worker('./bench-worker.js', { type: 'module' });
    await new Promise((resolve) => {
      worker.onmessage = resolve;
      worker.postMessage({ dictionary });
    });
    Object.assign(window, { __bench: { worker, kit } });
  });
  await page.evaluate(resetLongest);
  const { result, task } = await longestMainThreadTask(browser, page, () =>
    page.evaluate(async (runs) => {
      const { worker, kit } = (window as unknown as { __bench: { worker: Worker; kit: ArrayBuffer } }).__bench;
      const times: number[] = [];
      let last = { issues: 0, fields: 0, verdict: '' };
      for (let i = 0; i < runs; i += 1) {
        const started = performance.now();
        last = await new Promise<{ ms: number; issues: number; fields: number; verdict: string }>((resolve) => {
          worker.onmessage = (event) => resolve(event.data);
          worker.postMessage({ bytes: kit.slice(0) });
        });
        times.push(performance.now() - started);
      }
      worker.terminate();
      return { times, last };
    }, RUNS),
  );
  return { ...result, longest: await page.evaluate(readLongest), task };
}

async function benchPage(browser: Browser, page: Page, url: string, bytes: Uint8Array, name: string) {
  const times: number[] = [];
  const inWorker: number[] = [];
  let longest = 0;
  let task = 0;
  let counts = '';
  for (let i = 0; i < RUNS; i += 1) {
    await page.goto(url, { waitUntil: 'networkidle' });
    // Playwright injects its own script on a locator's first use: done here, outside the measure.
    await page.locator('#kit-file').waitFor({ state: 'attached' });
    await page.evaluate(resetLongest);
    const traced = await longestMainThreadTask(browser, page, async () => {
      const started = Date.now();
      await page.locator('#kit-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
      await page.locator('.kit-report[aria-busy="false"]').waitFor({ timeout: 60_000 });
      times.push(Date.now() - started);
      await page.waitForTimeout(300);
    });
    task = Math.max(task, traced.task);
    counts = (await page.locator('.kit-counts li').allInnerTexts()).map((text) => text.split(' ').slice(0, 2).join(' ')).join(', ');
    inWorker.push(Number((await page.locator('.kit-meta').textContent())?.match(/(\d[\d\s\u202f]*) ms/)?.[1]?.replace(/\D/g, '') ?? NaN));
    longest = Math.max(longest, await page.evaluate(readLongest));
  }
  return { times, inWorker, longest, task, counts };
}

const benchDir = mkdtempSync(join(tmpdir(), 'agora-bench-'));
await build({
  configFile: false,
  logLevel: 'warn',
  build: { outDir: benchDir, emptyOutDir: false, lib: { entry: 'scripts/bench/worker.ts', formats: ['es'], fileName: () => 'bench-worker.js' }, minify: true },
});

const big = syntheticDictionary(500);
const bigKit = await fillValidKit(await buildKitTemplate(big), { pairs: MAX_PAIRS });
const realKit = await fillValidKit(await buildKitTemplate(shipped), { pairs: MAX_PAIRS });
const realKitIssues = await withManyIssues(realKit);
writeFileSync(join(benchDir, 'index.html'), '<!doctype html><html lang="fr"><title>bench</title><body></body></html>');
writeFileSync(join(benchDir, 'kit.xlsx'), bigKit);
writeFileSync(join(benchDir, 'dictionary.json'), JSON.stringify(big));

const benchServer = await serveStatic(benchDir, 0);
const siteServer = await serveStatic(siteDist, 0);
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] });
try {
  const context = await browser.newContext();
  await context.addInitScript(LONGTASKS);
  const page = await context.newPage();
  const synthetic = await benchWorker(browser, page, `${benchServer.url}/`);
  const real = await benchPage(browser, page, `${siteServer.url}/verifier/kit-de-diagnostic/`, realKit, 'kit-20-couples.xlsx');
  const stressed = await benchPage(browser, page, `${siteServer.url}/verifier/kit-de-diagnostic/`, realKitIssues, 'kit-20-couples-avertissements.xlsx');

  const rows = [
    [`Worker seul : ${allFields(big).length} champs × ${MAX_PAIRS} couples (${Math.round(bigKit.length / 1024)} ko), ${countOf(synthetic.last.issues, 'problème', 'problèmes')}`, median(synthetic.times), synthetic],
    [`Page réelle : ${allFields(shipped).length} champs × ${MAX_PAIRS} couples, ${real.inWorker[0]} ms dans le worker`, median(real.times), real],
    [`Page réelle, rapport chargé : ${allFields(shipped).length} champs × ${MAX_PAIRS} couples (${stressed.counts}), ${stressed.inWorker[0]} ms dans le worker`, median(stressed.times), stressed],
  ] as const;
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  console.log(`\nValidation du kit de diagnostic dans Chromium — médiane de ${RUNS} passages (fil principal : maximum sur les ${RUNS})\n`);
  console.log(`| mesure | validation (cible < ${TARGET_MS} ms) | plus longue tâche du fil principal, trace Chromium (cible < ${TARGET_TASK_MS} ms) | tâches longues vues par la page |`);
  console.log('|---|---|---|---|');
  for (const [label, ms, probe] of rows) {
    const longTasks = probe.longest === 0 ? 'aucune' : `${Math.round(probe.longest)} ms au plus`;
    console.log(`| ${label} | ${Math.round(ms)} ms ${mark(ms < TARGET_MS)} | ${Math.round(probe.task)} ms ${mark(probe.task < TARGET_TASK_MS)} | ${longTasks} |`);
  }
  await browser.close();
  // The extract validator's benchmark, on the same build.
  spawnSync(process.execPath, ['scripts/bench-extract.ts'], { stdio: 'inherit', env: { ...process.env, SITE_DIST: siteDist } });
} finally {
  await browser.close();
  await benchServer.close();
  await siteServer.close();
  rmSync(benchDir, { recursive: true, force: true });
  if (site.own) rmSync(siteDist, { recursive: true, force: true });
}
