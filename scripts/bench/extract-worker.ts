// Bench-only worker: the extract validator of the site, and the two references it is measured against,
// on the same file in the same browser — the baseline (SheetJS full parse, then Ajv on each record) and
// the floor (streaming unzip, or decoding, and one pass over the cell values, with no validation).
import * as XLSX from '@e965/xlsx';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Unzip, UnzipInflate } from 'fflate';
import { parseCell } from '../../src/core/artefacts/formats/cell-text.ts';
import { entityJsonSchema } from '../../src/core/artefacts/json-schema.ts';
import type { Dictionary } from '../../src/core/dictionary/model.ts';
import { matchHeaders } from '../../src/core/extract/mapping.ts';
import { openExtract } from '../../src/core/extract/source.ts';
import { validateExtract } from '../../src/core/extract/validate.ts';
import { answerPart, splitRun, type PartRequest } from '../../src/components/extract/part-workers.ts';
import type { PartRunner } from '../../src/core/extract/parts.ts';

/** `ours-2`: ours, a CSV split between this worker and a copy of it, as the page does on two cores. */
export type BenchKind = 'ours' | 'ours-2' | 'baseline' | 'floor';
export interface BenchRequest {
  kind: BenchKind;
  url: string;
  dictionary: Dictionary;
  entityId: string;
}
export interface BenchResult {
  ms: number;
  rows: number;
  /** Issues found (ours, baseline) or cells seen (floor). */
  count: number;
  /** Ours: the validation alone, after the header was read (what the page's report gives). */
  validateMs?: number;
  /** Ours on several Workers: when, from the validation's start, the ranges were counted and each was checked. */
  phases?: SplitPhases;
}

export interface SplitPhases {
  countedMs: number;
  /** When each range's check ended, in file order. */
  checkedMs: number[];
}

/** The split's runners, timed: the profile of where a split run spends its time. */
function timed(runners: readonly PartRunner[], started: () => number): { runners: PartRunner[]; phases: SplitPhases } {
  const phases: SplitPhases = { countedMs: 0, checkedMs: [] };
  let checks = 0;
  const runnersTimed = runners.map(
    (runner): PartRunner => ({
      count: (range) => runner.count(range).finally(() => (phases.countedMs = Math.max(phases.countedMs, started()))),
      check: (...args) => {
        const index = checks++;
        return runner.check(...args).finally(() => (phases.checkedMs[index] = started()));
      },
    }),
  );
  return { runners: runnersTimed, phases };
}

/** Every kind starts from the file as a Blob (a File in the page) and reads it within its own time. */

const fileName = (url: string) => url.slice(url.lastIndexOf('/') + 1);

export async function ours({ url, dictionary, entityId }: BenchRequest, blob: Blob, workers = 1): Promise<BenchResult> {
  const started = performance.now();
  const source = await openExtract(blob, fileName(url));
  const preview = await source.preview();
  const entity = dictionary.entities.find((e) => e.id === entityId)!;
  const parts: Blob[] = [];
  // The copies run the script of this worker: in Node (extract-node.ts) there is no worker, and one reader.
  const split = workers > 1 ? await splitRun(source, workers, self.location.href) : undefined;
  const validating = performance.now();
  const profiled = split ? timed(split.runners, () => Math.round(performance.now() - validating)) : undefined;
  const report = await validateExtract(source, { dictionary, entityId, columns: matchHeaders(preview.headers, entity), preview }, { onCsv: (text) => parts.push(new Blob([text])), ...(split && profiled ? { split: { starts: split.starts, runners: profiled.runners } } : {}) });
  split?.terminate();
  if (workers > 1 && report.workers !== workers) throw new Error(`${workers} Workers demandés, ${report.workers ?? 1} employés`);
  return { ms: performance.now() - started, rows: report.rows, count: report.counts.erreur + report.counts.avertissement, validateMs: report.durationMs, ...(profiled ? { phases: profiled.phases } : {}) };
}

