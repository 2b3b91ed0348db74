import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * The whole project — pages and components (.astro), islands, core, scripts and tests — type-checks under
 * `astro/tsconfigs/strictest`: `astro check` covers what `tsc` cannot read (the .astro files).
 */
describe('types', () => {
  it('hold everywhere: astro check finds no error', { timeout: 300_000 }, () => {
    const run = spawnSync('npx', ['astro', 'check'], { encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' }, maxBuffer: 64 * 1024 * 1024 });
    const output = `${run.stdout}\n${run.stderr}`;
    const errors = output.split('\n').filter((line) => / - error /.test(line));
    expect(errors).toEqual([]);
    expect(output).toMatch(/- 0 errors/);
    expect(run.status).toBe(0);
  });
});
