import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = process.env.SITE_DIST ?? `${process.cwd()}/dist`;

/** Every script the built site can send to a browser: page chunks, islands, workers. */
const scripts = (readdirSync(dist, { recursive: true }) as string[]).filter((file) => /\.m?js$/.test(file));

describe('client bundles', () => {
  it('finds the scripts of the built site', () => {
    expect(scripts.some((file) => file.includes('kit.worker'))).toBe(true);
    expect(scripts.some((file) => file.includes('extract.worker'))).toBe(true);
    expect(scripts.some((file) => file.includes('Checklist'))).toBe(true);
  });

  // zod probes `new Function` when it validates: under the site's CSP that is a console violation on
  // every page with an island. Schemas run at build time only; the browser gets their checked data.
  it('ships no zod to the browser (islands and workers)', () => {
    const withZod = scripts.filter((file) => /\b_zod\b|\bZodError\b|\$ZodType/.test(readFileSync(join(dist, file), 'utf8')));
    expect(withZod).toEqual([]);
  });
});
