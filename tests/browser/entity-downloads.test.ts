import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { Schema } from 'tableschema';
import { describe, expect, it } from 'vitest';
import { dictionaryArtefacts } from '../../src/core/artefacts/registry.ts';
import { SAMPLE_ROWS } from '../../src/core/artefacts/sample-files.ts';
import type { Entity } from '../../src/core/dictionary/model.ts';
import { frenchTypography } from '../../src/core/typography.ts';
import { builtVersions, newestDictionary } from './built-versions.ts';
import { openPage, useSite } from './harness.ts';

const site = useSite();
/** Every version the site publishes; the newest published one is also served under « latest ». */
const versions = builtVersions;
const dictionary = newestDictionary;
const { version } = dictionary.manifest;
const artefacts = dictionaryArtefacts(dictionary);

/** Fetches a download as the browser would and re-opens it: every format checked by its own reader. */
async function reopen(href: string, entity: Entity): Promise<string> {
  const response = await fetch(site.url + href);
  expect(response.status, href).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const codes = entity.fields.map((field) => field.code);
  if (href.endsWith('.csv')) {
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n').filter(Boolean);
    expect(lines[0]?.split(';')).toEqual(codes);
    expect(lines).toHaveLength(SAMPLE_ROWS + 1);
  } else if (href.endsWith('.xlsx')) {
    const workbook = XLSX.read(bytes);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets[workbook.SheetNames[0] as string] as XLSX.WorkSheet, { header: 1 });
    expect(rows[0]).toEqual(codes);
    expect(rows).toHaveLength(SAMPLE_ROWS + 1);
  } else if (href.endsWith('.tableschema.json')) {
    const schema = await Schema.load(JSON.parse(new TextDecoder().decode(bytes)) as object);
    expect([schema.valid, schema.fieldNames]).toEqual([true, codes]);
  } else {
    expect((JSON.parse(new TextDecoder().decode(bytes)) as { properties: object }).properties).toBeDefined();
  }
  return response.headers.get('content-type') ?? '';
}

const dist = process.env.SITE_DIST ?? `${process.cwd()}/dist`;

describe('downloads of an entity', () => {
  const pages = versions.flatMap((d) => d.entities.map((entity) => [`${entity.id} ${d.manifest.version}`, d, entity] as const));

  it.each(pages)('are linked from the page of « %s », served and readable', async (_, d, entity) => {
    const v = d.manifest.version;
    const html = readFileSync(`${dist}/dictionnaire/${v}/${entity.id}/index.html`, 'utf8');
    const expected = dictionaryArtefacts(d).filter((artefact) => artefact.entity === entity.id);
    const hrefs = [...html.matchAll(/<a href="([^"]+)" download>/g)].map((match) => match[1]);
    expect(hrefs).toEqual(expected.map((artefact) => `/dictionnaire/${v}/${artefact.path(v)}`));
    for (const [i, artefact] of expected.entries()) {
      expect(await reopen(hrefs[i] as string, entity)).toContain(artefact.mediaType.split(';')[0]?.replace('schema+json', 'json'));
    }
  });

  it('show on the entity page with their labels, in a real browser', async () => {
    const { page, errors } = await openPage(site, `/dictionnaire/${version}/titulaire/`);
    const labels = artefacts.filter((artefact) => artefact.entity === 'titulaire').map((artefact) => frenchTypography(artefact.label));
    expect(await page.locator('main a[download]').allTextContents()).toEqual(labels);
    expect(errors).toEqual([]);
  });

  it('are listed on the downloads page, under the version and under « latest »', async () => {
    const { page, errors } = await openPage(site, `/dictionnaire/${version}/telechargements/`);
    const hrefs = await page.locator('main a[download]').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    for (const artefact of artefacts.filter((a) => a.entity)) {
      expect(hrefs).toContain(`/dictionnaire/${version}/${artefact.path(version)}`);
      expect(hrefs).toContain(`/dictionnaire/latest/${artefact.path('latest')}`);
    }
    const titulaire = dictionary.entities.find((entity) => entity.id === 'titulaire') as Entity;
    for (const path of ['exemples/titulaire.csv', 'exemples/titulaire.xlsx', 'schemas/titulaire.tableschema.json']) await reopen(`/dictionnaire/latest/${path}`, titulaire);
    expect(errors).toEqual([]);
  });
});
