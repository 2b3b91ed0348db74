// The extract validator's benchmark (issue 11, item 7), run by `npm run bench` after the kit's, or alone:
// `node scripts/bench-extract.ts`. It generates from the dictionary a 100,000-row × 20-column .xlsx and
// CSV files of 250,000 and 1,000,000 rows (never committed), then measures on each, in Chromium (worker)
// and in Node: our validator, the baseline (SheetJS full parse + Ajv) and the floor (streaming read and
// one pass over the cell values, no validation); then the real page, with its main thread traced.
// A benchmark, not a test: it prints numbers against the targets and exits 0.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { loadDictionary } from '../src/core/dictionary/load.ts';
import type { Dictionary } from '../src/core/dictionary/model.ts';
import { readDictionaryFiles } from '../src/node/dictionary-files.ts';
import { serveStatic } from '../src/node/static-server.ts';
import { writeCsv, writeXlsx } from '../tests/fixtures/extract/large.ts';
import type { BenchKind, BenchResult } from './bench/extract-worker.ts';
import { rendererMemorySampler } from '../src/node/renderer-memory.ts';
import { builtSite, chromiumOrExit } from './bench/site.ts';
import { longestMainThreadTask } from './bench/trace.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ENTITY = 'dossier';
const COLUMNS = 20;
const TARGETS = { xlsxToFloor: 1.5, memoryToBaseline: 0.5, csvRowsPerSecond: 300_000, mainThreadMs: 50 };

const chromiumPath = chromiumOrExit();
const site = builtSite('verifier/extrait-de-donnees');
const siteDist = site.dist;

const dictionary = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
const load = () => loadavg().map((n) => n.toFixed(1)).join(' / ');
const loadBefore = load();
const work = mkdtempSync(join(tmpdir(), 'agora-bench-extract-'));
const files = { xlsx: join(work, 'extrait-100000.xlsx'), csv: join(work, 'extrait-1000000.csv'), csvSmall: join(work, 'extrait-250000.csv') };
process.stdout.write('Génération des fichiers… ');
await writeXlsx(files.xlsx, dictionary, ENTITY, COLUMNS, 100_000);
await writeCsv(files.csv, dictionary, ENTITY, COLUMNS, 1_000_000);
await writeCsv(files.csvSmall, dictionary, ENTITY, COLUMNS, 250_000);
console.log('faits.');
await build({
  configFile: false,
  logLevel: 'warn',
  build: { outDir: work, emptyOutDir: false, lib: { entry: 'scripts/bench/extract-worker.ts', formats: ['es'], fileName: () => 'extract-bench-worker.js' }, minify: true },
});
writeFileSync(join(work, 'index.html'), '<!doctype html><html lang="fr"><title>bench</title><body></body></html>');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const mb = (path: string) => (statSync(path).size / 1024 / 1024).toFixed(0);
interface Measure {
  ms: number;
  rows: number;
  count: number;
  peakMB: number;
}

const memory = rendererMemorySampler();
const benchServer = await serveStatic(work, 0);
const siteServer = await serveStatic(siteDist, 0);
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] });

/** One kind on one file in a fresh page and worker: median time of RUNS, highest renderer peak. */
async function inChromium(browserInstance: Browser, kind: BenchKind, file: string): Promise<Measure> {
  const runs: Measure[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const context = await browserInstance.newContext();
    const page = await context.newPage();
    await page.goto(`${benchServer.url}/`);
    memory.start();
    const result = await page.evaluate(
      async ({ kind, url, dictionary, entityId }) => {
        const worker = new Worker('./extract-bench-worker.js', { type: 'module' });
        const done = await new Promise<BenchResult>((resolve) => {
          worker.onmessage = (event) => resolve(event.data);
          worker.postMessage({ kind, url, dictionary, entityId });
        });
        worker.terminate();
        return done;
      },
      { kind, url: `./${file.slice(work.length + 1)}`, dictionary, entityId: ENTITY },
    );
    runs.push({ ...result, peakMB: memory.stop() });
    await context.close();
  }
  return { ms: median(runs.map((r) => r.ms)), rows: runs[0]?.rows ?? 0, count: runs[0]?.count ?? 0, peakMB: Math.max(...runs.map((r) => r.peakMB)) };
}

