import { clearTail, type ReadProgress, type RowSink, serialToIsoDate } from './rows.ts';
import { entryChunks, entryText, readZipDirectory, type ZipEntry } from './zip.ts';

/**
 * A streaming reader of .xlsx sheets: one pass over the sheet's XML as it is inflated, cell values
 * picked out with `indexOf` on the decoded text, shared strings resolved from a table read first.
 * It reads what a validator needs (values, types, date formats) and ignores the rest (styles, formulas,
 * comments), which is why it runs at a fraction of a full workbook parse's time and memory.
 */

export interface SheetInfo {
  name: string;
  hidden: boolean;
  part: string;
}

export interface XlsxBook {
  blob: Blob;
  entries: Map<string, ZipEntry>;
  sheets: SheetInfo[];
  date1904: boolean;
  /** For each cell style (xf) index: 1 when its number format shows a date. */
  dateStyles: Uint8Array;
  sharedStringsPart: string | undefined;
  sharedStrings?: string[];
  dates: Map<string, string>;
}

/** Serial numbers already converted, by their text: the same dates come back row after row. */
const DATE_CACHE_LIMIT = 100_000;

export class XlsxError extends Error {
  readonly reason: 'not-workbook' | 'no-sheet' | 'xlsb' | 'damaged';

  constructor(reason: 'not-workbook' | 'no-sheet' | 'xlsb' | 'damaged') {
    super(`xlsx: ${reason}`);
    this.reason = reason;
  }
}

/** Directory, workbook, relationships and styles: a few kilobytes, read before any row. */
export async function openXlsx(blob: Blob): Promise<XlsxBook> {
  const entries = await readZipDirectory(blob);
  const text = async (part: string) => {
    const entry = entries.get(part);
    return entry ? entryText(blob, entry) : undefined;
  };
  const rootRels = relationships(await text('_rels/.rels'), '');
  const workbookPart = rootRels.find((rel) => rel.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  if (workbookPart.endsWith('.bin')) throw new XlsxError('xlsb');
  const workbook = await text(workbookPart);
  if (workbook === undefined) throw new XlsxError('not-workbook');
  const folder = workbookPart.replace(/[^/]*$/, '');
  const rels = relationships(await text(`${folder}_rels/${workbookPart.slice(folder.length)}.rels`), folder);
  const byId = new Map(rels.map((rel) => [rel.id, rel]));
  const sheets: SheetInfo[] = [];
  for (const match of workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const attributes = match[1] ?? '';
    const id = attribute(attributes, 'r:id') ?? /\b\w+:id="([^"]*)"/.exec(attributes)?.[1];
    const rel = id ? byId.get(id) : undefined;
    if (!rel || !rel.type.endsWith('/worksheet')) continue;
    sheets.push({ name: decodeXml(attribute(attributes, 'name') ?? ''), hidden: /state="(hidden|veryHidden)"/.test(attributes), part: rel.target });
  }
  if (sheets.length === 0) throw new XlsxError('no-sheet');
  const stylesPart = rels.find((rel) => rel.type.endsWith('/styles'))?.target;
  return {
    blob,
    entries,
    sheets,
    date1904: /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbook),
    dateStyles: dateStyles(stylesPart ? await text(stylesPart) : undefined),
    sharedStringsPart: rels.find((rel) => rel.type.endsWith('/sharedStrings'))?.target,
    dates: new Map(),
  };
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function relationships(xml: string | undefined, folder: string): Relationship[] {
  if (!xml) return [];
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)].map((match) => {
    const attributes = match[1] ?? '';
    const target = decodeXml(attribute(attributes, 'Target') ?? '');
    return { id: attribute(attributes, 'Id') ?? '', type: attribute(attributes, 'Type') ?? '', target: target.startsWith('/') ? target.slice(1) : normalizePath(folder + target) };
  });
}

function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function attribute(attributes: string, name: string): string | undefined {
  const at = attributes.indexOf(` ${name}="`);
  if (at < 0) return undefined;
  const start = at + name.length + 3;
  return attributes.slice(start, attributes.indexOf('"', start));
}

