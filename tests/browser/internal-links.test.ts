import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = process.env.SITE_DIST ?? `${process.cwd()}/dist`;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .map((file) => file.split('\\').join('/'));
}

const idsCache = new Map<string, Set<string>>();
const idsOf = (file: string) => {
  let ids = idsCache.get(file);
  if (!ids) {
    ids = new Set([...readFileSync(join(dist, file), 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? ''));
    idsCache.set(file, ids);
  }
  return ids;
};

/** The file a site path is served from, as the static server resolves it. */
function target(path: string): string | undefined {
  const clean = decodeURIComponent(path);
  const direct = join(dist, clean);
  if (existsSync(direct) && statSync(direct).isFile()) return clean.replace(/^\//, '');
  const index = posix.join(clean, 'index.html').replace(/^\//, '');
  return existsSync(join(dist, index)) ? index : undefined;
}

describe('internal links of the built site', () => {
  it('all lead to an existing page and, with a fragment, to an existing anchor', () => {
    const dead: string[] = [];
    for (const file of htmlFiles(dist)) {
      const html = readFileSync(join(dist, file), 'utf8');
      const base = `/${posix.dirname(file)}/`.replace(/\/\.\/$/, '/').replace(/\/+/g, '/');
      for (const [, href] of html.matchAll(/<a\s[^>]*href="([^"]+)"/g)) {
        if (!href || /^(https?:|mailto:|data:|blob:)/.test(href) || href.startsWith('/_astro/') || href.startsWith('/pagefind/')) continue;
        const url = new URL(href.replaceAll('&amp;', '&'), `http://site${base}`);
        const page = target(url.pathname);
        if (!page) {
          dead.push(`${file} → ${href}`);
          continue;
        }
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (fragment && fragment !== '_top' && page.endsWith('.html') && !idsOf(page).has(fragment)) dead.push(`${file} → ${href} (ancre absente)`);
      }
    }
    expect(dead).toEqual([]);
  });
});
