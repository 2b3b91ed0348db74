import { CsvParser, CsvRecordCounter, PIECE_BYTES, type CsvFormat } from './csv.ts';
import { csvHeader, ExtractChecker, mergeStates, type CheckerState, type ExtractPlan } from './engine.ts';
import { KeySet } from './keys.ts';

/**
 * A large CSV checked by several Workers at once, each on a range of its bytes, with the result one
 * Worker would give. Ranges start at a line start, guessed from the bytes as if no quoted field were
 * open there. The first range starts at the file's first record: it is checked at once, while each other
 * Worker counts the records of the range before its own on the bytes, undecoded (CsvRecordCounter). A
 * range whose end falls inside a record (a quoted line end) is joined to the next. The counts give each
 * range its first row number. Duplicate keys across ranges are found by merging their KeySets in file
 * order; a range that repeats a key of one before it is checked again after them, with their keys.
 * Exact always; as fast as the Workers only in the common case.
 */

/** Below this size a file stays on one Worker: starting more costs more than they save. */
export const SPLIT_MIN_BYTES = 16 * 1024 * 1024;
const MAX_PARTS = 8;

/** How many Workers check a file: one per core, each with at least SPLIT_MIN_BYTES to read. */
export function partCount(fileSize: number, cores: number): number {
  if (fileSize < SPLIT_MIN_BYTES * 2) return 1;
  return Math.max(1, Math.min(Math.floor(cores), Math.floor(fileSize / SPLIT_MIN_BYTES), MAX_PARTS));
}

/** Bytes [start, end) of the file, `end` its size for the last range. */
export interface PartRange {
  start: number;
  end: number;
}

export interface PartCount {
  records: number;
  /** The range ends where a record does: the next one starts at a record, as guessed. */
  complete: boolean;
}

export interface PartCheck {
  state: CheckerState;
  keys: KeySet;
  /** The range's lines of the CSV export of issues, without its header. */
  csv: Blob[];
  /** A UTF-8 file holds bytes that are not UTF-8: one reader decides what they are (see readCsvRows). */
  replaced: boolean;
}

/** Bytes read and records checked so far in one range. */
export type PartProgress = (bytes: number, rows: number) => void;

/** Runs the work of one range: in a Worker of the page, or here (tests, and checks run again). */
export interface PartRunner {
  count(range: PartRange): Promise<PartCount>;
  /**
   * `signal`: given to the first range's check only, run here beside the copies: it lets their messages
   * in as it reads, and stops when the range proves wrong.
   */
  check(plan: ExtractPlan, range: PartRange, row: number, onProgress: PartProgress, signal?: AbortSignal): Promise<PartCheck>;
}

/**
 * How much longer the first range is than the others, in ranges: every copy counts the range before its
 * own before checking it, while the first range is checked at once. With this lead the two ranges of the
 * bench's million-row CSV are checked within 0.01 s of each other (`npm run bench`, its split profile).
 */
const FIRST_RANGE_LEAD = 0.2;

/** Splitting is exact for these: a line feed is byte 0x0A and no other character holds that byte. */
const splittable = (format: CsvFormat) => format.encoding === 'utf-8' || format.encoding === 'windows-1252';

/**
 * Where each range starts: the first line start after each of `parts - 1` even cuts (or after each of
 * `cuts`, given by tests), the first at the byte-order mark's end. One range when the file cannot be
 * split: UTF-16, or no line feed near its start (an old Mac file ends its lines with CR alone: the
 * reader then cuts at CR, which a range start cannot be told from).
 */
export async function partStarts(file: Blob, format: CsvFormat, parts: number, cuts?: readonly number[]): Promise<number[]> {
  const starts = [format.bom];
  if (!splittable(format) || (parts < 2 && cuts === undefined)) return starts;
  const head = new Uint8Array(await file.slice(format.bom, format.bom + 4096).arrayBuffer());
  if (!head.includes(0x0a)) return starts;
  // The first range counts FIRST_RANGE_LEAD ranges and more: its check starts while the others count.
  const share = (file.size - format.bom) / (parts + FIRST_RANGE_LEAD);
  for (const cut of cuts ?? Array.from({ length: parts - 1 }, (_, i) => format.bom + Math.floor(share * (i + 1 + FIRST_RANGE_LEAD)))) {
    const start = await lineStartFrom(file, Math.max(cut, starts.at(-1) as number));
    if (start > (starts.at(-1) as number) && start < file.size) starts.push(start);
  }
  return starts;
}

