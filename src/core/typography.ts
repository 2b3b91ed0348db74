/**
 * French typography, applied once where text reaches a reader so that sources can be typed with
 * ordinary spaces: a narrow no-break space inside « guillemets », before ; ! ? and %, and between
 * groups of digits; a no-break space before « : » and after the abbreviations that announce a number
 * (« L. 6353-10 », « n° 2017-772 », « art. 5 »), so that a line never breaks between them; and the
 * space a sentence lost where two pieces of text were joined (« ne change plus.Chaque »).
 */
const NNBSP = '\u202f';
const NBSP = '\u00a0';

export function frenchTypography(text: string): string {
  return text
    .replace(/« +/g, `«${NNBSP}`)
    .replace(/ +»/g, `${NNBSP}»`)
    .replace(/ +([;!?%])/g, `${NNBSP}$1`)
    .replace(/ +:(?=\s|$)/g, `${NBSP}:`)
    .replace(/(^|[\s(])([LRD]\.|[nN]°|[aA]rt\.) +(?=\d)/g, `$1$2${NBSP}`)
    .replace(/(\d) (?=\d{3}(?!\d))/g, `$1${NNBSP}`)
    .replace(/(\p{Ll}{2})([.!?…])(\p{Lu}\p{Ll})/gu, '$1$2 $3');
}

/** Raw-text elements whose content is code or data, never prose. */
const RAW = /^(script|style|pre|code|textarea|kbd|samp)$/i;

/**
 * Blocks whose text a reader sees apart but that a text extractor (Pagefind's index, a copy-paste)
 * would join when no whitespace separates them in the markup: « transmis.Données personnellesOui ».
 */
const BLOCK = /^(dt|dd|li|p|h[1-6]|td|th|tr|caption|figcaption|blockquote)$/i;
/** Containers that are blocks or cards only by their style: a space when another element follows them directly. */
const BOXES = /^(a|span|div)$/i;

/**
 * Applies `frenchTypography` to the text nodes of an HTML document, leaving tags, attributes,
 * scripts, styles and code untouched, and puts a space after the end of each text block followed
 * directly by a tag (whitespace between block elements does not render).
 */
export function typesetHtml(html: string): string {
  let skipUntil: string | undefined;
  return html.replace(/(<\/?([a-zA-Z][\w-]*)[^>]*>)(?=(<(\/)?)?)|([^<]+)/g, (whole, tag: string | undefined, name: string | undefined, nextIsTag: string | undefined, nextCloses: string | undefined, text: string | undefined) => {
    if (tag && name) {
      if (skipUntil === undefined && !tag.startsWith('</') && RAW.test(name) && !tag.endsWith('/>')) skipUntil = name.toLowerCase();
      else if (skipUntil === name.toLowerCase() && tag.startsWith('</')) skipUntil = undefined;
      const separate = skipUntil === undefined && nextIsTag && tag.startsWith('</') && (BLOCK.test(name) || (BOXES.test(name) && !nextCloses));
      return separate ? `${tag} ` : whole;
    }
    return text !== undefined && skipUntil === undefined ? frenchTypography(text) : whole;
  });
}
