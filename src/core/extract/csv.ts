import { clearTail, type ReadProgress, type RowSink } from './rows.ts';

/**
 * A streaming CSV reader: the file is read in slices of a few megabytes, decoded incrementally and cut
 * into records as they come, so memory stays flat whatever the file's size. Lines without quotes are
 * split natively (`String#split`), the common case; quoted fields (separators, quotes, line ends
 * inside) go through a small state machine.
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ';' | ',' | '\t';

export interface CsvFormat {
  encoding: Encoding;
  /** Bytes of the byte-order mark to skip. */
  bom: number;
  delimiter: Delimiter;
}

/**
 * The encoding, from the byte-order mark, else from the bytes: UTF-16 puts a zero in every other byte of
 * Latin text; a text that is not valid UTF-8 is read as Windows-1252, what Excel writes on French Windows.
 */
export function sniffEncoding(head: Uint8Array): { encoding: Encoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  let evenZeros = 0;
  let oddZeros = 0;
  const sample = Math.min(head.length, 4096);
  for (let i = 0; i < sample; i += 1) if (head[i] === 0) (i % 2 === 0 ? (evenZeros += 1) : (oddZeros += 1));
  if (oddZeros > sample / 4 && evenZeros < sample / 40) return { encoding: 'utf-16le', bom: 0 };
  if (evenZeros > sample / 4 && oddZeros < sample / 40) return { encoding: 'utf-16be', bom: 0 };
  return { encoding: isUtf8(head) ? 'utf-8' : 'windows-1252', bom: 0 };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    // `stream` lets a character cut at the end of the sample pass.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Counts of a separator outside quotes in each of the first lines. */
function separatorCounts(text: string, delimiter: string, lines: number): number[] {
  const counts: number[] = [];
  let count = 0;
  let quoted = false;
  for (let i = 0; i < text.length && counts.length < lines; i += 1) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === delimiter) count += 1;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      counts.push(count);
      count = 0;
    }
  }
  if (counts.length < lines && count > 0) counts.push(count);
  return counts;
}

/**
 * The separator that splits the most of the first lines into the same number of columns (more than
 * one): title lines or notes above the table, which have none or a stray comma, do not decide. On a
 * tie, the one that gives more columns, then `;` (French Excel's), tab, comma.
 */
export function sniffDelimiter(text: string): Delimiter {
  let best: { delimiter: Delimiter; score: number; columns: number } = { delimiter: ';', score: 0, columns: 0 };
  for (const delimiter of [';', '\t', ','] as const) {
    const frequency = new Map<number, number>();
    for (const count of separatorCounts(text, delimiter, 20)) if (count > 0) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    for (const [columns, score] of frequency) {
      if (score > best.score || (score === best.score && columns > best.columns)) best = { delimiter, score, columns };
    }
  }
  return best.delimiter;
}

export interface CsvReadOptions {
  onProgress?: ReadProgress;
  /** Bytes decoded at a time (tests make it tiny to cut records and characters everywhere). */
  pieceBytes?: number;
}

export interface CsvReadResult {
  /** The file claimed UTF-8 but held bytes that are not: they were shown as « � ». */
  invalidCharacters: number;
  /** Windows-1252 was detected only past the sample the encoding was guessed from. */
  switchedToWindows1252: boolean;
}

/**
 * Bytes decoded at a time: the text stays below V8's large-object size (128 KB) in one-byte strings, so
 * it is a young object; a text of megabytes would go straight to the old generation and cost a full
 * garbage collection every few pieces.
 */
export const PIECE_BYTES = 96 * 1024;