/** The real page: the file chosen, the columns mapped, « Vérifier » clicked; the main thread traced. */
async function onPage(browserInstance: Browser, file: string): Promise<Measure & { task: number }> {
  const context = await browserInstance.newContext();
  const page = await context.newPage();
  await page.goto(`${siteServer.url}/verifier/extrait-de-donnees/`, { waitUntil: 'networkidle' });
  await page.locator('#extract-file').setInputFiles(file);
  await page.locator('.extract-run').waitFor({ timeout: 120_000 });
  memory.start();
  const traced = await longestMainThreadTask(browserInstance, page, async () => {
    await page.locator('.extract-run').click();
    await page.locator('.extract-report[aria-busy="false"]').waitFor({ timeout: 600_000 });
    await page.waitForTimeout(300);
  });
  const peakMB = memory.stop();
  const report = page.locator('.extract-report');
  const measure = { ms: Number(await report.getAttribute('data-duration-ms')), rows: Number(await report.getAttribute('data-rows')), count: (await page.locator('.kit-issues-list .kit-issue').count()) || 0, peakMB, task: traced.task };
  await context.close();
  return measure;
}

function inNode(kind: BenchKind | 'command', file: string): Measure {
  const script = kind === 'command' ? ['scripts/bench/command-node.ts', file, ENTITY] : ['scripts/bench/extract-node.ts', kind, file, ENTITY];
  const child = spawnSync(process.execPath, script, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Measure;
}

try {
  const chromiumRuns = {
    xlsx: { ours: await inChromium(browser, 'ours', files.xlsx), baseline: await inChromium(browser, 'baseline', files.xlsx), floor: await inChromium(browser, 'floor', files.xlsx) },
    csv: { ours: await inChromium(browser, 'ours', files.csv), floor: await inChromium(browser, 'floor', files.csv) },
    csvSmall: { ours: await inChromium(browser, 'ours', files.csvSmall) },
  };
  const pageRuns = { xlsx: await onPage(browser, files.xlsx), csv: await onPage(browser, files.csv) };
  const nodeRuns = {
    xlsx: { ours: inNode('ours', files.xlsx), command: inNode('command', files.xlsx), baseline: inNode('baseline', files.xlsx), floor: inNode('floor', files.xlsx) },
    csv: { ours: inNode('ours', files.csv), command: inNode('command', files.csv), floor: inNode('floor', files.csv) },
    csvSmall: { ours: inNode('ours', files.csvSmall), command: inNode('command', files.csvSmall) },
  };

  const rate = (m: Measure) => Math.round((m.rows / m.ms) * 1000);
  const row = (label: string, m: Measure | undefined, reference?: Measure) =>
    m ? `| ${label} | ${(m.ms / 1000).toFixed(2)} s | ${rate(m).toLocaleString('fr-FR')} | ${m.peakMB} Mo | ${reference ? `${(m.ms / reference.ms).toFixed(2)}×` : ''} |` : `| ${label} | non mesuré | | | |`;
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  console.log(`\nValidation d’extraits (${ENTITY}, ${COLUMNS} colonnes) — Chromium : médiane de ${RUNS} passages dans un worker, pic mémoire du processus de rendu ; Node : un processus par mesure (maxRSS).`);
  console.log(`Charge de la machine (1, 5, 15 min) : ${loadBefore} au début, ${load()} à la fin (2 cœurs partagés).\n`);
  for (const [title, env, runs] of [
    [`.xlsx, 100 000 lignes (${mb(files.xlsx)} Mo)`, 'Chromium', chromiumRuns.xlsx],
    [`.xlsx, 100 000 lignes (${mb(files.xlsx)} Mo)`, 'Node', nodeRuns.xlsx],
    [`CSV, 1 000 000 de lignes (${mb(files.csv)} Mo)`, 'Chromium', chromiumRuns.csv],
    [`CSV, 1 000 000 de lignes (${mb(files.csv)} Mo)`, 'Node', nodeRuns.csv],
  ] as const) {
    const floor = runs.floor;
    console.log(`**${title} — ${env}**\n`);
    console.log('| mesure | temps | lignes/s | pic mémoire | rapport au plancher |');
    console.log('|---|---|---|---|---|');
    console.log(row('notre validateur', runs.ours, floor));
    // The command line: the same core, with its report and the receipt's SHA-256 (a second pass over the file).
    if ('command' in runs) console.log(row('commande agora-verifier (rapport et reçu compris)', runs.command, floor));
    console.log(row('référence : SheetJS (lecture complète) + Ajv', 'baseline' in runs ? runs.baseline : undefined, floor));
    console.log(row('plancher : lecture en flux + un passage sur les valeurs', floor, floor));
    console.log('');
  }
  const x = chromiumRuns.xlsx;
  console.log('**Page réelle (/verifier/extrait-de-donnees/), Chromium**\n');
  console.log('| fichier | vérification (worker) | lignes/s | pic mémoire de l’onglet | plus longue tâche du fil principal |');
  console.log('|---|---|---|---|---|');
  for (const [label, m] of [['.xlsx 100 000 lignes', pageRuns.xlsx], ['CSV 1 000 000 de lignes', pageRuns.csv]] as const) {
    console.log(`| ${label} | ${(m.ms / 1000).toFixed(2)} s | ${rate(m).toLocaleString('fr-FR')} | ${m.peakMB} Mo | ${Math.round(m.task)} ms ${mark(m.task < TARGETS.mainThreadMs)} |`);
  }
  const csvRate = rate(chromiumRuns.csv.ours);
  console.log('\n**Cibles (Chromium)**\n');
  console.log(`- .xlsx à moins de ${TARGETS.xlsxToFloor}× le plancher : ${(x.ours.ms / x.floor.ms).toFixed(2)}× ${mark(x.ours.ms <= x.floor.ms * TARGETS.xlsxToFloor)} (référence SheetJS + Ajv : ${(x.baseline.ms / x.floor.ms).toFixed(2)}× le plancher ; nous sommes ${(x.baseline.ms / x.ours.ms).toFixed(1)}× plus rapides qu’elle)`);
  console.log(`- mémoire .xlsx au plus la moitié de la référence : ${x.ours.peakMB} Mo contre ${x.baseline.peakMB} Mo (${((x.ours.peakMB / x.baseline.peakMB) * 100).toFixed(0)} %) ${mark(x.ours.peakMB <= x.baseline.peakMB * TARGETS.memoryToBaseline)}`);
  console.log(`- CSV au moins ${TARGETS.csvRowsPerSecond.toLocaleString('fr-FR')} lignes/s : ${csvRate.toLocaleString('fr-FR')} lignes/s ${mark(csvRate >= TARGETS.csvRowsPerSecond)}`);
  console.log(`- mémoire CSV stable avec la taille : ${chromiumRuns.csvSmall.ours.peakMB} Mo pour 250 000 lignes, ${chromiumRuns.csv.ours.peakMB} Mo pour 1 000 000 ${mark(chromiumRuns.csv.ours.peakMB <= chromiumRuns.csvSmall.ours.peakMB * 1.25)} (Node : ${nodeRuns.csvSmall.ours.peakMB} et ${nodeRuns.csv.ours.peakMB} Mo ; commande agora-verifier : ${nodeRuns.csvSmall.command.peakMB} et ${nodeRuns.csv.command.peakMB} Mo)`);
  console.log(`- fil principal jamais bloqué plus de ${TARGETS.mainThreadMs} ms : ${Math.round(Math.max(pageRuns.xlsx.task, pageRuns.csv.task))} ms ${mark(Math.max(pageRuns.xlsx.task, pageRuns.csv.task) < TARGETS.mainThreadMs)}`);
  console.log('\nLa référence n’est pas mesurée sur le CSV d’un million de lignes : SheetJS y tiendrait 20 millions de cellules en mémoire.');
} finally {
  await browser.close();
  await benchServer.close();
  await siteServer.close();
  rmSync(work, { recursive: true, force: true });
  if (site.own) rmSync(siteDist, { recursive: true, force: true });
}
