// `npm test`: finds (or installs) Chromium, builds the site, runs every Vitest test (unit and
// real-browser), then prints the one line CI reads: « N passed, N failed ». The build is the production
// one, draft left out; DRAFTS=1 builds and tests a preview instead. Draft pages are always tested too, on
// a scratch copy (tests/browser/maintainer-release.test.ts).
// `npm run test:unit` (`--unit`): the unit suite alone (tests/unit/), without Chromium or building the site.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { findChromium } from '../src/node/chromium.ts';

const run = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1;

const unit = process.argv.includes('--unit');
const args = process.argv.slice(2).filter((arg) => arg !== '--unit');

let env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', AGORA_TESTS: unit ? 'unit' : 'all' };
if (!unit) {
  const chromium = findChromium({ install: true });
  if (!chromium.path) {
    console.error(chromium.message);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  env = { ...env, CHROME_PATH: chromium.path };
  if (run('npx', ['astro', 'build'], env) !== 0) {
    console.error('La construction du site a échoué : les tests ne peuvent pas s’exécuter.');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

mkdirSync('tests/.output', { recursive: true });
const results = unit ? 'tests/.output/vitest-unit.json' : 'tests/.output/vitest.json';
// A run that dies before writing its results must not be read as the previous run's.
rmSync(results, { force: true });
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...args], env);

let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(results, 'utf8')) as { numPassedTests: number; numFailedTests: number; numFailedTestSuites: number };
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.numFailedTests === 0 && status !== 0 ? Math.max(1, report.numFailedTestSuites) : 0);
} catch {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || status !== 0 ? 1 : 0);