/** Streams the records of a CSV file to `sink`, numbered from 1 (blank lines keep their number). */
export async function readCsvRows(blob: Blob, format: CsvFormat, sink: RowSink, options: CsvReadOptions = {}): Promise<CsvReadResult> {
  const pieceBytes = options.pieceBytes ?? PIECE_BYTES;
  let decoder = new TextDecoder(format.encoding);
  const result: CsvReadResult = { invalidCharacters: 0, switchedToWindows1252: false };
  // Whether a multi-byte character was seen: UTF-8 text holds fewer characters than bytes exactly then.
  let bytesSoFar = 0;
  let charsSoFar = 0;
  let tail = new Uint8Array(0);
  const parser = new CsvParser(format.delimiter, sink);
  const reader = blob.slice(format.bom).stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let at = 0; at < value.length; at += pieceBytes) {
        const bytes = value.subarray(at, at + pieceBytes);
        let text = decoder.decode(bytes, { stream: true });
        if (decoder.encoding === 'utf-8' && text.includes('\ufffd')) {
          // Not UTF-8 after all. If everything so far was ASCII, the two encodings agree on it: go on in
          // Windows-1252. Otherwise the file mixes encodings: keep UTF-8 and count what cannot be read.
          if (format.encoding === 'utf-8' && charsSoFar >= bytesSoFar - 3 && !result.switchedToWindows1252) {
            // The bytes the UTF-8 decoder was holding (the start of what it took for a character) come first.
            const pending = tail.subarray(tail.length - (bytesSoFar - charsSoFar));
            decoder = new TextDecoder('windows-1252');
            result.switchedToWindows1252 = true;
            text = decoder.decode(pending) + decoder.decode(bytes, { stream: true });
            charsSoFar += pending.length;
          } else result.invalidCharacters += text.split('\ufffd').length - 1;
        }
        bytesSoFar += bytes.length;
        charsSoFar += text.length;
        tail = bytes.slice(Math.max(0, bytes.length - 3));
        if (parser.push(text, false) === false) return result;
        options.onProgress?.(format.bom + bytesSoFar, blob.size);
      }
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  parser.push(decoder.decode(), true);
  return result;
}

export interface CsvParserOptions {
  /** Records before the text pushed: a part of a file split between Workers numbers its rows from there. */
  row?: number;
  /** The line end, when it is known from the start of the file rather than from the first piece pushed. */
  newline?: '\n' | '\r';
}

/** RFC 4180 records, pushed a piece of text at a time. */
export class CsvParser {
  readonly #delimiter: string;
  readonly #sink: RowSink;
  #carry = '';
  #row: number;
  readonly #cells: (string | undefined)[] = [];
  /** Width of the last row emitted from #cells: entries past a shorter row are emptied. */
  #filled = 0;
  #stopped = false;
  #newline: '\n' | '\r' | undefined;

  constructor(delimiter: string, sink: RowSink, options: CsvParserOptions = {}) {
    this.#delimiter = delimiter;
    this.#sink = sink;
    this.#row = options.row ?? 0;
    this.#newline = options.newline;
  }

  /** The number of the last record read. */
  get row(): number {
    return this.#row;
  }

  /** Text pushed that does not end a record yet (a quoted field open at the end of the text, for one). */
  get pending(): boolean {
    return this.#carry !== '';
  }

