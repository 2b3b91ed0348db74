// The extract validator's benchmark (issue 11, item 7), run by `npm run bench` after the kit's, or alone:
// `node scripts/bench-extract.ts`. It generates from the dictionary a 100,000-row × 20-column .xlsx and
// CSV files of 250,000 and 1,000,000 rows (never committed), then measures on each, in Chromium (worker)
// and in Node: our validator, the baseline (SheetJS full parse + Ajv) and the floor (streaming read and
// one pass over the cell values, no validation), the CSV split between 2 Workers, and the real page, the
// runs of one file taken in turn;
// then one more run of the page with its main thread traced. All in one table of ratios, with the load.
// A benchmark, not a test: it prints numbers against the targets and exits 0.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { loadDictionary } from '../src/core/dictionary/load.ts';
import type { Dictionary } from '../src/core/dictionary/model.ts';
import { readDictionaryFiles } from '../src/node/dictionary-files.ts';
import { serveStatic } from '../src/node/static-server.ts';
import { writeCsv, writeXlsx } from '../tests/fixtures/extract/large.ts';
import type { BenchKind, BenchResult, SplitPhases } from './bench/extract-worker.ts';
import { rendererMemorySampler } from '../src/node/renderer-memory.ts';
import { builtSite, chromiumOrExit } from './bench/site.ts';
import { longestMainThreadTask } from './bench/trace.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ENTITY = 'dossier';
const COLUMNS = 20;
const TARGETS = { twoWorkers: 1.6, xlsxToFloor: 1.5, csvToFloor: 0.5, pageToWorker: 0.9, memoryToBaseline: 0.5, csvRowsPerSecond: 300_000, mainThreadMs: 50 };

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
writeFileSync(join(work, 'index.html'), '<!doctype html><html lang="fr"><title>bench</title><body><input type="file" id="file"></body></html>');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const mb = (path: string) => (statSync(path).size / 1024 / 1024).toFixed(0);
interface Measure {
  ms: number;
  rows: number;
  count: number;
  peakMB: number;
  /** The validation alone, without opening the file and reading its header: the page's report gives only this. */
  validateMs?: number;
  phases?: SplitPhases;
}

const memory = rendererMemorySampler();
const benchServer = await serveStatic(work, 0);
const siteServer = await serveStatic(siteDist, 0);
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] });

/**
 * One kind on one file in a fresh page and bare worker: the file chosen in a file input, so that it is
 * read from disk exactly as the validator's page reads it.
 */
async function inChromium(browserInstance: Browser, kind: BenchKind, file: string): Promise<Measure> {
  const context = await browserInstance.newContext();
  const page = await context.newPage();
  await page.goto(`${benchServer.url}/`);
  await page.locator('#file').setInputFiles(file);
  memory.start();
  const result = await page.evaluate(
    async ({ kind, url, dictionary, entityId }) => {
      const worker = new Worker('./extract-bench-worker.js', { type: 'module' });
      const chosen = (document.getElementById('file') as HTMLInputElement).files?.[0];
      const done = await new Promise<BenchResult>((resolve) => {
        worker.onmessage = (event) => resolve(event.data);
        worker.postMessage({ kind, url, dictionary, entityId, file: chosen });
      });
      worker.terminate();
      return done;
    },
    { kind, url: file.slice(work.length + 1), dictionary, entityId: ENTITY },
  );
  const measure = { ...result, peakMB: memory.stop() };
  await context.close();
  return measure;
}

/**
 * The real page: the file chosen, the columns mapped, « Vérifier » clicked; the time is the Worker's own
 * (the report's), the main thread traced when `traced` (tracing slows every thread: that run is not timed).
 */
