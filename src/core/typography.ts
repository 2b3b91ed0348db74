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
