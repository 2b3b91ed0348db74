import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The core runs anywhere: a plain `node` process (the Node that runs this suite, no Vite, no loader, no
 * plugin) imports every module of src/core/ and validates a kit, an état des lieux and an extract, with
 * the findings the Vitest suites expect of them (tests/fixtures/node/core-in-node.ts).
 */
const core = join(process.cwd(), 'src/core');
const coreFiles = readdirSync(core, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts')).sort();

interface Finding {
  rule: string;
  severity: string;
  place: string;
}
interface Planted {
  name: string;
  expected: Finding[];
  found: Finding[];
}
interface Output {
  modules: string[];
  viteEnv: boolean;
  kit: { valid: Finding[]; mistakes: Planted[] };
  etat: { valid: Finding[]; mistakes: Planted[] };
  extract: { valid: { rows: number; verdict: string; issues: number }; planted: { place: string; field: string; rule: string }[] };
}

describe('the core in plain Node', () => {
  it('no module of src/core/ imports a virtual module or reads what only Vite provides', () => {
    const offenders = coreFiles.filter((file) => /from\s+['"]virtual:|import\(\s*['"]virtual:|import\.meta\.(env|glob|hot)\b|\?(raw|url|worker)['"]/.test(readFileSync(join(core, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('imports every module and validates a kit, an état des lieux and an extract', { timeout: 180_000 }, () => {
    const run = spawnSync(process.execPath, ['tests/fixtures/node/core-in-node.ts'], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' }, maxBuffer: 64 * 1024 * 1024 });
    expect(run.stderr.replace(/^.*ExperimentalWarning.*\n|^\(Use `node --trace-warnings.*\n/gm, '')).toBe('');
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout) as Output;
    expect(output.viteEnv).toBe(false);
    expect(output.modules).toEqual(coreFiles);

    expect(output.kit.valid.filter((issue) => issue.severity === 'erreur')).toEqual([]);
    expect(output.kit.mistakes.length).toBeGreaterThanOrEqual(20);
    for (const mistake of output.kit.mistakes) expect(mistake.found, mistake.name).toEqual(mistake.expected);

    expect(output.etat.valid).toEqual([]);
    expect(output.etat.mistakes.length).toBeGreaterThanOrEqual(10);
    for (const mistake of output.etat.mistakes) expect(mistake.found, mistake.name).toEqual(mistake.expected);

    expect(output.extract.valid).toEqual({ rows: 50, verdict: 'conforme', issues: 0 });
    expect(output.extract.planted).toEqual([{ place: expect.stringMatching(/^[A-Z]+6$/), field: 'TIT_DATE_NAISSANCE', rule: expect.any(String) }]);
  });
});
