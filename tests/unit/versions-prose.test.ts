import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every source a page's text comes from, outside the dictionary data (which carries its own version). */
const sources = (readdirSync('src', { recursive: true }) as string[])
  .filter((file) => /\.(mdx?|astro|tsx|yaml)$/.test(file))
  .map((file) => join('src', file));

/** Comments say why in code; only what a reader sees counts. */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1').replace(/^\s*#.*$/gm, '');

describe('version numbers in page text', () => {
  it('are never written by hand: pages read them from the dictionary', () => {
    const hardCoded = sources.flatMap((file) => {
      const found = withoutComments(readFileSync(file, 'utf8')).match(/\b\d+\.\d+\.\d+\b/g) ?? [];
      return found.map((version) => `${file}: ${version}`);
    });
    expect(sources.length).toBeGreaterThan(20);
    expect(hardCoded).toEqual([]);
  });
});