/** What the issue calls the baseline: the whole workbook parsed by SheetJS, then each record through Ajv. */
export async function baseline({ dictionary, entityId }: BenchRequest, blob: Blob): Promise<BenchResult> {
  const started = performance.now();
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const entity = dictionary.entities.find((e) => e.id === entityId)!;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv, { keywords: true });
  const validate = ajv.compile(entityJsonSchema(dictionary, entity));
  const book = XLSX.read(bytes, { type: 'array', dense: true, cellDates: true });
  const rows = (book.Sheets[book.SheetNames[0] as string]?.['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  const header = (rows[0] ?? []).map((cell) => String(cell?.v ?? ''));
  const fields = header.map((code) => entity.fields.find((f) => f.code === code));
  let issues = 0;
  for (let r = 1; r < rows.length; r += 1) {
    const record: Record<string, unknown> = {};
    (rows[r] ?? []).forEach((cell, c) => {
      const field = fields[c];
      if (!field || !cell || cell.v === undefined || cell.v === '') return;
      record[field.code] = cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : typeof cell.v === 'string' ? parseCell(field, cell.v) : cell.v;
    });
    if (!validate(record)) issues += validate.errors?.length ?? 0;
  }
  return { ms: performance.now() - started, rows: rows.length - 1, count: issues };
}

/** One pass over the values of an .xlsx (sheet <v> and shared-string <t>), streamed through fflate. */
export async function floorXlsx(stream: ReadableStream<Uint8Array>): Promise<BenchResult> {
  const started = performance.now();
  let cells = 0;
  let rows = 0;
  const scan = (name: string) => {
    const decoder = new TextDecoder();
    const open = name.includes('sharedStrings') ? '<t>' : '<v>';
    const close = open === '<t>' ? '</t>' : '</v>';
    let carry = '';
    return (chunk: Uint8Array, final: boolean) => {
      const text = carry + decoder.decode(chunk, { stream: !final });
      let p = 0;
      for (;;) {
        const start = text.indexOf(open, p);
        if (start < 0) break;
        const end = text.indexOf(close, start);
        if (end < 0) break;
        if (text.slice(start + 3, end) !== undefined) cells += 1;
        p = end + 4;
      }
      // What follows the last value is kept for the next piece, row ends included: each is counted once.
      for (let r = text.indexOf('</row>'); r >= 0 && r < p; r = text.indexOf('</row>', r + 6)) rows += 1;
      carry = text.slice(p);
    };
  };
  const unzip = new Unzip((file) => {
    if (!/^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(file.name)) return;
    const handle = scan(file.name);
    file.ondata = (error, chunk, final) => {
      if (error) throw error;
      handle(chunk, final);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    unzip.push(value);
  }
  unzip.push(new Uint8Array(0), true);
  return { ms: performance.now() - started, rows: Math.max(0, rows - 1), count: cells };
}

/** One pass over the values of a CSV: decoded, cut into lines and cells, nothing checked. */
export async function floorCsv(stream: ReadableStream<Uint8Array>): Promise<BenchResult> {
  const started = performance.now();
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  let carry = '';
  let rows = 0;
  let cells = 0;
  for (;;) {
    const { done, value } = await reader.read();
    const text = carry + (done ? decoder.decode() : decoder.decode(value, { stream: true }));
    let p = 0;
    for (let end = text.indexOf('\n', p); end >= 0; end = text.indexOf('\n', p)) {
      cells += text.slice(p, end).split(';').length;
      rows += 1;
      p = end + 1;
    }
    carry = text.slice(p);
    if (done) break;
  }
  return { ms: performance.now() - started, rows: rows - 1, count: cells };
}

export function run(request: BenchRequest, blob: Blob): Promise<BenchResult> {
  if (request.kind === 'ours') return ours(request, blob);
  if (request.kind === 'ours-2') return ours(request, blob, 2);
  if (request.kind === 'baseline') return baseline(request, blob);
  return request.url.endsWith('.xlsx') ? floorXlsx(blob.stream()) : floorCsv(blob.stream());
}

// In a browser worker: the File the page was given, read from disk as the validator's page reads it.
if (typeof WorkerGlobalScope !== 'undefined') {
  self.onmessage = async (event: MessageEvent<(BenchRequest & { file: File }) | PartRequest>) => {
    const request = event.data;
    if ('type' in request) await answerPart(request, (message, transfer) => self.postMessage(message, { transfer }));
    else self.postMessage(await run(request, request.file));
  };
}
