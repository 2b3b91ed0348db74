/**
 * French typography, applied once where text reaches a reader so that sources can be typed with
 * ordinary spaces: a narrow no-break space inside « guillemets » and before ; ! ?, a no-break space
 * before « : ».
 */
const NNBSP = '\u202f';
const NBSP = '\u00a0';

export function frenchTypography(text: string): string {
  return text
    .replace(/« +/g, `«${NNBSP}`)
    .replace(/ +»/g, `${NNBSP}»`)
    .replace(/ +([;!?])/g, `${NNBSP}$1`)
    .replace(/ +:(?=\s|$)/g, `${NBSP}:`);
}

/** Raw-text elements whose content is code or data, never prose. */
const RAW = /^(script|style|pre|code|textarea|kbd|samp)$/i;

/**
 * Applies `frenchTypography` to the text nodes of an HTML document, leaving tags, attributes,
 * scripts, styles and code untouched.
 */
export function typesetHtml(html: string): string {
  let skipUntil: string | undefined;
  return html.replace(/(<\/?([a-zA-Z][\w-]*)[^>]*>)|([^<]+)/g, (whole, tag: string | undefined, name: string | undefined, text: string | undefined) => {
    if (tag && name) {
      if (skipUntil === undefined && !tag.startsWith('</') && RAW.test(name) && !tag.endsWith('/>')) skipUntil = name.toLowerCase();
      else if (skipUntil === name.toLowerCase() && tag.startsWith('</')) skipUntil = undefined;
      return whole;
    }
    return text !== undefined && skipUntil === undefined ? frenchTypography(text) : whole;
  });
}
