// What the built site says, page by page, in the state this repository ships: a composed dictionary
// (the notice everywhere its content is presented), no platform contact configured (every « ask the
// platform team » sentence links the hub's public help pages, never a page that only says « à fournir »),
// the legal basis read from the dictionary in force, the legal pages in every footer, and French with
// no « (s) », no number disagreeing with its noun and no English word — on pages, templates and UI strings.
import { describe, expect, it } from 'vitest';
import { HUB_URL } from '../../src/core/config/platform.ts';
import { dictionaryArtefacts } from '../../src/core/artefacts/registry.ts';
import { composedNotice, noticeInFile, withoutNotice } from '../../src/core/dictionary/origin.ts';
import { downloadUrl } from '../../src/core/dictionary/urls.ts';
import { legalRoles } from '../../src/core/guide/legal-basis.ts';
import { readRepository } from '../../src/node/releases.ts';
import { ui } from '../../src/ui/strings.ts';
import { fill, fillCount } from '../../src/ui/fill.ts';
import { legalPages } from '../../src/data/legal.ts';
import { builtSite, decode, plain, presentsDictionary } from './built-site.ts';
import { builtVersions } from './built-versions.ts';
import { attributeTexts, englishWords, frenchProblems } from './french.ts';

const site = builtSite(process.env.SITE_DIST ?? `${process.cwd()}/dist`);
const { repository } = readRepository(process.cwd());
const inForce = repository?.published.find(({ release }) => release.status === 'en vigueur')?.dictionary;
const notice = plain(composedNotice.text);

describe('the dictionary’s status, while composed', () => {
  it('is stated by the repository data for the version in force', () => {
    expect(inForce?.origin).toBe('composé');
  });

  it('is shown on the home page, every dictionary page, the guide’s data pages and every validator and template page', () => {
    const pages = site.pages.filter(presentsDictionary);
    expect(pages.length).toBeGreaterThan(20);
    expect(pages.filter((path) => !site.text(path).includes(notice))).toEqual([]);
  });

  it('is said, on each version’s downloads page, beside exactly the files that do not carry it themselves', () => {
    const lacking: string[] = [];
    const mentioned: string[] = [];
    for (const dictionary of builtVersions) {
      const { version } = dictionary.manifest;
      for (const artefact of dictionaryArtefacts(dictionary)) if (!noticeInFile(artefact, dictionary.manifest)) lacking.push(downloadUrl(version, artefact.path(version)));
      const html = site.html(`/dictionnaire/${version}/telechargements/`);
      for (const [row = '', href = ''] of html.matchAll(/<tr>\s*<th scope="row">\s*<a href="([^"]+)"[\s\S]*?<\/tr>/g)) {
        if (row.includes('data-file-notice')) mentioned.push(decode(href));
      }
      expect(plain(decode(html))).toContain(plain(withoutNotice));
    }
    expect(lacking.length).toBeGreaterThan(0);
    expect(mentioned.sort()).toEqual(lacking.sort());
  });

  it('is written once: every notice on the site has the same words', () => {
    const variants = new Set(site.pages.flatMap((path) => [...site.html(path).matchAll(/data-origin-notice[\s\S]*?<\/aside>/g)].map((m) => plain(m[0].replace(/<[^>]+>/g, ' ')).replace(/^data-origin-notice[^ ]* /, ''))));
    expect(variants.size).toBe(1);
  });
});

