import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { templateIdentity, type HashList } from '../../src/core/releases/freeze.ts';
import { draft, published } from '../../src/data/dictionaries.ts';
import { readHashList } from '../../src/node/releases.ts';
import { builtDraft, builtVersions, dist, inForce, newest, versionOf } from './built-versions.ts';
import { axeViolations, openPage, useSite } from './harness.ts';

const site = useSite();
// 1.0.0, 1.1.0 and 2.0.0 are frozen: what they contain is pinned by name. Which version is the newest or in
// force is read from the data (built-versions.ts), so a release leaves these tests green.
const fixture = (name: string) => readFileSync(`tests/fixtures/versions/${name}`, 'utf8').split('\n').filter((line) => line && !line.startsWith('#'));

/** Every change planted in 1.1.0 (see releases/index.yaml), by kind, as the diff page must list them. */
const planted110: Record<string, string[]> = {
  'entity-wording': ['titulaire', 'dossier', 'financement'],
  'field-required-when': ['TIT_ID_FRANCE_TRAVAIL', 'TIT_CSP', 'TIT_TYPE_CONTRAT', 'TIT_EMPLOI_INTITULE', 'TIT_SIRET_EMPLOYEUR', 'DOS_DATE_ENTREE', 'DOS_DATE_DEBUT_INTERRUPTION', 'DOS_MOTIF_INTERRUPTION', 'DOS_DATE_SORTIE', 'DOS_MOTIF_SORTIE', 'DOS_HEURES_REALISEES', 'DOS_RESULTAT'],
  'field-added': ['TIT_EMPLOYEUR_RAISON_SOCIALE', 'TIT_EMPLOYEUR_IDCC', 'TIT_EMPLOYEUR_NAF', 'TIT_CODE_POSTAL_TRAVAIL', 'TIT_PCS_ESE', 'TIT_CONTRAT_DATE_DEBUT', 'TIT_CONTRAT_DATE_FIN', 'TIT_DIPLOME_PLUS_ELEVE', 'TIT_DIPLOME_PLUS_ELEVE_RNCP', 'TIT_BOETH', 'TIT_BENEFICIAIRE_RSA'],
  'field-lheo': [
    ...['ORG_SIRET', 'ORG_NDA', 'ORG_UAI', 'ORG_RAISON_SOCIALE', 'ORG_NOM_COMMERCIAL', 'ORG_CODE_POSTAL', 'ORG_COMMUNE', 'ORG_LIBELLE_COMMUNE', 'ORG_COURRIEL'],
    ...['ACT_INTITULE', 'ACT_OBJECTIF', 'ACT_OBJECTIF_PROFESSIONNEL', 'ACT_CERTIFIANTE', 'ACT_CODE_RNCP', 'ACT_CODE_RS', 'ACT_NIVEAU_SORTIE', 'ACT_FORMACODE', 'ACT_FORMACODE_SECONDAIRE', 'ACT_NSF', 'ACT_ROME_VISE', 'ACT_MODALITE', 'ACT_DUREE_TOTALE', 'ACT_DUREE_CENTRE', 'ACT_DUREE_ENTREPRISE'],
    ...['SES_DATE_DEBUT', 'SES_DATE_FIN', 'SES_ENTREES_PERMANENTES', 'SES_CODE_POSTAL', 'SES_COMMUNE', 'SES_SIRET_LIEU', 'SES_EFFECTIF_PREVU'],
  ],
  'field-deprecated': ['DOS_ABANDON'],
  'field-wording': ['DOS_ABANDON'],
  'field-personal-data': ['FIN_IDENTIFIANT', 'FIN_NUMERO_DECISION', 'FIN_DATE_DECISION'],
  'field-sources': ['FIN_COUT_PEDAGOGIQUE_TOTAL', 'FIN_MONTANT_PRIS_EN_CHARGE', 'FIN_MONTANT_FRAIS_ANNEXES', 'FIN_RESTE_A_CHARGE', 'FIN_MONTANT_VERSE'],
  'nomenclature-wording': ['categorie-action', 'modalite', 'objectif-formation', 'type-financeur'],
  'code-added': ['type-financeur / LADOM'],
  'referential-added': ['idcc', 'naf', 'pcs-ese'],
  'source-added': ['code-travail-l6353-10-al2', 'decret-2019-1049', 'arrete-2019-10-11-si-cpf', 'code-travail-l5212-13', 'casf-l262-1', 'insee-pcs-ese', 'insee-naf', 'idcc'],
  'source-wording': ['decret-2017-772', 'decret-2024-1236', 'lheo'],
};

