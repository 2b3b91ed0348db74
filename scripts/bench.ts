// `npm run bench`: how fast the kit validator is in Chromium, and how long the page's main thread is
// blocked meanwhile. A benchmark, not a test: it prints numbers against the targets and exits 0.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { loadDictionary } from '../src/core/dictionary/load.ts';
import { allFields, type Dictionary, type Entity } from '../src/core/dictionary/model.ts';
import { answerColumn, diagnosticFirstRow, MAX_PAIRS } from '../src/core/kit/layout.ts';
import { buildKitTemplate } from '../src/core/kit/template.ts';
import { ajvStandalone } from '../src/integrations/ajv-standalone.ts';
import { findChromium } from '../src/node/chromium.ts';
import { readDictionaryFiles } from '../src/node/dictionary-files.ts';
import { serveStatic } from '../src/node/static-server.ts';
import { fillValidKit } from '../tests/fixtures/kit/fill.ts';
import ExcelJS from 'exceljs';

const RUNS = 5;
const TARGET_MS = 1000;
const TARGET_TASK_MS = 50;

const chromiumPath = findChromium({ install: true });
if (!chromiumPath.path) {
  console.error(chromiumPath.message);
  process.exit(1);
}
if (!existsSync('dist/index.html')) spawnSync('npx', ['astro', 'build'], { stdio: 'inherit' });

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

const LONGTASKS = `window.__longest = 0; new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); }).observe({ type: 'longtask', buffered: true });`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function benchWorker(page: Page, url: string, bytes: Uint8Array, dictionary: Dictionary) {
  await page.goto(url);
  return page.evaluate(
    async ({ data, dictionary, runs }) => {
      const worker = new Worker('./bench-worker.js', { type: 'module' });
      const times: number[] = [];
      let last: { issues: number; fields: number; verdict: string } = { issues: 0, fields: 0, verdict: '' };
      for (let i = 0; i < runs; i += 1) {
        const started = performance.now();
        const result = await new Promise<{ ms: number; issues: number; fields: number; verdict: string }>((resolve) => {
          worker.onmessage = (event) => resolve(event.data);
          worker.postMessage({ bytes: new Uint8Array(data).buffer, dictionary });
        });
        times.push(performance.now() - started);
        last = result;
      }
      worker.terminate();
      return { times, last, longest: (window as unknown as { __longest: number }).__longest };
    },
    { data: [...bytes], dictionary, runs: RUNS },
  );
}

async function benchPage(page: Page, url: string, bytes: Uint8Array, name: string) {
  const times: number[] = [];
  const inWorker: number[] = [];
  let longest = 0;
  for (let i = 0; i < RUNS; i += 1) {
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.evaluate(() => ((window as unknown as { __longest: number }).__longest = 0));
    const started = Date.now();
    await page.locator('#kit-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
    await page.locator('#kit-report-title').waitFor({ timeout: 60_000 });
    times.push(Date.now() - started);
    inWorker.push(Number((await page.locator('.kit-meta').textContent())?.match(/(\d[\d\s\u202f]*) ms/)?.[1]?.replace(/\D/g, '') ?? NaN));
    await page.waitForTimeout(300);
    longest = Math.max(longest, await page.evaluate(() => (window as unknown as { __longest: number }).__longest));
  }
  return { times, inWorker, longest };
}

const benchDir = mkdtempSync(join(tmpdir(), 'agora-bench-'));
await build({
  configFile: false,
  logLevel: 'warn',
  plugins: [ajvStandalone()],
  build: { outDir: benchDir, emptyOutDir: false, lib: { entry: 'scripts/bench/worker.ts', formats: ['es'], fileName: () => 'bench-worker.js' }, minify: true },
});
writeFileSync(join(benchDir, 'index.html'), '<!doctype html><html lang="fr"><title>bench</title><body></body></html>');

const big = syntheticDictionary(500);
const bigKit = await fillValidKit(await buildKitTemplate(big), { pairs: MAX_PAIRS });
const realKit = await fillValidKit(await buildKitTemplate(shipped), { pairs: MAX_PAIRS });
const realKitIssues = await withManyIssues(realKit);

const benchServer = await serveStatic(benchDir, 0);
const siteServer = await serveStatic(`${process.cwd()}/dist`, 0);
const browser = await chromium.launch({ executablePath: chromiumPath.path, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] });
try {
  const context = await browser.newContext();
  await context.addInitScript(LONGTASKS);
  const page = await context.newPage();
  const synthetic = await benchWorker(page, `${benchServer.url}/`, bigKit, big);
  const real = await benchPage(page, `${siteServer.url}/verifier/kit-de-diagnostic/`, realKit, 'kit-20-couples.xlsx');
  const stressed = await benchPage(page, `${siteServer.url}/verifier/kit-de-diagnostic/`, realKitIssues, 'kit-20-couples-avertissements.xlsx');

  const rows = [
    [`Worker seul : ${allFields(big).length} champs × ${MAX_PAIRS} couples (${Math.round(bigKit.length / 1024)} Ko), ${synthetic.last.issues} problème(s)`, median(synthetic.times), synthetic.longest],
    [`Page réelle : ${allFields(shipped).length} champs × ${MAX_PAIRS} couples, ${real.inWorker[0]} ms dans le worker`, median(real.times), real.longest],
    [`Page réelle, rapport chargé : ${allFields(shipped).length} champs × ${MAX_PAIRS} couples, avertissements en nombre`, median(stressed.times), stressed.longest],
  ] as const;
  console.log(`\nValidation du kit de diagnostic dans Chromium — médiane de ${RUNS} passages`);
  console.log(`cible : validation < ${TARGET_MS} ms, plus longue tâche du fil principal < ${TARGET_TASK_MS} ms\n`);
  for (const [label, ms, task] of rows) {
    console.log(`${label}\n  validation : ${Math.round(ms)} ms ${ms < TARGET_MS ? '✓' : '✗'}   plus longue tâche du fil principal : ${task === 0 ? 'aucune tâche longue (> 50 ms)' : `${Math.round(task)} ms`} ${task < TARGET_TASK_MS ? '✓' : '✗'}`);
  }
} finally {
  await browser.close();
  await benchServer.close();
  await siteServer.close();
}