async function onPage(browserInstance: Browser, file: string, traced: boolean): Promise<Measure & { task: number }> {
  const context = await browserInstance.newContext();
  const page = await context.newPage();
  await page.goto(`${siteServer.url}/verifier/extrait-de-donnees/`, { waitUntil: 'networkidle' });
  await page.locator('#extract-file').setInputFiles(file);
  await page.locator('.extract-run').waitFor({ timeout: 120_000 });
  memory.start();
  const run = async () => {
    await page.locator('.extract-run').click();
    await page.locator('.extract-report[aria-busy="false"]').waitFor({ timeout: 600_000 });
    await page.waitForTimeout(300);
  };
  const task = traced ? (await longestMainThreadTask(browserInstance, page, run)).task : (await run(), 0);
  const peakMB = memory.stop();
  const report = page.locator('.extract-report');
  const ms = Number(await report.getAttribute('data-duration-ms'));
  const measure = { ms, validateMs: ms, rows: Number(await report.getAttribute('data-rows')), count: (await page.locator('.kit-issues-list .kit-issue').count()) || 0, peakMB, task };
  await context.close();
  return measure;
}

/** The median of RUNS of each measure, the runs of the different measures taken in turn so that a change of load hits them all alike. */
async function alternately<K extends string>(measures: Record<K, () => Promise<Measure>>): Promise<Record<K, Measure>> {
  const runs = Object.fromEntries(Object.keys(measures).map((key) => [key, [] as Measure[]])) as Record<K, Measure[]>;
  for (let i = 0; i < RUNS; i += 1) for (const key of Object.keys(measures) as K[]) runs[key].push(await measures[key]());
  return Object.fromEntries(
    (Object.entries(runs) as [K, Measure[]][]).map(([key, list]) => {
      const phases = [...list].sort((a, b) => a.ms - b.ms)[Math.floor(list.length / 2)]?.phases;
      return [key, { ms: median(list.map((m) => m.ms)), validateMs: median(list.map((m) => m.validateMs ?? m.ms)), rows: list[0]?.rows ?? 0, count: list[0]?.count ?? 0, peakMB: Math.max(...list.map((m) => m.peakMB)), ...(phases ? { phases } : {}) }];
    }),
  ) as Record<K, Measure>;
}