describe('sentences that send the partner to the platform team, with no contact configured', () => {
  const sentences = site.pages.flatMap((path) => [...site.html(path).matchAll(/<span class="ask-platform[^"]*" data-ask-platform="([a-z]+)"[^>]*>([\s\S]*?)<\/span>/g)].map((m) => ({ path, topic: m[1], html: m[2] ?? '' })));

  it('exist on the guide, the FAQ and the legal pages', () => {
    expect(new Set(sentences.map((s) => s.path))).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    expect([...new Set(sentences.map((s) => s.path))].sort()).toEqual(expect.arrayContaining(['/guide/', '/guide/volet-juridique/', '/guide/volet-technique/', '/ressources/faq/', '/accessibilite/']));
  });

  it('each link the hub’s public help pages and say what the public sources say', () => {
    expect(sentences.filter((s) => !s.html.includes(`href="${HUB_URL}"`))).toEqual([]);
    expect(sentences.filter((s) => s.topic === 'technique').map((s) => plain(s.html.replace(/<[^>]+>/g, '')))).toEqual(
      expect.arrayContaining([expect.stringContaining('l’équipe interops de la Caisse des Dépôts « pourra intervenir en appui »')]),
    );
  });

  it('never lead to the contacts page, whose only answer would be « à fournir »', () => {
    // Sidebar and « Suivant » / « Précédent » links are navigation, not a sentence sending the partner there.
    const toContacts = site.pages.flatMap((path) =>
      site
        .links(path)
        .filter((link) => link.href.startsWith('/ressources/contacts/') && !/^(Suivant|Précédent) /.test(link.label))
        .map((link) => `${path} → ${link.label}`),
    );
    expect(toContacts).toEqual([]);
    expect(site.html('/ressources/contacts/')).toContain(`href="${HUB_URL}"`);
  });
});

describe('the legal basis', () => {
  it('is read from the sources of the version in force, each text with its title and role', () => {
    const text = site.text('/guide/volet-juridique/');
    for (const { source, role } of legalRoles) {
      const cited = inForce?.sources.find((s) => s.id === source);
      expect(cited, source).toBeDefined();
      expect(text).toContain(plain(cited?.title ?? ''));
      expect(text.toLowerCase()).toContain(role.toLowerCase());
    }
  });

  it('says on the guide and the glossary that décret 2017-772 is the historical text and annex 1 of the arrêté the current list', () => {
    for (const path of ['/guide/', '/ressources/glossaire/', '/dictionnaire/a-propos/']) {
      expect(site.text(path), path).toMatch(/décret n° 2017-772 du 4 mai 2017 l’a organisé au moyen du SI CPF \(texte historique\) ; la liste actuelle des catégories de données est l’annexe 1 de l’arrêté du 11 octobre 2019 modifié/);
    }
  });
});

describe('the pages a French public site owes its readers', () => {
  it('are linked from every page’s footer', () => {
    const missing = site.pages.filter((path) => !legalPages.every((page) => site.html(path).includes(`href="${page.href}"`)));
    expect(missing).toEqual([]);
  });

  it('state the accessibility status « non conforme », that no audit was done, and how to report a problem', () => {
    const text = site.text('/accessibilite/');
    expect(text).toContain('non conforme');
    expect(text).toContain('aucun audit de conformité n’a encore été réalisé');
    expect(site.html('/accessibilite/')).toMatch(/data-ask-platform="site"/);
    expect(site.html('/accessibilite/')).toContain('https://formulaire.defenseurdesdroits.fr/');
  });

  it('leave the legal notice’s parties to the configuration, saying so', () => {
    expect(site.html('/mentions-legales/').match(/data-to-supply/g)?.length).toBe(3);
  });
});

describe('French', () => {
  it('the checks catch each class of mistake', () => {
    for (const bad of ['3 changement(s) rompent', '1 ligne vérifiées', '2 erreur à corriger', '1 erreurs', '0 champs', '2 lignes vérifiée']) expect(frenchProblems(bad), bad).not.toEqual([]);
    for (const good of ['0 erreur', '1 ligne vérifiée', '2 lignes vérifiées', '1 280 px', 'les niveaux 1 à 8', 'version 1.0.0 des champs', '1 fois']) expect(frenchProblems(good), good).toEqual([]);
    expect(englishWords('Skip to content · On this page · Rechercher')).toEqual(['Skip to content', 'On this page']);
  });

  const withPage = (path: string, problems: string[]) => problems.map((problem) => `${path} : ${problem}`);

  it('no page has « (s) » or a number that disagrees with its noun', () => {
    expect(site.pages.flatMap((path) => withPage(path, frenchProblems(site.text(path, 'body'))))).toEqual([]);
  });

  it('no page leaves an English word in its interface', () => {
    expect(site.pages.flatMap((path) => withPage(path, englishWords([site.text(path, 'body'), ...attributeTexts(site.html(path))].join('\n'))))).toEqual([]);
  });

  it('the templates’ texts have no « (s) » and agree with their numbers', () => {
    const version = inForce?.manifest.version ?? '';
    const texts = [`/dictionnaire/${version}/kit-diagnostic-${version}.xlsx`, `/dictionnaire/${version}/etat-des-lieux-${version}.xlsx`].flatMap((path) => site.workbookTexts(path).map((cell) => ({ path, ...cell })));
    expect(texts.length).toBeGreaterThan(20);
    expect(texts.flatMap((cell) => withPage(`${cell.path} « ${cell.sheet} »`, frenchProblems(cell.text)))).toEqual([]);
  });

  it('the interface strings, filled with counts 0, 1 and 2, have no « (s) » and agree with their numbers', () => {
    const problems: string[] = [];
    const section = (path: string) => ui[path.split('.')[0] as keyof typeof ui] as unknown as Record<string, unknown>;
    const countedTexts = (path: string, n: number) =>
      Object.values(section(path) ?? {}).flatMap((entry) => {
        const forms = entry as { un?: unknown; plusieurs?: unknown };
        return typeof forms.un === 'string' && typeof forms.plusieurs === 'string' ? [fillCount(forms as { un: string; plusieurs: string }, n, new Proxy({}, { get: () => 'x' }))] : [];
      });
    const walk = (value: unknown, path: string) => {
      if (typeof value === 'string') {
        // Each placeholder is filled in turn with a neutral word and with every counted text of the same section, at 0, 1 and 2.
        for (const n of [0, 1, 2]) {
          for (const inserted of ['x', ...countedTexts(path, n).map((text) => ` ${text}`)]) problems.push(...withPage(path, frenchProblems(fill(value, new Proxy({}, { get: (_, key) => (key === 'n' ? n : inserted) }) as Record<string, string>))));
        }
        problems.push(...withPage(path, englishWords(value)));
      } else if (value && typeof value === 'object') {
        const forms = value as { un?: unknown; plusieurs?: unknown };
        if (typeof forms.un === 'string' && typeof forms.plusieurs === 'string') {
          for (const n of [0, 1, 2]) problems.push(...withPage(`${path} (${n})`, frenchProblems(fillCount(forms as { un: string; plusieurs: string }, n, new Proxy({}, { get: () => 'x' })))));
        } else for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
      }
    };
    walk(ui, '');
    expect(problems).toEqual([]);
  });
});
