import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allFields, type Dictionary } from '../../src/core/dictionary/model.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import { LHEO_CORRESPONDENCE_ANCHOR } from '../../src/core/dictionary/lheo.ts';
import { legalBasisPendingLabel } from '../../src/core/dictionary/vocabulary.ts';
import { openPage, useSite } from './harness.ts';
import { newestDictionary } from './built-versions.ts';

const site = useSite();
const dist = process.env.SITE_DIST ?? `${process.cwd()}/dist`;
const html = (path: string) => readFileSync(`${dist}${path}index.html`, 'utf8');
/** The newest published version: what partners find, search and download as « latest ». */
const dictionary = newestDictionary;
const version = dictionary.manifest.version;
/** The working copy, when this build shows it (a draft in a preview build, or the newest version itself). */
const working = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
const shown = existsSync(`${dist}/dictionnaire/${working.manifest.version}/index.html`) ? working : dictionary;

describe('generated dictionary reference', () => {
  it('gives every field its deep link on its entity page', () => {
    const fields = allFields(dictionary);
    expect(fields.length).toBeGreaterThanOrEqual(100);
    const missing = fields.filter((field) => !html(`/dictionnaire/${version}/${field.entity}/`).includes(`id="${field.code}"`));
    expect(missing.map((field) => field.code)).toEqual([]);
  });

  it('lists every code of every nomenclature on its page', () => {
    for (const nomenclature of dictionary.nomenclatures) {
      const page = html(`/dictionnaire/${version}/nomenclatures/${nomenclature.id}/`);
      const missing = nomenclature.values.filter((value) => !page.includes(`<code>${value.code}</code>`));
      expect(missing, nomenclature.id).toEqual([]);
    }
  });

  it('shows each LHÉO correspondence of codes on its nomenclature page, linked from the fields that use it', () => {
    const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    const corresponding = shown.nomenclatures.filter((nomenclature) => nomenclature.lheo);
    for (const nomenclature of corresponding) {
      const page = spaced(html(`/dictionnaire/${shown.manifest.version}/nomenclatures/${nomenclature.id}/`));
      const section = page.slice(page.indexOf(`id="${LHEO_CORRESPONDENCE_ANCHOR}"`));
      expect(section.length, nomenclature.id).toBeLessThan(page.length);
      expect(section).toContain(`<code>${nomenclature.lheo?.dictionary}</code>`);
      if (nomenclature.lheo?.note) expect(section).toContain(spaced(nomenclature.lheo.note));
      for (const value of nomenclature.values) for (const entry of value.lheo ?? []) expect(section, `${nomenclature.id} / ${value.code}`).toContain(`<code>${entry.code}</code>`);
    }
    const fields = allFields(shown).filter((field) => field.lheo || field.lheoNote || field.legalBasis);
    for (const field of fields) {
      const page = spaced(html(`/dictionnaire/${shown.manifest.version}/${field.entity}/`));
      const detail = page.slice(page.indexOf(`id="${field.code}"`), page.indexOf('</section>', page.indexOf(`id="${field.code}"`)));
      if (field.lheo) expect(detail, field.code).toContain(`>${field.lheo}</code>`);
      if (field.lheoNote) expect(detail, field.code).toContain(spaced(field.lheoNote));
      if (field.legalBasis) expect(detail, field.code).toContain(spaced(legalBasisPendingLabel));
      const nomenclature = field.binding && 'nomenclature' in field.binding ? corresponding.find((n) => n.id === (field.binding as { nomenclature: string }).nomenclature) : undefined;
      if (field.lheo && nomenclature) expect(detail, field.code).toContain(`href="/dictionnaire/${shown.manifest.version}/nomenclatures/${nomenclature.id}/#${LHEO_CORRESPONDENCE_ANCHOR}"`);
    }
  });

  it('lands on the field when its deep link is opened', async () => {
    const { page, errors } = await openPage(site, `/dictionnaire/${version}/titulaire/#TIT_NIR`);
    const heading = page.locator('h2#TIT_NIR');
    await expect.poll(() => heading.isVisible()).toBe(true);
    expect(await heading.evaluate((element) => element.getBoundingClientRect().top < window.innerHeight)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('filters the field table by entity, obligation and personal data, and the table is complete without JavaScript', async () => {
    const path = `/dictionnaire/${version}/`;
    expect(html(path).match(/<tr data-entity=/g)).toHaveLength(allFields(dictionary).length);
    const { page, errors } = await openPage(site, path);
    const visibleRows = () => page.locator('#champs tbody tr:visible').count();
    await expect.poll(visibleRows).toBe(allFields(dictionary).length);
    await page.getByLabel('Entité').selectOption('titulaire');
    const titulaire = dictionary.entities.find((entity) => entity.id === 'titulaire')!.fields;
    await expect.poll(visibleRows).toBe(titulaire.length);
    await page.getByLabel('Données personnelles').selectOption('non');
    await expect.poll(visibleRows).toBe(titulaire.filter((field) => !field.personalData).length);
    await page.getByRole('button', { name: 'Réinitialiser les filtres' }).click();
    await page.getByLabel('Code, libellé ou définition').fill('naissance');
    const naissance = allFields(dictionary).filter((field) => /naissance/i.test(`${field.code} ${field.label} ${field.definition}`));
    await expect.poll(visibleRows).toBe(naissance.length);
    expect(await page.getByRole('status').first().textContent()).toContain(`${naissance.length} ${naissance.length < 2 ? 'champ affiché' : 'champs affichés'} sur ${allFields(dictionary).length}`);
    expect(errors).toEqual([]);
  });

  it('finds the NIR field first when searching « NIR », and lands on its anchor', async () => {
    const { page, errors } = await openPage(site, '/dictionnaire/');
    await page.locator('button[data-open-modal]').click();
    await page.locator('.pagefind-ui__search-input').fill('NIR');
    const first = page.locator('.pagefind-ui__result-link').first();
    await expect.poll(() => first.getAttribute('href'), { timeout: 10_000 }).toContain(`/dictionnaire/${version}/titulaire/`);
    const firstSub = page.locator('.pagefind-ui__result').first().locator('.pagefind-ui__result-nested .pagefind-ui__result-link').first();
    expect(await firstSub.getAttribute('href')).toMatch(/#TIT_NIR$/);
    await firstSub.click();
    await page.waitForURL(/#TIT_NIR$/);
    expect(errors).toEqual([]);
  });

  it('serves the downloads at versioned and latest URLs, the CSV ready for French Excel', async () => {
    for (const alias of [version, 'latest']) {
      const csv = await fetch(`${site.url}/dictionnaire/${alias}/dictionnaire-agora-${alias}.csv`);
      expect(csv.status).toBe(200);
      const bytes = new Uint8Array(await csv.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const json = await fetch(`${site.url}/dictionnaire/${alias}/dictionnaire-agora-${alias}.json`);
      expect(((await json.json()) as Dictionary).manifest.version).toBe(version);
      const schema = await fetch(`${site.url}/dictionnaire/${alias}/schemas/titulaire.schema.json`);
      expect(((await schema.json()) as { $id: string }).$id).toBe(`urn:agora:dictionnaire:${version}:titulaire`);
    }
  });
});
