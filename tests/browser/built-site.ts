// Reading a built site (dist/ or a scratch build) as partners read it: each page's text, its links, and the
// texts of the templates it serves. Shared by the tests that check what the site says in each state.
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { readablePages } from '../../src/node/page-types.ts';

export interface BuiltSite {
  dist: string;
  /** Every page a partner reads (redirects left out). */
  pages: string[];
  html(path: string): string;
  /** The readable text of the page's `<main>`, or of the whole `<body>` (header, sidebar, footer included). */
  text(path: string, part?: 'main' | 'body'): string;
  /** The text of the page's `<main>` without the composed-dictionary notice (and its mention beside downloads that lack it). */
  textWithoutNotice(path: string): string;
  /** The links of the page's `<main>`: href and visible label. */
  links(path: string): { href: string; label: string }[];
  /** Every string cell of a workbook the site serves (templates), sheet by sheet. */
  workbookTexts(path: string): { sheet: string; text: string }[];
}

export const decode = (text: string) =>
  text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/** Text with its spaces (ordinary, non-breaking, narrow) made one ordinary space. */
export const plain = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

const strip = (html: string) => plain(decode(html.replace(/<(script|style|svg)\b[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ')));

export function builtSite(dist: string): BuiltSite {
  const html = (path: string) => readFileSync(`${dist}${path.endsWith('/') ? `${path}index.html` : path}`, 'utf8');
  return {
    dist,
    pages: readablePages(dist),
    html,
    text(path, part = 'main') {
      const source = html(path);
      const scope = part === 'main' ? (source.match(/<main[\s\S]*<\/main>/)?.[0] ?? '') : (source.match(/<body[\s\S]*<\/body>/)?.[0] ?? '');
      return strip(scope);
    },
    textWithoutNotice(path) {
      const main = html(path).match(/<main[\s\S]*<\/main>/)?.[0] ?? '';
      return strip(main.replace(/<div class="origin-notice"[^>]*>\s*<aside[\s\S]*?<\/aside>\s*<\/div>/g, ' ').replace(/<span class="file-notice"[^>]*>[\s\S]*?<\/span>/g, ' '));
    },
    links(path) {
      const main = html(path).match(/<main[\s\S]*<\/main>/)?.[0] ?? '';
      return [...main.matchAll(/<a\b[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map(([, href = '', inner = '']) => ({ href: decode(href), label: strip(inner) }));
    },
    workbookTexts(path) {
      const workbook = XLSX.read(readFileSync(`${dist}${path}`), { type: 'buffer' });
      return workbook.SheetNames.flatMap((sheet) => {
        const cells = Object.entries(workbook.Sheets[sheet] ?? {}).filter(([ref]) => !ref.startsWith('!'));
        return cells.flatMap(([, cell]) => (typeof (cell as XLSX.CellObject).v === 'string' ? [{ sheet, text: String((cell as XLSX.CellObject).v) }] : []));
      });
    },
  };
}

/**
 * Pages that present the dictionary's content, hence must carry the notice while it is composed: the
 * home page, every dictionary page, the guide's data pages, every page of « Vérifier mes fichiers ».
 * Written from the issue's list, not read from the site's declaration, so that a page left out is caught.
 */
export const presentsDictionary = (path: string) => /^\/($|dictionnaire\/|verifier\/|guide\/(volet-donnees|etat-des-lieux|kit-de-diagnostic)\/$)/.test(path);