/** Built-in number formats that show dates (ECMA-376 §18.8.30, and the East Asian ones). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format shows a date when, outside quoted text, escapes and [colour]/[$-locale] blocks, it has d, m, y, h or s. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|_.|\*.|\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(bare.replace(/General/gi, ''));
}

function dateStyles(xml: string | undefined): Uint8Array {
  if (!xml) return new Uint8Array(0);
  const custom = new Map<number, string>();
  for (const match of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)>/g)) {
    const attributes = match[1] ?? '';
    custom.set(Number(attribute(attributes, 'numFmtId')), decodeXml(attribute(attributes, 'formatCode') ?? ''));
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  const ids = [...xfs.matchAll(/<(?:\w+:)?xf\b([^>]*)>/g)].map((match) => Number(attribute(match[1] ?? '', 'numFmtId') ?? 0));
  return Uint8Array.from(ids, (id) => (DATE_FORMAT_IDS.has(id) || (custom.has(id) && isDateFormat(custom.get(id) ?? '')) ? 1 : 0));
}

const ENTITY = /&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);|_x([0-9A-Fa-f]{4})_/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML entities and OOXML's `_xHHHH_` escapes of control characters. */
export function decodeXml(text: string): string {
  if (text.indexOf('&') < 0 && text.indexOf('_x') < 0) return text;
  return text.replace(ENTITY, (_, entity: string | undefined, hex: string | undefined) => {
    if (hex !== undefined) return String.fromCharCode(parseInt(hex, 16));
    if (entity === undefined) return '';
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return NAMED[entity] ?? '';
  });
}

/**
 * Reads a part as text, in pieces that end on a complete element: `closing` matches the end tag of the
 * repeated element (« </si> », « </row> », with any namespace prefix); `handle` gets the text up to its
 * last occurrence, and the prefix the part uses.
 */
async function scanPart(book: XlsxBook, entry: ZipEntry, closing: RegExp, handle: (text: string, prefix: string) => void, onProgress?: ReadProgress): Promise<void> {
  const decoder = new TextDecoder();
  let carry = '';
  let inflated = 0;
  let tag: string | undefined;
  let prefix = '';
  const take = (piece: string) => {
    if (tag === undefined) {
      const match = closing.exec(carry + piece);
      tag = match?.[0];
      prefix = match?.[1] ?? '';
    }
    const end = tag === undefined ? -1 : piece.lastIndexOf(tag);
    if (end < 0) {
      carry += piece;
      return;
    }
    // The element cut by the previous piece is finished on a small joined string; the rest is handled
    // as slices of the piece itself (V8 runs indexOf many times slower on a concatenation).
    const tagLength = (tag as string).length;
    const first = piece.indexOf(tag as string);
    let start = 0;
    if (carry !== '') {
      handle(carry + piece.slice(0, first + tagLength), prefix);
      start = first + tagLength;
    }
    if (end + tagLength > start) handle(piece.slice(start, end + tagLength), prefix);
    carry = piece.slice(end + tagLength);
  };
  for await (const chunk of entryChunks(book.blob, entry)) {
    inflated += chunk.length;
    // Decoded in pieces below V8's large-object size, so that the texts stay young objects.
    for (let at = 0; at < chunk.length; at += DECODE_BYTES) take(decoder.decode(chunk.subarray(at, at + DECODE_BYTES), { stream: true }));
    onProgress?.(inflated, entry.size);
  }
  handle(carry + decoder.decode(), prefix);
}

const DECODE_BYTES = 96 * 1024;

/** The shared-string table, in order: rich-text runs joined, phonetic guides (<rPh>) left out. */
export async function loadSharedStrings(book: XlsxBook, onProgress?: ReadProgress): Promise<string[]> {
  if (book.sharedStrings) return book.sharedStrings;
  const strings: string[] = [];
  const entry = book.sharedStringsPart ? book.entries.get(book.sharedStringsPart) : undefined;
  if (entry) {
    await scanPart(
      book,
      entry,
      /<\/(\w+:)?si>/,
      (text, prefix) => {
        const open = `<${prefix}si`;
        const close = `</${prefix}si>`;
        for (let p = text.indexOf(open); p >= 0; p = text.indexOf(open, p)) {
          const tagEnd = text.indexOf('>', p);
          const next = text.charCodeAt(p + open.length);
          if (next !== 62 && !isSpace(next) && next !== 47) {
            p = tagEnd;
            continue;
          }
          if (text.charCodeAt(tagEnd - 1) === 47) {
            strings.push('');
            p = tagEnd;
            continue;
          }
          const end = text.indexOf(close, tagEnd);
          if (end < 0) break;
          strings.push(runsText(text, tagEnd + 1, end, prefix));
          p = end + close.length;
        }
      },
      onProgress,
    );
  }
  book.sharedStrings = strings;
  return strings;
}

/**
 * Text of a string item (<si> or <is>) whose content spans [start, end): its <t> element, or the <t> of
 * each rich-text run (<r>) joined, phonetic guides (<rPh>) left out.
 */
