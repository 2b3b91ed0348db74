import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dictionaryArtefacts } from '../../src/core/artefacts/registry.ts';
import { reservedEntityIds } from '../../src/core/dictionary/lint.ts';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import type { Dictionary } from '../../src/core/dictionary/model.ts';
import { pageKinds, pagePath, reservedSegments, versionPages, type PageItem } from '../../src/core/dictionary/pages.ts';
import { pageUrl } from '../../src/core/dictionary/urls.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { sidebar } from '../../src/node/sidebar.ts';

const shipped = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
const PAGES = 'src/pages/dictionnaire/[version]';

/** The route of each page file under /dictionnaire/<version>/, with `[…]` for a parameter. */
const routes = readdirSync(PAGES, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.astro'))
  .map((file) => `${file.replace(/\.astro$/, '').replace(/(^|\/)index$/, '').replace(/\[[^\]]+\]/g, '[…]')}/`.replace(/^\/$/, ''))
  .sort();

describe('the page kinds of the dictionary, one list', () => {
  it('name every page file of /dictionnaire/<version>/, and nothing else', () => {
    const declared = pageKinds.map((kind) => pagePath({ kind, id: '[…]' } as PageItem)).sort();
    expect(declared).toEqual(routes);
  });

  it('keep entity ids off every page segment, download directory and the latest alias', () => {
    expect(reservedEntityIds).toBe(reservedSegments);
    const firstSegments = routes.map((route) => route.split('/')[0]).filter((segment) => segment && segment !== '[…]');
    const downloadDirectories = dictionaryArtefacts(shipped).map((artefact) => artefact.path(shipped.manifest.version).split('/')).filter((parts) => parts.length > 1).map((parts) => parts[0]);
    expect([...new Set([...firstSegments, ...downloadDirectories, 'latest'])].sort()).toEqual([...reservedSegments].sort());
  });

  it('give the latest aliases every page of a version', () => {
    const pages = versionPages(shipped, true).map(pagePath);
    expect(pages).toContain('');
    for (const entity of shipped.entities) expect(pages).toContain(`${entity.id}/`);
    for (const nomenclature of shipped.nomenclatures) expect(pages).toContain(`nomenclatures/${nomenclature.id}/`);
    expect(pages).toContain('changements/');
    expect(versionPages(shipped, false).map(pagePath)).not.toContain('changements/');
    expect(new Set(pages).size).toBe(pages.length);
  });

  it('give the sidebar its dictionary entries, built by the URL helper', () => {
    const group = sidebar(process.cwd()).find((entry) => entry.label === 'Dictionnaire des données') as { items: { label: string; link?: string; items?: { link: string }[] }[] };
    const links = group.items.flatMap((item) => (item.items ? item.items.map((sub) => sub.link) : [item.link]));
    const version = links.find((link) => /^\/dictionnaire\/\d+\.\d+\.\d+\/$/.test(link ?? ''))?.split('/')[2] ?? '';
    expect(links).toContain(pageUrl(version, { kind: 'nomenclatures' }));
    expect(links).toContain(pageUrl(version, { kind: 'telechargements' }));
    expect(links.filter((link) => link?.startsWith(`/dictionnaire/${version}/`) && link.split('/').length === 5).length).toBeGreaterThan(0);
  });
});

describe('every dictionary URL comes from the URL helper', () => {
  const allowed = new Set(['src/core/dictionary/urls.ts']);
  const files = readdirSync('src', { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx|astro|mjs)$/.test(file))
    .map((file) => join('src', file))
    .filter((file) => !allowed.has(relative('.', file)));

  it('no page, component or module writes /dictionnaire/… by hand', () => {
    const handBuilt = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => [line, i + 1] as const)
        .filter(([line]) => !/^\s*(\/\/|\*|\/\*\*)/.test(line) && /["'`]\/dictionnaire\/|\/dictionnaire\/\$\{/.test(line))
        .map(([line, n]) => `${file}:${n}: ${line.trim()}`),
    );
    expect(handBuilt).toEqual([]);
  });
});
