import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const unitFiles = readdirSync('tests/unit').filter((file) => file.endsWith('.test.ts'));

describe('npm run test:unit: the unit suite without building the site', () => {
  it('is the test runner in its unit mode', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['test:unit']).toBe('node scripts/check-node.mjs && node scripts/test.ts --unit');
    expect(scripts['test']).toBe('node scripts/check-node.mjs && node scripts/test.ts');
  });

  it('no unit test reads the built site or drives a browser', () => {
    const reads = /['"`](?:\.\/)?dist\/|join\([^)]*['"]dist['"]|tests\/browser\/|playwright-core/;
    const offenders = unitFiles.filter((file) => file !== 'test-scripts.test.ts' && reads.test(readFileSync(join('tests/unit', file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('runs unit tests only, builds nothing, and ends with the line CI reads', { timeout: 120_000 }, () => {
    // One small file through the real runner: the filter narrows the suite as `npm run test:unit -- <filtre>` does.
    const run = spawnSync(process.execPath, ['scripts/test.ts', '--unit', 'typography'], { encoding: 'utf8', env: { ...process.env, CHROME_PATH: '/nonexistent' } });
    const lines = run.stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^[1-9]\d* passed, 0 failed$/);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(/astro build|building client|pages built/i);
    const results = JSON.parse(readFileSync('tests/.output/vitest-unit.json', 'utf8')) as { testResults: { name: string }[] };
    expect(results.testResults.map((file) => file.name.slice(process.cwd().length + 1))).toEqual(['tests/unit/typography.test.ts']);
  });
});