function runsText(text: string, start: number, end: number, prefix: string): string {
  const open = `<${prefix}t`;
  const close = `</${prefix}t>`;
  const first = text.indexOf(open, start);
  if (first < 0 || first >= end) return '';
  const firstEnd = text.indexOf('>', first);
  const selfClosing = text.charCodeAt(firstEnd - 1) === 47;
  // The common case: the item is one <t> (what follows can only be phonetic guides).
  if (first === start && !selfClosing) return decodeXml(text.slice(firstEnd + 1, text.indexOf(close, firstEnd)));
  const phOpen = `<${prefix}rPh`;
  const phClose = `</${prefix}rPh>`;
  let phonetic = text.indexOf(phOpen, start);
  if (phonetic >= end) phonetic = -1;
  let result = '';
  for (let p = start; ; ) {
    const t = text.indexOf(open, p);
    if (t < 0 || t >= end) break;
    const tagEnd = text.indexOf('>', t);
    const next = text.charCodeAt(t + open.length);
    if ((next !== 62 && !isSpace(next)) || text.charCodeAt(tagEnd - 1) === 47) {
      p = tagEnd + 1;
      continue;
    }
    const closeAt = text.indexOf(close, tagEnd);
    p = closeAt + close.length;
    // Skip the guides that end before this <t>; a guide that starts before it and ends after holds it.
    let inGuide = false;
    while (phonetic >= 0 && phonetic < t) {
      const guideEnd = text.indexOf(phClose, phonetic);
      if (guideEnd > t) {
        inGuide = true;
        break;
      }
      phonetic = text.indexOf(phOpen, guideEnd);
      if (phonetic >= end) phonetic = -1;
    }
    if (!inGuide) result += text.slice(tagEnd + 1, closeAt);
  }
  return decodeXml(result);
}

export interface SheetReadOptions {
  onProgress?: ReadProgress;
}

/**
 * Streams the rows of a sheet to `sink`. Dates (numbers shown with a date format) come as AAAA-MM-JJ
 * text, shared strings resolved, booleans as 1/0, formula results as their cached value.
 */
export async function readSheetRows(book: XlsxBook, sheet: SheetInfo, sink: RowSink, options: SheetReadOptions = {}): Promise<void> {
  const entry = book.entries.get(sheet.part);
  if (!entry) throw new XlsxError('damaged');
  const strings = await loadSharedStrings(book);
  let names: TagNames | undefined;
  const cells: (string | undefined)[] = [];
  const numeric = new Uint8Array(16_384);
  let lastRow = 0;
  let stopped = false;
  const stop = new Error('stop');
  try {
    await scanPart(
      book,
      entry,
      /<\/(\w+:)?row>/,
      (text) => {
        if (stopped) return;
        names ??= tagNames(text);
        if (names === undefined) return;
        lastRow = scanRows(text, names, strings, book, cells, numeric, lastRow, (row, width) => {
          if (sink(row, cells, width, numeric) === false) {
            stopped = true;
            throw stop;
          }
        });
      },
      options.onProgress,
    );
  } catch (error) {
    if (error !== stop) throw error;
  }
}

interface TagNames {
  row: string;
  rowClose: string;
  cell: string;
  cellClose: string;
  value: string;
  valueClose: string;
  prefix: string;
}

/** The sheet's namespace prefix (« x: » from some generators) is read from its <sheetData>. */
function tagNames(text: string): TagNames | undefined {
  const match = /<(\w+:)?sheetData\b/.exec(text);
  if (!match) return undefined;
  const prefix = match[1] ?? '';
  return { prefix, row: `<${prefix}row`, rowClose: `</${prefix}row>`, cell: `<${prefix}c`, cellClose: `</${prefix}c>`, value: `<${prefix}v>`, valueClose: `</${prefix}v>` };
}

/** XML's white space (space, tab, line ends): what separates a tag's name and attributes, pretty-printed or not. */
const isSpace = (code: number): boolean => code === 32 || code === 10 || code === 9 || code === 13;

/**
 * Where the value of the one-letter attribute `letter` (r, s, t) starts in the start tag [start, end),
 * or -1. Bounded by the tag: searching the whole text for an absent attribute would be quadratic.
 */
function attributeAt(text: string, start: number, end: number, letter: number): number {
  for (let k = start; k < end - 3; k += 1) {
    if (isSpace(text.charCodeAt(k)) && text.charCodeAt(k + 1) === letter && text.charCodeAt(k + 2) === 61) return k + 4;
  }
  return -1;
}

/** Column number (1-based) of a reference such as « AB12 ». */
function columnOf(text: string, start: number): number {
  let column = 0;
  for (let i = start; ; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 65 || code > 90) return column;
    column = column * 26 + code - 64;
  }
}

/** The unsigned integer written from `at` (an attribute value, a shared-string index). */
function integerAt(text: string, at: number): number {
  let n = 0;
  for (let i = at; ; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return n;
    n = n * 10 + digit;
  }
}