  /** Returns false once the sink asked to stop. */
  push(piece: string, final: boolean): boolean {
    if (this.#stopped) return false;
    // Old Mac files end lines with CR alone.
    this.#newline ??= piece.includes('\n') || !piece.includes('\r') ? '\n' : '\r';
    let p = 0;
    if (this.#carry !== '') {
      // The pending record is finished on a small joined string: the big piece is kept as it came, since
      // V8 runs indexOf and slice many times slower on a concatenation than on a flat string.
      // Records the scan emitted are dropped from the head: a record ended by a lone CR before the next
      // line end must not be read again with the text that completes the one after it.
      let carry = this.#carry;
      let from = 0;
      for (let take = piece.indexOf(this.#newline); ; take = piece.indexOf(this.#newline, take + 1)) {
        const head = carry + (take < 0 ? piece.slice(from) : piece.slice(from, take + 1));
        const used = this.#scan(head, take < 0 && final);
        if (this.#stopped) return false;
        if (take < 0 || used === head.length) {
          this.#carry = used < head.length ? head.slice(used) : '';
          if (take < 0) return true;
          p = take + 1;
          break;
        }
        carry = head.slice(used);
        from = take + 1;
      }
    }
    const used = this.#scan(piece, final, p);
    if (this.#stopped) return false;
    this.#carry = used < piece.length ? piece.slice(used) : '';
    return true;
  }

  /** Emits the complete records of `text` from `start`; returns where the first incomplete one begins. */
  #scan(text: string, final: boolean, start = 0): number {
    const newline = this.#newline as string;
    const delimiter = this.#delimiter;
    let p = start;
    // The next quote is looked up once and reused until passed: searching from every line would scan
    // to the end of the text each time when the file has few quotes.
    let quote = -1;
    while (p < text.length) {
      const end = text.indexOf(newline, p);
      if (end < 0 && !final) break;
      const lineEnd = end < 0 ? text.length : end;
      if (quote !== Infinity && quote < p) {
        quote = text.indexOf('"', p);
        if (quote < 0) quote = Infinity;
      }
      if (quote >= lineEnd) {
        // Cells cut straight from the text into a reused array: no line string, no array per record.
        const stop = lineEnd > p && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
        this.#row += 1;
        if (stop > p) {
          const cells = this.#cells as string[];
          let width = 0;
          for (let from = p; ; ) {
            const next = text.indexOf(delimiter, from);
            if (next < 0 || next >= stop) {
              cells[width++] = text.slice(from, stop);
              break;
            }
            cells[width++] = text.slice(from, next);
            from = next + 1;
          }
          if (width < this.#filled) clearTail(cells, undefined, width, this.#filled);
          this.#filled = width;
          if (this.#emit(cells, width) === false) return text.length;
        }
        p = lineEnd + 1;
        continue;
      }
      const record = this.#quoted(text, p, final);
      if (record === undefined) break;
      this.#row += 1;
      if (this.#emit(record.cells, record.cells.length) === false) return text.length;
      p = record.next;
    }
    return Math.min(p, text.length);
  }

  /** One record that contains quotes, from `start`; undefined when it goes past the text (more to come). */
  #quoted(text: string, start: number, final: boolean): { cells: string[]; next: number } | undefined {
    const cells: string[] = [];
    const delimiter = this.#delimiter;
    let cell = '';
    let i = start;
    for (;;) {
      if (text[i] === '"') {
        // A quoted field: "" is a quote; it ends at a lone quote.
        i += 1;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            if (!final) return undefined;
            cell += text.slice(i);
            i = text.length;
            break;
          }
          cell += text.slice(i, q);
          if (text[q + 1] === '"') {
            cell += '"';
            i = q + 2;
            continue;
          }
          if (q + 1 >= text.length && !final) return undefined;
          i = q + 1;
          break;
        }
      }
      // Up to the next separator or line end (text after a closing quote is kept, as Excel does).
      let j = i;
      while (j < text.length && text[j] !== delimiter && text[j] !== '\n' && text[j] !== '\r') j += 1;
      if (j >= text.length && !final) return undefined;
      cell += text.slice(i, j);
      cells.push(cell);
      cell = '';
      if (j >= text.length) return { cells, next: j };
      if (text[j] === delimiter) {
        i = j + 1;
        continue;
      }
      if (text[j] === '\r' && text[j + 1] === '\n') j += 1;
      if (text[j] === '\r' && j + 1 >= text.length && !final) return undefined;
      return { cells, next: j + 1 };
    }
  }

  #emit(cells: readonly (string | undefined)[], width: number): boolean | void {
    const result = this.#sink(this.#row, cells, width, undefined);
    if (result === false) this.#stopped = true;
    return result;
  }
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

// Where the counter stands in a record that holds a quote (CsvParser's quoted path).
/** At a cell's start. */
const CELL = 0;
/** In a cell, after its text or its closing quote. */
const TEXT = 1;
/** Inside a quoted field. */
const OPEN = 2;
/** On a quote inside a quoted field: the field's end, or the first of two. */
const CLOSING = 3;
/** On a carriage return, which ends the record unless a line feed follows. */
const RETURN = 4;
type Quoted = typeof CELL | typeof TEXT | typeof OPEN | typeof CLOSING | typeof RETURN;

/**
 * The records of a CSV with line-feed line ends counted on its bytes, without decoding them: CsvParser's
 * count (`newline: '\n'`) exactly, for an encoding where the separator, the quote, CR and LF are single
 * bytes no other character contains (UTF-8, Windows-1252). A line without a quote ends at its line feed;
 * a line with one is read as CsvParser reads it, where a lone carriage return also ends the record.
 * Pushed a piece of bytes at a time; `tests/unit/csv-pieces.test.ts` holds it to the parser.
 */
export class CsvRecordCounter {
  readonly #delimiter: number;
  #records = 0;
  /** In a record that holds a quote, how far it has been read; undefined while no quote was seen in it. */
  #quoted: Quoted | undefined;
  /** Bytes of the current record pushed before the piece being read, while it has no quote. */
  #plainBytes = 0;
  /** Its carriage returns: each ends a record if a quote shows up before the line feed. */
  #plainReturns = 0;
  #plainLast = -1;

  constructor(delimiter: Delimiter) {
    this.#delimiter = delimiter.charCodeAt(0);
  }

  get records(): number {
    return this.#records;
  }

  /** Bytes pushed that do not end a record yet. */
  get pending(): boolean {
    return this.#quoted !== undefined || this.#plainBytes > 0;
  }

  push(bytes: Uint8Array, final: boolean): void {
    let p = 0;
    let quote = -1;
    while (p < bytes.length) {
      if (this.#quoted !== undefined) {
        p = this.#readQuoted(bytes, p);
        continue;
      }
      const lineFeed = bytes.indexOf(LF, p);
      if (quote < p) quote = bytes.indexOf(QUOTE, p);
      if (quote < 0) quote = Infinity;
      const end = lineFeed < 0 ? bytes.length : lineFeed;
      if (quote >= end) {
        if (lineFeed < 0) {
          this.#plain(bytes, p, bytes.length);
          break;
        }
        this.#records += 1;
        this.#plainBytes = 0;
        this.#plainReturns = 0;
        p = lineFeed + 1;
        continue;
      }
      // A quote before the line feed: the record, from its start, is read as a quoted one. Its bytes so
      // far hold no quote and no line feed: every carriage return among them ended a record of its own.
      this.#plain(bytes, p, quote);
      this.#records += this.#plainReturns;
      const last = this.#plainLast;
      this.#quoted = last === this.#delimiter || last === CR || last < 0 ? CELL : TEXT;
      this.#plainBytes = 0;
      this.#plainReturns = 0;
      p = quote;
    }
    if (final && this.pending) {
      this.#records += 1;
      this.#quoted = undefined;
      this.#plainBytes = 0;
      this.#plainReturns = 0;
    }
  }

  /** Takes bytes [from, to) of a record without quote or line feed. */
  #plain(bytes: Uint8Array, from: number, to: number): void {
    if (to <= from) {
      if (this.#plainBytes === 0) this.#plainLast = -1;
      return;
    }
    // Bounded by `to`: an indexOf would look for a CR to the piece's end on every line of an LF file.
    for (let at = from; at < to; at += 1) if (bytes[at] === CR) this.#plainReturns += 1;
    this.#plainBytes += to - from;
    this.#plainLast = bytes[to - 1] as number;
  }

  /** Reads a record that holds a quote from `p`; returns where the reading stopped (the record's end, or the piece's). */
  #readQuoted(bytes: Uint8Array, p: number): number {
    const delimiter = this.#delimiter;
    let state = this.#quoted as Quoted;
    let at = p;
    while (at < bytes.length) {
      if (state === OPEN) {
        const close = bytes.indexOf(QUOTE, at);
        if (close < 0) {
          at = bytes.length;
          break;
        }
        state = CLOSING;
        at = close + 1;
        continue;
      }
      const byte = bytes[at] as number;
      if (state === RETURN) {
        // A lone carriage return ended the record: this byte starts the next one.
        this.#records += 1;
        this.#quoted = undefined;
        return byte === LF ? at + 1 : at;
      }
      if (byte === LF) {
        this.#records += 1;
        this.#quoted = undefined;
        return at + 1;
      }
      if (byte === QUOTE && (state === CELL || state === CLOSING)) state = OPEN;
      else if (byte === delimiter) state = CELL;
      else if (byte === CR) state = RETURN;
      else state = TEXT;
      at += 1;
    }
    this.#quoted = state;
    return at;
  }
}
