import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface PageType {
  /** The route pattern of the type: segments that differ between its pages read `*`, versions `:version`. */
  name: string;
  /** The page that stands for the type: its largest, the worst case for size, layout and speed. */
  sample: string;
  /** Every page of the type, as site paths (`/guide/`, `/404.html`). */
  pages: string[];
}

/** Every built page of `dist`, as the path a browser asks for. */
export function builtPages(dist: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.html')) {
        const site = `/${relative(dist, path).split(sep).join('/')}`;
        pages.push(site.endsWith('/index.html') ? site.slice(0, -'index.html'.length) : site);
      }
    }
  };
  walk(dist);
  return pages.sort();
}

const fileOf = (dist: string, page: string) => join(dist, page.endsWith('/') ? `${page}index.html` : page);

/** Pages built a second time under another address (the « latest » aliases): their canonical address is another page. */
export function isAlias(dist: string, page: string): boolean {
  const canonical = /<link rel="canonical" href="([^"]+)"/.exec(readFileSync(fileOf(dist, page), 'utf8'))?.[1];
  return canonical !== undefined && new URL(canonical, 'http://site.invalid').pathname !== page;
}

/** Every built page a partner actually reads, once: aliases left out. */
export const readablePages = (dist: string) => builtPages(dist).filter((page) => !isAlias(dist, page));

/**
 * What makes a page of its own type: the components it is built from (Astro's scoped-style classes,
 * one per styled component) and its interactive islands. Pages that share both render the same way
 * whatever their content, so a test or a measure of one of them stands for all.
 */
function signature(html: string): string {
  const classes = new Set(html.match(/\bastro-[a-z0-9]{8}\b/g));
  const islands = new Set(Array.from(html.matchAll(/component-url="[^"]*\/([^/."]+)[^/"]*"/g), (m) => m[1]));
  return `${[...classes].sort().join(' ')}|${[...islands].sort().join(' ')}`;
}

function routePattern(pages: string[]): string {
  const split = pages.map((page) => page.split('/'));
  const first = split[0] ?? [];
  const sameDepth = split.every((parts) => parts.length === first.length);
  const segments = sameDepth
    ? first.map((segment, i) => (split.every((parts) => parts[i] === segment) ? segment : '*'))
    : first;
  const pattern = segments.map((segment) => (/^\d+\.\d+\.\d+$/.test(segment) ? ':version' : segment)).join('/');
  return sameDepth || pages.length === 1 ? pattern : `${pattern} (+${pages.length - 1})`;
}

/**
 * The page types of a built site, discovered from `dist/` itself: pages added later (new versions, new
 * validators, new guide pages) join an existing type or make a new one with no list to maintain.
 * Aliases are not a type: the page they stand for is.
 */
export function pageTypes(dist: string): PageType[] {
  const groups = new Map<string, string[]>();
  for (const page of readablePages(dist)) {
    const key = signature(readFileSync(fileOf(dist, page), 'utf8'));
    groups.set(key, [...(groups.get(key) ?? []), page]);
  }
  return [...groups.values()]
    .map((pages) => {
      const sample = pages.reduce((a, b) => (statSync(fileOf(dist, b)).size > statSync(fileOf(dist, a)).size ? b : a));
      return { name: routePattern(pages), sample, pages };
    })
    .sort((a, b) => a.sample.localeCompare(b.sample));
}