function scanRows(
  text: string,
  names: TagNames,
  strings: readonly string[],
  book: XlsxBook,
  cells: (string | undefined)[],
  numeric: Uint8Array,
  previousRow: number,
  emit: (row: number, width: number) => void,
): number {
  const { row: ROW, rowClose: ROW_CLOSE, cell: CELL, cellClose: CELL_CLOSE, value: VALUE, valueClose: VALUE_CLOSE } = names;
  const dates = book.dates;
  const isoDate = (raw: string) => {
    const iso = serialToIsoDate(Number(raw), book.date1904) ?? raw;
    if (dates.size < DATE_CACHE_LIMIT) dates.set(raw, iso);
    return iso;
  };
  let lastRow = previousRow;
  // Width of the last row emitted: a shorter row empties the entries past its own end.
  let filled = cells.length;
  let p = 0;
  for (;;) {
    const rowStart = text.indexOf(ROW, p);
    if (rowStart < 0) break;
    const after = text.charCodeAt(rowStart + ROW.length);
    if (!isSpace(after) && after !== 62 && after !== 47) {
      p = rowStart + ROW.length;
      continue;
    }
    const rowTagEnd = text.indexOf('>', rowStart);
    const r = attributeAt(text, rowStart, rowTagEnd, 114);
    const rowNumber = r >= 0 ? integerAt(text, r) : lastRow + 1;
    lastRow = rowNumber;
    if (text.charCodeAt(rowTagEnd - 1) === 47) {
      p = rowTagEnd + 1;
      continue;
    }
    const rowEnd = text.indexOf(ROW_CLOSE, rowTagEnd);
    const limit = rowEnd < 0 ? text.length : rowEnd;
    let width = 0;
    let q = rowTagEnd + 1;
    for (;;) {
      const cellStart = text.indexOf(CELL, q);
      if (cellStart < 0 || cellStart >= limit) break;
      const next = text.charCodeAt(cellStart + CELL.length);
      if (!isSpace(next) && next !== 62 && next !== 47) {
        q = cellStart + CELL.length;
        continue;
      }
      const tagEnd = text.indexOf('>', cellStart);
      // One pass over the start tag for r (reference), s (style) and t (type): -1 / 0 / « n » when absent.
      let ref = -1;
      let style = 0;
      let type = 110;
      for (let k = cellStart + CELL.length; k < tagEnd - 3; k += 1) {
        if (!isSpace(text.charCodeAt(k)) || text.charCodeAt(k + 2) !== 61) continue;
        const name = text.charCodeAt(k + 1);
        if (name === 114) ref = k + 4;
        else if (name === 115) style = integerAt(text, k + 4);
        // The first letter tells the types apart, except « s » (shared) from « str » (formula text: « S »).
        else if (name === 116) type = text.charCodeAt(k + 4) === 115 && text.charCodeAt(k + 5) !== 34 ? 83 : text.charCodeAt(k + 4);
      }
      // A cell without a reference follows the one before it (ECMA-376 §18.3.1.4).
      const column = ref >= 0 ? columnOf(text, ref) : width + 1;
      while (width < column - 1) {
        cells[width] = undefined;
        numeric[width] = 0;
        width += 1;
      }
      // Out of order (not valid, but written by some tools): the row still ends at its last column.
      if (column > width) width = column;
      const i = column - 1;
      cells[i] = undefined;
      numeric[i] = 0;
      if (text.charCodeAt(tagEnd - 1) === 47) {
        q = tagEnd + 1;
        continue;
      }
      const cellEnd = text.indexOf(CELL_CLOSE, tagEnd);
      q = cellEnd + CELL_CLOSE.length;
      // inlineStr: <is><t>…</t></is>, possibly in rich-text runs.
      if (type === 105) {
        const is = text.indexOf('>', text.indexOf(`<${names.prefix}is`, tagEnd)) + 1;
        cells[i] = is > 0 && is < cellEnd ? runsText(text, is, cellEnd, names.prefix) : '';
        continue;
      }
      const v = text.indexOf(VALUE, tagEnd);
      if (v < 0 || v > cellEnd) continue;
      const at = v + VALUE.length;
      if (type === 115) {
        // A shared string: its index read in place, no copy of the digits.
        cells[i] = strings[integerAt(text, at)];
        continue;
      }
      const raw = text.slice(at, text.indexOf(VALUE_CLOSE, v));
      switch (type) {
        case 110:
          // n (or no type): a number; with a date format, a date.
          if (book.dateStyles[style] === 1) cells[i] = dates.get(raw) ?? isoDate(raw);
          else {
            cells[i] = raw;
            numeric[i] = 1;
          }
          break;
        case 100: // d: ISO 8601 date-time (strict files); the date part is what a date field holds
          cells[i] = raw.slice(0, 10);
          break;
        default: // str (« S »: formula text), b (1/0), e (#N/A…)
          cells[i] = decodeXml(raw);
      }
    }
    if (width < filled) clearTail(cells, numeric, width, filled);
    filled = width;
    emit(rowNumber, width);
    if (rowEnd < 0) break;
    p = rowEnd + ROW_CLOSE.length;
  }
  return lastRow;
}