/** The byte after the first line feed at or after `from` (the file's size if there is none). */
async function lineStartFrom(file: Blob, from: number): Promise<number> {
  for (let at = from; at < file.size; at += 64 * 1024) {
    const found = new Uint8Array(await file.slice(at, at + 64 * 1024).arrayBuffer()).indexOf(0x0a);
    if (found >= 0) return at + found + 1;
  }
  return file.size;
}

export const rangesOf = (starts: readonly number[], size: number): PartRange[] => starts.map((start, i) => ({ start, end: starts[i + 1] ?? size }));

/** Bytes read between two turns given to the thread's other messages by the check run beside the copies. */
const TURN_BYTES = 1024 * 1024;

/**
 * One turn of the event loop (not a timer's, which browsers delay to 4 ms when repeated). Needed because a
 * Blob's stream resolves reads at once, from its buffer, while the reader is slower than the disk: the
 * thread would answer the copies' counts only once its own range is checked, and the copies would wait.
 */
const turn = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });

/** The bytes of a range, as the file's stream gives them; the reading stops when the caller's loop does. */
async function* chunksOf(file: Blob, range: PartRange): AsyncGenerator<Uint8Array> {
  const reader = file.slice(range.start, range.end).stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}

/** Decodes a range and pushes it to `parser`; returns whether a UTF-8 replacement character came out. */
async function readRange(file: Blob, format: CsvFormat, range: PartRange, parser: CsvParser, onBytes?: (bytes: number) => void, signal?: AbortSignal): Promise<boolean> {
  const decoder = new TextDecoder(format.encoding);
  const final = range.end >= file.size;
  let replaced = false;
  let read = 0;
  let nextTurn = TURN_BYTES;
  for await (const value of chunksOf(file, range)) {
    if (signal && read >= nextTurn) {
      nextTurn = read + TURN_BYTES;
      await turn();
    }
    if (signal?.aborted) return replaced;
    for (let at = 0; at < value.length; at += PIECE_BYTES) {
      const bytes = value.subarray(at, at + PIECE_BYTES);
      const text = decoder.decode(bytes, { stream: true });
      if (format.encoding === 'utf-8' && text.includes('\ufffd')) replaced = true;
      parser.push(text, false);
      read += bytes.length;
      onBytes?.(read);
    }
  }
  const rest = decoder.decode();
  if (format.encoding === 'utf-8' && rest.includes('\ufffd')) replaced = true;
  if (rest !== '' || final) parser.push(rest, final);
  return replaced;
}

/** Counts the records of a range read from a line start outside any quoted field, on its bytes. */
export async function countCsvPart(file: Blob, format: CsvFormat, range: PartRange): Promise<PartCount> {
  const counter = new CsvRecordCounter(format.delimiter);
  for await (const value of chunksOf(file, range)) counter.push(value, false);
  if (range.end >= file.size) counter.push(new Uint8Array(0), true);
  return { records: counter.records, complete: !counter.pending };
}

export interface PartCheckOptions {
  listed?: number;
  /** The keys of every record before the range (a range checked again). */
  keys?: KeySet;
  onProgress?: PartProgress;
  signal?: AbortSignal;
}

/** Checks the records of a range whose first record is row `row + 1` of the file. */
export async function checkCsvPart(file: Blob, format: CsvFormat, plan: ExtractPlan, range: PartRange, row: number, options: PartCheckOptions = {}): Promise<PartCheck> {
  const csv: Blob[] = [];
  const checker = new ExtractChecker(plan, { csvHeader: false, onCsv: (text) => csv.push(new Blob([text])), ...(options.listed !== undefined ? { listed: options.listed } : {}), ...(options.keys ? { keys: options.keys } : {}) });
  const parser = new CsvParser(format.delimiter, checker.sink, { row, newline: '\n' });
  const onProgress = options.onProgress;
  const replaced = await readRange(file, format, range, parser, onProgress ? (bytes) => onProgress(bytes, checker.rows) : undefined, options.signal);
  return { state: checker.state(), keys: checker.keys, csv, replaced };
}

