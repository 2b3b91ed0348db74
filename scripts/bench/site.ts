import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from '../../src/node/chromium.ts';

/** Chromium's path, or the process ends saying how to get one. */
export function chromiumOrExit(): string {
  const found = findChromium({ install: true });
  if (!found.path) {
    console.error(found.message);
    process.exit(1);
  }
  return found.path;
}

/**
 * The site to measure: SITE_DIST when given, else a fresh build of the current sources in a temporary
 * folder (never a stale or shared dist/); the process ends if `page` is not in it. `own`: the caller
 * built it and removes it when done.
 */
export function builtSite(page: string): { dist: string; own: boolean } {
  const dist = process.env.SITE_DIST ?? mkdtempSync(join(tmpdir(), 'agora-bench-site-'));
  if (!process.env.SITE_DIST) {
    const built = spawnSync('npx', ['astro', 'build', '--outDir', dist], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  if (!existsSync(join(dist, page, 'index.html'))) {
    console.error(`Pas de page ${page} dans ${dist}.`);
    process.exit(1);
  }
  return { dist, own: !process.env.SITE_DIST };
}