function inNode(kind: BenchKind | 'command', file: string): Measure {
  const script = kind === 'command' ? ['scripts/bench/command-node.ts', file, ENTITY] : ['scripts/bench/extract-node.ts', kind, file, ENTITY];
  const child = spawnSync(process.execPath, script, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Measure;
}

try {
  const browserRuns = {
    xlsx: await alternately({ floor: () => inChromium(browser, 'floor', files.xlsx), ours: () => inChromium(browser, 'ours', files.xlsx), page: () => onPage(browser, files.xlsx, false), baseline: () => inChromium(browser, 'baseline', files.xlsx) }),
    csv: await alternately({ floor: () => inChromium(browser, 'floor', files.csv), ours: () => inChromium(browser, 'ours', files.csv), ours2: () => inChromium(browser, 'ours-2', files.csv), page: () => onPage(browser, files.csv, false) }),
    csvSmall: await alternately({ ours: () => inChromium(browser, 'ours', files.csvSmall) }),
  };
  const traced = { xlsx: await onPage(browser, files.xlsx, true), csv: await onPage(browser, files.csv, true) };
  const nodeRuns = {
    xlsx: { floor: inNode('floor', files.xlsx), ours: inNode('ours', files.xlsx), command: inNode('command', files.xlsx), baseline: inNode('baseline', files.xlsx) },
    csv: { floor: inNode('floor', files.csv), ours: inNode('ours', files.csv), command: inNode('command', files.csv) },
    csvSmall: { ours: inNode('ours', files.csvSmall), command: inNode('command', files.csvSmall) },
  };
  const loadAfter = load();

  const rate = (m: Measure) => Math.round((m.rows / m.ms) * 1000);
  const seconds = (m: Measure) => `${(m.ms / 1000).toFixed(2)} s`;
  const ratio = (m: Measure, reference: Measure) => `${(m.ms / reference.ms).toFixed(2)}×`;
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  const pageToWorker = (runs: { ours: Measure; page: Measure }) => (runs.ours.validateMs ?? runs.ours.ms) / runs.page.ms;
  const cell = (m: Measure | undefined, floor: Measure) => (m ? `${seconds(m)} — ${ratio(m, floor)}` : 'non mesuré');
  console.log(`\nValidation d’extraits (${ENTITY}, ${COLUMNS} colonnes) — Chromium : médiane de ${RUNS} passages, les mesures d’un fichier prises à tour de rôle, chacune dans un onglet neuf, le fichier choisi dans un champ de fichier (lu sur le disque comme par la page) ; Node : un processus par mesure.`);
  console.log(`Charge de la machine (1, 5, 15 min) : ${loadBefore} au début, ${loadAfter} à la fin (2 cœurs partagés).\n`);
  console.log('Temps, et rapport au plancher du même environnement dans la même exécution :\n');
  console.log('| fichier | plancher Chromium | notre Worker | page réelle | page / Worker | SheetJS + Ajv (Chromium) | plancher Node | notre validateur, Node | commande agora-verifier, Node (rapport et reçu compris) | SheetJS + Ajv (Node) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const [label, b, n] of [
    [`.xlsx ${(100_000).toLocaleString('fr-FR')} lignes (${mb(files.xlsx)} Mo)`, browserRuns.xlsx, nodeRuns.xlsx],
    [`CSV ${(1_000_000).toLocaleString('fr-FR')} lignes (${mb(files.csv)} Mo)`, browserRuns.csv, nodeRuns.csv],
  ] as const) {
    const baselineB = 'baseline' in b ? b.baseline : undefined;
    const baselineN = 'baseline' in n ? n.baseline : undefined;
    console.log(`| ${label} | ${seconds(b.floor)} | ${cell(b.ours, b.floor)} | ${cell(b.page, b.floor)} | ${pageToWorker(b).toFixed(2)} ${mark(pageToWorker(b) >= TARGETS.pageToWorker)} | ${cell(baselineB, b.floor)} | ${seconds(n.floor)} | ${cell(n.ours, n.floor)} | ${cell(n.command, n.floor)} | ${cell(baselineN, n.floor)} |`);
  }
  console.log('\n« page / Worker » : débit de la page rapporté à celui du Worker seul, sur la vérification seule (après la lecture des en-têtes, que la page fait avant le clic ; cible ≥ 0,9). Les autres colonnes comptent tout, de l’ouverture du fichier au rapport.');
  console.log('\n**Lignes par seconde et mémoire**\n');
  console.log('| mesure | lignes/s | pic mémoire |');
  console.log('|---|---|---|');
  for (const [label, m] of [
    ['.xlsx — notre Worker', browserRuns.xlsx.ours],
    ['.xlsx — page réelle (onglet)', browserRuns.xlsx.page],
    ['.xlsx — SheetJS + Ajv', browserRuns.xlsx.baseline],
    ['CSV 1 000 000 — notre Worker', browserRuns.csv.ours],
    ['CSV 1 000 000 — 2 Workers', browserRuns.csv.ours2],
    ['CSV 1 000 000 — page réelle (onglet)', browserRuns.csv.page],
    ['CSV 250 000 — notre Worker', browserRuns.csvSmall.ours],
    ['CSV 1 000 000 — Node', nodeRuns.csv.ours],
    ['CSV 1 000 000 — commande agora-verifier', nodeRuns.csv.command],
  ] as const) {
    console.log(`| ${label} | ${rate(m).toLocaleString('fr-FR')} | ${m.peakMB} Mo |`);
  }
  const x = browserRuns.xlsx;
  const c = browserRuns.csv;
  const csvRate = rate(c.ours);
  const task = Math.max(traced.xlsx.task, traced.csv.task);
  console.log('\n**Cibles (Chromium)**\n');
  console.log(`- page aussi rapide que son Worker (≥ ${TARGETS.pageToWorker}×) : .xlsx ${pageToWorker(x).toFixed(2)}× ${mark(pageToWorker(x) >= TARGETS.pageToWorker)}, CSV ${pageToWorker(c).toFixed(2)}× ${mark(pageToWorker(c) >= TARGETS.pageToWorker)}`);
  const speedUp = c.ours.ms / c.ours2.ms;
  console.log(`- CSV ${(1_000_000).toLocaleString('fr-FR')} lignes, 2 Workers contre 1 (même exécution) : ${seconds(c.ours2)} contre ${seconds(c.ours)}, ${speedUp.toFixed(2)}× plus rapide ${mark(speedUp >= TARGETS.twoWorkers)} (cible ≥ ${TARGETS.twoWorkers}× ; jamais plus lent : ${mark(speedUp >= 1)}) ; la machine a ${availableParallelism()} cœurs`);
  const phases = c.ours2.phases;
  if (phases) {
    const at = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`  profil du passage médian à 2 Workers, depuis le début de la vérification : plages précédentes comptées à ${at(phases.countedMs)} ; plages vérifiées à ${phases.checkedMs.map(at).join(' et ')} ; rapport à ${at(c.ours2.validateMs ?? c.ours2.ms)} (fusion des résultats et des clés : ${at((c.ours2.validateMs ?? c.ours2.ms) - Math.max(...phases.checkedMs))}) ; un Worker seul vérifie tout en ${at(c.ours.validateMs ?? c.ours.ms)}`);
  }
  console.log(`- .xlsx à moins de ${TARGETS.xlsxToFloor}× le plancher : ${ratio(x.ours, x.floor)} ${mark(x.ours.ms <= x.floor.ms * TARGETS.xlsxToFloor)} (référence SheetJS + Ajv : ${ratio(x.baseline, x.floor)} le plancher ; nous sommes ${(x.baseline.ms / x.ours.ms).toFixed(1)}× plus rapides qu’elle)`);
  console.log(`- CSV à au moins ${TARGETS.csvToFloor} fois le débit du plancher : ${(c.floor.ms / c.ours.ms).toFixed(2)} ${mark(c.ours.ms * TARGETS.csvToFloor <= c.floor.ms)} ; au moins ${TARGETS.csvRowsPerSecond.toLocaleString('fr-FR')} lignes/s : ${csvRate.toLocaleString('fr-FR')} ${mark(csvRate >= TARGETS.csvRowsPerSecond)}`);
  console.log(`- mémoire .xlsx au plus la moitié de la référence : ${x.ours.peakMB} Mo contre ${x.baseline.peakMB} Mo (${((x.ours.peakMB / x.baseline.peakMB) * 100).toFixed(0)} %) ${mark(x.ours.peakMB <= x.baseline.peakMB * TARGETS.memoryToBaseline)}`);
  console.log(`- mémoire CSV stable avec la taille : ${browserRuns.csvSmall.ours.peakMB} Mo pour 250 000 lignes, ${c.ours.peakMB} Mo pour 1 000 000 ${mark(c.ours.peakMB <= browserRuns.csvSmall.ours.peakMB * 1.25)} (Node : ${nodeRuns.csvSmall.ours.peakMB} et ${nodeRuns.csv.ours.peakMB} Mo ; commande agora-verifier : ${nodeRuns.csvSmall.command.peakMB} et ${nodeRuns.csv.command.peakMB} Mo)`);
  console.log(`- fil principal de la page jamais bloqué plus de ${TARGETS.mainThreadMs} ms (un passage tracé de plus par fichier) : .xlsx ${Math.round(traced.xlsx.task)} ms, CSV ${Math.round(traced.csv.task)} ms ${mark(task < TARGETS.mainThreadMs)}`);
  console.log('\nLa référence n’est pas mesurée sur le CSV d’un million de lignes : SheetJS y tiendrait 20 millions de cellules en mémoire.');
} finally {
  await browser.close();
  await benchServer.close();
  await siteServer.close();
  rmSync(work, { recursive: true, force: true });
  if (site.own) rmSync(siteDist, { recursive: true, force: true });
}