/** The runner that does the work here, in the calling thread. */
export function localRunner(file: Blob, format: CsvFormat, listed?: number): PartRunner {
  return {
    count: (range) => countCsvPart(file, format, range),
    check: (plan, range, row, onProgress, signal) => checkCsvPart(file, format, plan, range, row, { onProgress, ...(signal ? { signal } : {}), ...(listed !== undefined ? { listed } : {}) }),
  };
}

export interface SplitCheck {
  state: CheckerState;
  /** The CSV export of the cell issues, its header first. */
  csv: (string | Blob)[];
  /** Ranges checked at once, after those joined for a quoted line end. */
  parts: number;
}

/**
 * Checks the ranges starting at `starts`, one runner each: the first runner checks the first range at
 * once, runner i counts range i - 1 (again when it was joined to the next), then checks range i. Undefined when the
 * file must be read by one reader after all: a UTF-8 file with bytes that are not, which the one reader
 * may read as Windows-1252 from the first of them (csv.ts). The counts do not decode, so that is seen only
 * once the ranges are checked: such a file is read twice, a cost paid only by a file that mixes encodings.
 */
export async function checkCsvInParts(
  file: Blob,
  format: CsvFormat,
  plan: ExtractPlan,
  starts: readonly number[],
  runners: readonly PartRunner[],
  options: { listed?: number; onProgress?: PartProgress } = {},
): Promise<SplitCheck | undefined> {
  const ranges = rangesOf(starts, file.size);
  const runnerOf = (i: number) => runners[i % runners.length] as PartRunner;
  const bytes = ranges.map(() => 0);
  const checked = ranges.map(() => 0);
  const progress = (i: number) => (read: number, rowsChecked: number) => {
    bytes[i] = read;
    checked[i] = rowsChecked;
    options.onProgress?.(bytes.reduce((a, b) => a + b, 0), checked.reduce((a, b) => a + b, 0));
  };
  const abandon = new AbortController();
  const firstCheck = runnerOf(0).check(plan, ranges[0] as PartRange, 0, progress(0), abandon.signal);
  let first: Promise<PartCheck> | undefined = firstCheck;
  let checks: PartCheck[];
  const rows = [0];
  try {
    // The last range's records are nobody's first row: it is not counted.
    const counts = await Promise.all(ranges.slice(0, -1).map((range, i) => runnerOf(i + 1).count(range)));
    // A range that ends inside a record: the next range's start was not a record's. Joined, recounted.
    for (let i = 0; i < counts.length; ) {
      if ((counts[i] as PartCount).complete) {
        i += 1;
        continue;
      }
      ranges.splice(i, 2, { start: (ranges[i] as PartRange).start, end: (ranges[i + 1] as PartRange).end });
      if (i === 0 && first) {
        abandon.abort();
        await first.catch(() => undefined);
        first = undefined;
        bytes[0] = 0;
        checked[0] = 0;
      }
      if (i < ranges.length - 1) counts.splice(i, 2, await runnerOf(i + 1).count(ranges[i] as PartRange));
      else counts.splice(i, 1);
    }
    for (const count of counts) rows.push((rows.at(-1) as number) + count.records);
    checks = await Promise.all(ranges.map((range, i) => (i === 0 && first ? first : runnerOf(i).check(plan, range, rows[i] as number, progress(i)))));
  } catch (error) {
    // A runner failed: the caller reads the file again with one reader, which the first range's check
    // must not go on beside, reading and telling its progress.
    abandon.abort();
    await firstCheck.catch(() => undefined);
    throw error;
  }
  if (checks.some((check) => check.replaced)) return undefined;
  const keys = (checks[0] as PartCheck).keys;
  for (let i = 1; i < checks.length; i += 1) {
    const part = checks[i] as PartCheck;
    // The range repeats a key of the ranges before it: its own KeySet took that record for a first.
    if (keys.overlaps(part.keys)) checks[i] = await checkCsvPart(file, format, plan, ranges[i] as PartRange, rows[i] as number, { keys, ...(options.listed !== undefined ? { listed: options.listed } : {}) });
    // The last range's keys are nobody's earlier keys.
    else if (i < checks.length - 1) keys.absorb(part.keys);
  }
  return { state: mergeStates(checks.map((check) => check.state), options.listed), csv: [csvHeader(), ...checks.flatMap((check) => check.csv)], parts: ranges.length };
}
