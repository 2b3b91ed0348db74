/**
 * A cell Excel or LibreOffice would run as a formula when the CSV opens (OWASP « CSV injection »):
 * text starting, after any spaces, with = + - @, a tab or a line end (or their full-width forms). A plain
 * number such as « -12,5 » is data and is left alone.
 */
const FORMULA_START = /^[ \u00a0]*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?$/;

/** Text that spreadsheet programs show as typed: a leading apostrophe stops formula evaluation. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * CSV as French Excel opens it without an import wizard: UTF-8 with a byte-order mark, « ; » as
 * separator, CRLF line ends, every value quoted when it holds a separator, a quote or a line end.
 * Every CSV the site writes goes through here, so no cell can run as a formula (neutraliseFormula).
 */
export function toCsv(rows: readonly (readonly (string | number | boolean | undefined)[])[]): string {
  const cell = (value: string | number | boolean | undefined) => {
    const text = value === undefined ? '' : neutraliseFormula(String(value));
    return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `\uFEFF${rows.map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}