/** The breaking changes 1.1.0 announced, made in 2.0.0. */
const planted200: Record<string, string[]> = {
  'entity-key': ['titulaire', 'organisme', 'action', 'session', 'dossier', 'financement', 'dispositif'],
  'field-constraint': ['TIT_DATE_NAISSANCE', 'ACT_DUREE_TOTALE', 'ACT_DUREE_CENTRE', 'ACT_DUREE_ENTREPRISE', 'SES_DATE_FIN', 'DOS_DATE_FIN_PREVUE', 'DOS_DATE_REPRISE', 'DOS_DATE_SORTIE', 'DIS_DATE_FIN_VALIDITE'],
  'field-renamed': ['DOS_DATE_REPRISE'],
  'field-removed': ['DOS_ABANDON'],
};

const asLines = (planted: Record<string, string[]>) => Object.entries(planted).flatMap(([type, subjects]) => subjects.map((subject) => `${type} ${subject}`)).sort();

describe('every version published side by side', () => {
  it('still answers every URL the site had before versions, the 1.0.0 downloads byte for byte', async () => {
    const failures: string[] = [];
    for (const path of fixture('urls-1.0.0.txt')) {
      const response = await fetch(site.url + path);
      if (response.status !== 200) failures.push(`${path} ${response.status}`);
    }
    expect(failures).toEqual([]);
    const hashes = fixture('baseline-1.0.0.sha256').map((line) => [line.slice(66), line.slice(0, 64)] as const);
    expect(hashes.length).toBeGreaterThan(8);
    for (const [file, hash] of hashes) {
      const bytes = Buffer.from(await (await fetch(`${site.url}/dictionnaire/1.0.0/${file}`)).arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex'), file).toBe(hash);
    }
  });

  it('serves each published version’s downloads byte for byte as its hashes.json froze them, templates by their identity', async () => {
    const differing: string[] = [];
    for (const dictionary of published) {
      const { version } = dictionary.manifest;
      const list = readHashList(process.cwd(), `releases/${version}`) as HashList;
      const served = async (path: string) => new Uint8Array(await (await fetch(`${site.url}/dictionnaire/${version}/${path}`)).arrayBuffer());
      for (const [path, hash] of Object.entries(list.artefacts)) {
        if (createHash('sha256').update(await served(path)).digest('hex') !== hash) differing.push(`${version}/${path}`);
      }
      for (const [path, identity] of Object.entries(list.templates)) expect(templateIdentity(await served(path)), `${version}/${path}`).toEqual(identity);
    }
    expect(differing).toEqual([]);
  });

  it('serves each version’s pages and downloads, the LHÉO element on field pages and in 1.1.0’s JSON and CSV', async () => {
    for (const version of builtVersions.map(versionOf)) {
      for (const path of ['', 'dossier/', 'nomenclatures/type-financeur/', 'sources/', `dictionnaire-agora-${version}.json`, `kit-diagnostic-${version}.xlsx`, 'schemas/dossier.schema.json']) {
        expect((await fetch(`${site.url}/dictionnaire/${version}/${path}`)).status, `${version}/${path}`).toBe(200);
      }
    }
    const csv = await (await fetch(`${site.url}/dictionnaire/1.1.0/dictionnaire-agora-1.1.0.csv`)).text();
    expect(csv.split('\r\n')[0]).toMatch(/;élément LHÉO$/);
    expect(csv).toContain('ACT_INTITULE;');
    expect(csv.split('\r\n').find((line) => line.startsWith('ACT_INTITULE;'))).toMatch(/;intitule-formation$/);
    const json = (await (await fetch(`${site.url}/dictionnaire/1.1.0/dictionnaire-agora-1.1.0.json`)).json()) as { entities: { fields: { code: string; lheo?: string }[] }[] };
    expect(json.entities.flatMap((entity) => entity.fields).find((field) => field.code === 'ORG_NDA')?.lheo).toBe('numero-activite');
    expect(readFileSync(`${dist}/dictionnaire/1.1.0/organisme/index.html`, 'utf8')).toMatch(/Élément LHÉO<\/dt>\s*<dd[^>]*>\s*<code[^>]*>numero-activite<\/code>/);
  });

  it('serves every page of the newest version under /dictionnaire/latest/ too, as the page itself with its versioned address as canonical', async () => {
    const pages = (root: string): string[] =>
      readdirSync(root, { recursive: true, encoding: 'utf8' })
        .filter((path) => path.endsWith('index.html'))
        .sort();
    const versioned = pages(`${dist}/dictionnaire/${newest}`);
    expect(versioned.length).toBeGreaterThan(10);
    expect(pages(`${dist}/dictionnaire/latest`)).toEqual(versioned);
    for (const path of versioned) {
      const html = readFileSync(`${dist}/dictionnaire/latest/${path}`, 'utf8');
      const address = `/dictionnaire/${newest}/${path.replace(/index\.html$/, '')}`;
      // Absolute when the build knows the site's address (SITE_URL).
      expect(html.match(/<link rel="canonical" href="(?:https?:\/\/[^/"]+)?([^"]+)"/)?.[1], path).toBe(address);
      expect(html, path).toContain('<meta name="robots" content="noindex"/>');
      expect(html, path).not.toContain('data-pagefind-body');
      expect(html.match(/<h1[^>]*>(.*?)<\/h1>/)?.[1], path).toBe(readFileSync(`${dist}/dictionnaire/${newest}/${path}`, 'utf8').match(/<h1[^>]*>(.*?)<\/h1>/)?.[1]);
    }
    expect((await fetch(`${site.url}/dictionnaire/latest/dictionnaire-agora-latest.json`).then((r) => r.json())) as { manifest: { version: string } }).toMatchObject({ manifest: { version: newest } });
  });

  // The last field of the first entity and the last code of the longest list: as far down their pages as anchors go.
  const latest = published[0]!;
  const entity = latest.entities[0]!;
  const field = entity.fields.at(-1)!.code;
  const nomenclature = [...latest.nomenclatures].sort((a, b) => b.values.length - a.values.length)[0]!;
  const code = `code-${nomenclature.values.at(-1)!.code}`;
  it.each([true, false])('lands /dictionnaire/latest/…/#anchor on its field or code, JavaScript enabled: %s', async (javaScriptEnabled) => {
    const context = await site.browser.newContext({ javaScriptEnabled, locale: 'fr-FR' });
    const page = await context.newPage();
    const inView = (id: string) => page.evaluate((id) => {
      const box = document.getElementById(id)?.getBoundingClientRect();
      return box !== undefined && window.scrollY > 0 && box.top >= 0 && box.top < window.innerHeight;
    }, id);
    for (const [path, anchor] of [[`${entity.id}/`, field], [`nomenclatures/${nomenclature.id}/`, code]] as const) {
      await page.goto(`${site.url}/dictionnaire/latest/${path}#${anchor}`, { waitUntil: 'load' });
      expect(new URL(page.url()).pathname + new URL(page.url()).hash).toBe(`/dictionnaire/latest/${path}#${anchor}`);
      await expect.poll(() => inView(anchor), { message: `${path}#${anchor}` }).toBe(true);
    }
    await context.close();
  });
  // The mechanism itself is tested on every run by maintainer-release.test.ts, on a scratch draft.
  it.skipIf(!draft)('builds the working copy’s draft only for a preview (DRAFTS=1), every page of it « brouillon » and noindex', () => {
    const folder = `${dist}/dictionnaire/${draft!.manifest.version}`;
    if (!builtDraft) {
      expect(existsSync(folder), `${folder} in a production build`).toBe(false);
      return;
    }
    const pages = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(10);
    for (const path of pages) {
      const html = readFileSync(`${folder}/${path}`, 'utf8');
      expect(html, path).toContain('<meta name="robots" content="noindex"/>');
      expect(html, path).toContain('brouillon, non publiée');
    }
  });
});

describe('version selector and banners', () => {
  it('keeps the reader on the same field across a rename, both ways', async () => {
    const { page, errors } = await openPage(site, '/dictionnaire/2.0.0/dossier/#DOS_DATE_REPRISE');
    await page.getByText('Changer de version').click();
    await page.locator('.version-selector').getByRole('link', { name: 'Version 1.0.0' }).click();
    await page.waitForURL(/\/dictionnaire\/1\.0\.0\/dossier\/#DOS_DATE_FIN_INTERRUPTION$/);
    await expect.poll(() => page.locator('h2#DOS_DATE_FIN_INTERRUPTION').isVisible()).toBe(true);
    // The old version's banner leads to the renamed field in the version in force.
    const banner = page.locator('.version-banner a');
    expect(await banner.evaluate((a: HTMLAnchorElement) => a.pathname + a.hash)).toBe(`/dictionnaire/${inForce}/dossier/#DOS_DATE_REPRISE`);
    await banner.click();
    await page.waitForURL((url) => url.pathname + url.hash === `/dictionnaire/${inForce}/dossier/#DOS_DATE_REPRISE`);
    expect(errors).toEqual([]);
  });

  it('leads a withdrawn field to its withdrawal note, and drops the anchor of a code an older version lacks', async () => {
    const { page } = await openPage(site, '/dictionnaire/1.1.0/dossier/#DOS_ABANDON');
    expect(await page.locator('section.field:has(h2#DOS_ABANDON) dl').textContent()).toContain('Retiré en version 2.0.0.');
    await page.getByText('Changer de version').click();
    await page.locator('.version-selector').getByRole('link', { name: 'Version 2.0.0' }).click();
    await page.waitForURL(/\/2\.0\.0\/dossier\/#DOS_ABANDON$/);
    expect(await page.locator('li#DOS_ABANDON').textContent()).toContain('retiré en version 2.0.0');

    const codes = await openPage(site, '/dictionnaire/1.1.0/nomenclatures/type-financeur/#code-LADOM');
    expect(await codes.page.locator('tr#code-LADOM').textContent()).toContain('Depuis la version 1.1.0.');
    await codes.page.getByText('Changer de version').click();
    const target = (version: string) => codes.page.locator('.version-selector').getByRole('link', { name: `Version ${version}` }).evaluate((a: HTMLAnchorElement) => a.pathname + a.hash);
    expect(await target('1.0.0')).toBe('/dictionnaire/1.0.0/nomenclatures/type-financeur/');
    expect(await target('2.0.0')).toBe('/dictionnaire/2.0.0/nomenclatures/type-financeur/#code-LADOM');
  });

  it('works without JavaScript: the selector is a list of links to the same page in every version', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/dictionnaire/1.0.0/titulaire/`);
    await page.getByText('Changer de version').click();
    const links = page.locator('.version-selector a');
    expect(await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')))).toEqual([...builtVersions.map((d) => `/dictionnaire/${versionOf(d)}/titulaire/`), '/dictionnaire/versions/']);
    expect(await page.locator('.version-banner').textContent()).toContain(`La version en vigueur est la ${inForce}`);
    await context.close();
  });

  it('shows no banner on the version in force, and « depuis / retiré en » on fields', async () => {
    const html = readFileSync(`${dist}/dictionnaire/${inForce}/titulaire/index.html`, 'utf8');
    expect(html).not.toContain('version-banner');
    expect(readFileSync(`${dist}/dictionnaire/1.0.0/dossier/index.html`, 'utf8')).toMatch(/Renommé <a href="\/dictionnaire\/2\.0\.0\/dossier\/#DOS_DATE_REPRISE"[^>]*><code[^>]*>DOS_DATE_REPRISE<\/code><\/a> en\s+version 2\.0\.0\./);
    expect(readFileSync(`${dist}/dictionnaire/2.0.0/dossier/index.html`, 'utf8')).toMatch(/Anciennement <a href="\/dictionnaire\/1\.1\.0\/dossier\/#DOS_DATE_FIN_INTERRUPTION"[^>]*>/);
    expect(readFileSync(`${dist}/dictionnaire/1.0.0/dossier/index.html`, 'utf8')).toContain('Retiré en version 2.0.0.');
  });
});

describe('diffs between versions', () => {
  const listed = async (path: string) => {
    const { page, errors } = await openPage(site, path);
    const lines = await page.locator('li[data-change]').evaluateAll((items) => items.map((li) => `${li.getAttribute('data-change')} ${li.getAttribute('data-subject')}`));
    return { page, errors, lines: lines.sort() };
  };

  it('lists every change planted in 1.1.0 and nothing else, none of them breaking', async () => {
    const { page, lines } = await listed('/dictionnaire/1.1.0/changements/');
    expect(lines).toEqual(asLines(planted110));
    expect(await page.locator('li[data-bump="majeure"]').count()).toBe(0);
    // Each change links to the item in both versions it exists in.
    const renamedLinks = await page.locator('li[data-subject="DOS_ABANDON"][data-change="field-deprecated"] a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(renamedLinks).toEqual(['/dictionnaire/1.0.0/dossier/#DOS_ABANDON', '/dictionnaire/1.1.0/dossier/#DOS_ABANDON']);
  });

  it('lists the breaking changes of 2.0.0, each flagged and linked to both versions of the item', async () => {
    const { page, lines } = await listed('/dictionnaire/2.0.0/changements/');
    expect(lines).toEqual(asLines(planted200));
    expect(await page.locator('li[data-bump="majeure"] .change-flag').count()).toBe(lines.length);
    const rename = await page.locator('li[data-change="field-renamed"] a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(rename).toEqual(['/dictionnaire/1.1.0/dossier/#DOS_DATE_FIN_INTERRUPTION', '/dictionnaire/2.0.0/dossier/#DOS_DATE_REPRISE']);
  });

  it('publishes each diff as JSON with the addresses of both versions of each item', async () => {
    const json = (await (await fetch(`${site.url}/dictionnaire/2.0.0/changements.json`)).json()) as { from: string; to: string; bump: string; changes: { type: string; subject: string; before?: { url: string }; after?: { url: string } }[] };
    expect(json).toMatchObject({ from: '1.1.0', to: '2.0.0', bump: 'majeure' });
    expect(json.changes.map((change) => `${change.type} ${change.subject}`).sort()).toEqual(asLines(planted200));
    expect(json.changes.find((change) => change.type === 'field-removed')).toMatchObject({ before: { url: '/dictionnaire/1.1.0/dossier/#DOS_ABANDON' } });
  });

  it('compares any two versions in the browser from their published JSON', async () => {
    const { page, errors, requests } = await openPage(site, '/dictionnaire/comparer/');
    // It opens on the version in force against the newest other one.
    await expect.poll(() => page.locator('li[data-change]').count()).toBeGreaterThan(0);
    expect(await page.getByLabel('Version d’arrivée').inputValue()).toBe(inForce);
    expect(await page.getByLabel('Version de départ').inputValue()).toBe(versionOf(published.find((d) => versionOf(d) !== inForce)!));
    await page.getByLabel('Version de départ').selectOption('1.1.0');
    await page.getByLabel('Version d’arrivée').selectOption('2.0.0');
    await page.getByRole('button', { name: 'Comparer' }).click();
    await expect.poll(() => page.locator('li[data-change]').evaluateAll((items) => items.map((li) => `${li.getAttribute('data-change')} ${li.getAttribute('data-subject')}`).sort())).toEqual(asLines(planted200));
    await page.getByLabel('Version de départ').selectOption('1.0.0');
    await page.getByLabel('Version d’arrivée').selectOption('2.0.0');
    await page.getByRole('button', { name: 'Comparer' }).click();
    await expect.poll(() => page.locator('li[data-change="field-renamed"]').count()).toBe(1);
    const lines = await page.locator('li[data-change]').evaluateAll((items) => items.map((li) => `${li.getAttribute('data-change')} ${li.getAttribute('data-subject')}`));
    // Announced in 1.1.0 then withdrawn in 2.0.0: from 1.0.0 it is simply withdrawn.
    expect(lines.filter((line) => line.endsWith(' DOS_ABANDON'))).toEqual(['field-removed DOS_ABANDON']);
    expect(lines).toContain('field-added TIT_BOETH');
    expect(requests.map((request) => new URL(request.url()).pathname).filter((path) => path.endsWith('.json'))).toEqual(expect.arrayContaining(['/dictionnaire/1.0.0/dictionnaire-agora-1.0.0.json', '/dictionnaire/2.0.0/dictionnaire-agora-2.0.0.json']));
    expect(errors).toEqual([]);
  });
});

describe('accessibility of the version pages', () => {
  it.each(['/dictionnaire/versions/', '/dictionnaire/1.1.0/changements/', '/dictionnaire/1.0.0/dossier/', '/dictionnaire/comparer/'])('%s has no axe violation', async (path) => {
    const { page, errors } = await openPage(site, path);
    if (path.includes('/1.0.0/')) expect(await page.locator('.version-banner').isVisible()).toBe(true);
    if (path.includes('comparer')) await expect.poll(() => page.locator('li[data-change]').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
