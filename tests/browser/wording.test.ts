// What partners read on the built pages: no dead end, no repository path, no label shared by two
// destinations, French typography that keeps numbers with what announces them, and only what the public
// sources say about AGORA (see shared/agora-facts.md, « What the public sources do NOT say »).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_FILE } from '../../src/node/cli/report-schema.ts';
import { builtPages } from '../../src/node/page-types.ts';

const dist = process.env.SITE_DIST ?? `${process.cwd()}/dist`;
const pages = builtPages(dist);
const html = (path: string) => readFileSync(`${dist}${path.endsWith('/') ? `${path}index.html` : path}`, 'utf8');
const decode = (text: string) => text.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
/** The readable text of a page's main content, scripts left out and, unless asked, code too. */
const mainText = (path: string, { withCode = false } = {}) =>
  decode(
    (html(path).match(/<main[\s\S]*<\/main>/)?.[0] ?? '')
      .replace(withCode ? /<(script|style)\b[\s\S]*?<\/\1>/g : /<(script|style|code|pre)\b[\s\S]*?<\/\1>/g, ' ')
      .replace(/<[^>]+>/g, ''),
  );
/** Pages partners read as the guide (not the dictionary's data or the kit's lists). */
const guidePages = pages.filter((path) => /^\/($|guide\/|ressources\/|verifier\/$|dictionnaire\/(a-propos\/)?$|404)/.test(path));

/** Each label of a set of links, with the destinations it is used for. */
function labelsToTargets(links: Iterable<RegExpMatchArray>): [string, string[]][] {
  const map = new Map<string, Set<string>>();
  for (const [, href = '', inner = ''] of links) {
    const label = decode(inner.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();
    map.set(label, (map.get(label) ?? new Set()).add(href));
  }
  return [...map].map(([label, targets]) => [label, [...targets]]);
}

describe('wording of the built pages', () => {
  it('shows partners no repository path or source file name', () => {
    // The command line's download is a file partners save and run, not a source file of the repository.
    const download = new RegExp(`^([\\w./-]*/)?${COMMAND_FILE.replace(/\./g, '\\.')}(\\.sha256)?[.:)#]*$`);
    const leaks = pages.flatMap((path) =>
      [...mainText(path, { withCode: true }).matchAll(/\S*(\b(src|dictionary|tests|scripts|node_modules)\/|\.(ya?ml|tsx?|astro|mjs)\b)\S*/g)].filter((m) => !download.test(m[0]) || /\b(src|dictionary|tests|scripts|node_modules)\//.test(m[0])).map((m) => `${path}: ${m[0]}`),
    );
    expect(leaks).toEqual([]);
  });

  it('gives the 404 page a way home', () => {
    expect(html('/404.html')).toMatch(/<main[\s\S]*<a[^>]+href="\/"[\s\S]*<\/main>/);
  });

  it('labels each sidebar entry and each « Suivant » / « Précédent » link after one destination only', () => {
    const sidebar = html('/guide/').match(/<nav[^>]*class="sidebar[\s\S]*?<\/nav>/)?.[0] ?? '';
    const shared = (entries: [string, string[]][]) => entries.filter(([, targets]) => targets.length > 1);
    expect(shared(labelsToTargets(sidebar.matchAll(/<a href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)))).toEqual([]);
    const pagination = pages.flatMap((path) => [...html(path).matchAll(/<a href="([^"]+)" rel="(?:next|prev)"[^>]*>[\s\S]*?<span class="link-title[^"]*">([\s\S]*?)<\/span>/g)]);
    expect(pagination.length).toBeGreaterThan(5);
    expect(shared(labelsToTargets(pagination))).toEqual([]);
  });

  it('keeps « L. », « n° », « art. » with their number, « % » with its figure, and sentences apart', () => {
    const breaks = pages.flatMap((path) => [...mainText(path).matchAll(/(?:^|\s)(?:[LRD]\.|n°|art\.) \d\S*|\d %|\p{Ll}{2}[.!?]\p{Lu}\p{Ll}+/gu)].map((m) => `${path}: ${m[0].trim()}`));
    expect(breaks).toEqual([]);
  });

  it('links cited Légifrance texts by their ELI address only', () => {
    const links = pages.flatMap((path) => [...html(path).matchAll(/href="(https?:\/\/[^"]*legifrance[^"]*)"/g)].map((m) => m[1] ?? ''));
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((url) => !/^https:\/\/www\.legifrance\.gouv\.fr\/eli\/(loi|decret|arrete|ordonnance)\/\d{4}\/\d{1,2}\/\d{1,2}\/[A-Z]{4}\d{7}[A-Z]\/jo\/texte$/.test(url))).toEqual([]);
  });
});

describe('accuracy of the guide', () => {
  it('lists no one as an AGORA partner beyond what the public sources say (no Agefiph, no « services de l’État »)', () => {
    const claims = [...guidePages.map((path) => [path, mainText(path)] as const), ['README.md', readFileSync('README.md', 'utf8')] as const].flatMap(([path, text]) =>
      [...text.matchAll(/[^.]*\b(Agefiph|services de l’État|services de l'État)\b[^.]*/g)].map((m) => `${path}: ${m[0].trim()}`),
    );
    expect(claims).toEqual([]);
  });

  it('calls the Caisse des Dépôts what the law calls it (établissement spécial), never « établissement public »', () => {
    expect(pages.filter((path) => /établissement public/i.test(mainText(path)))).toEqual([]);
    expect(mainText('/ressources/glossaire/')).toMatch(/Établissement spécial, selon l’article L\.\s518-2 du code monétaire et financier/);
  });

  it('keeps « suite jeton » as the toolkit’s name, with no made-up description', () => {
    const text = pages.map((path) => mainText(path)).join('\n') + readFileSync('src/data/parcours.yaml', 'utf8');
    expect(text).not.toMatch(/suites? de jetons|jetons? signés?/i);
    expect(mainText('/ressources/glossaire/')).toMatch(/Suite jeton\s*Nom que la page d’aide du hub AGORA donne/);
  });

  it('invents no test or go-live step of the technical strand: they are left to the platform team', () => {
    const text = [mainText('/guide/'), mainText('/guide/volet-technique/'), readFileSync('src/data/parcours.yaml', 'utf8')].join('\n');
    expect(text).not.toMatch(/Tester les échanges|Mettre (la connexion )?en service|tests puis mise en service|testée puis mise en service/i);
    expect(mainText('/guide/volet-technique/')).toMatch(/à fournir par l’équipe plateforme/);
  });
});
