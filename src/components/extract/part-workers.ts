/// <reference lib="webworker" />
// The ranges of a large CSV checked at once (src/core/extract/parts.ts), each but the first by a copy of
// the Worker validating the file: that Worker's script answers the requests below as well as its own.
import type { CsvFormat } from '../../core/extract/csv.ts';
import type { CheckerState, ExtractPlan } from '../../core/extract/engine.ts';
import { KeySet } from '../../core/extract/keys.ts';
import { checkCsvPart, countCsvPart, localRunner, partStarts, type PartCount, type PartRange, type PartRunner } from '../../core/extract/parts.ts';
import type { ExtractSource } from '../../core/extract/source.ts';

export type PartRequest =
  | { type: 'part-count'; file: Blob; format: CsvFormat; range: PartRange }
  | { type: 'part-check'; file: Blob; format: CsvFormat; plan: ExtractPlan; range: PartRange; row: number };

export type PartResponse =
  | { type: 'part-counted'; count: PartCount }
  | { type: 'part-progress'; bytes: number; rows: number }
  | { type: 'part-checked'; state: CheckerState; keys: Int32Array<ArrayBuffer>; csv: Blob[]; replaced: boolean }
  | { type: 'part-failed'; message: string };

/** A copy of the Worker at `script`, as the runner of one range: it answers one request at a time, in order. */
function partWorker(script: string, file: Blob, format: CsvFormat): { runner: PartRunner; terminate(): void } {
  const worker = new Worker(script, { type: 'module' });
  let queue: Promise<unknown> = Promise.resolve();
  const ask = <T>(request: PartRequest, answer: (message: PartResponse) => T | undefined): Promise<T> => {
    const next = queue.then(
      () =>
        new Promise<T>((resolve, reject) => {
          // The copy's other messages (its « ready ») are not for the runner.
          worker.onmessage = (event: MessageEvent<PartResponse>) => {
            if (event.data.type === 'part-failed') reject(new Error(event.data.message));
            const value = answer(event.data);
            if (value !== undefined) resolve(value);
          };
          worker.onerror = (event) => reject(new Error(event.message));
          worker.postMessage(request);
        }),
    );
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    terminate: () => worker.terminate(),
    runner: {
      count: (range) => ask({ type: 'part-count', file, format, range }, (message) => (message.type === 'part-counted' ? message.count : undefined)),
      check: (plan, range, row, onProgress) =>
        ask({ type: 'part-check', file, format, plan, range, row }, (message) => {
          if (message.type === 'part-progress') onProgress(message.bytes, message.rows);
          return message.type === 'part-checked' ? { state: message.state, keys: KeySet.fromTable(message.keys), csv: message.csv, replaced: message.replaced } : undefined;
        }),
    },
  };
}

/**
 * The split of a CSV source in `workers` ranges, this Worker reading the first and copies of `script` the
 * others; undefined when the source is read by one reader (not a CSV, too small, cannot be split).
 */
export async function splitRun(source: ExtractSource, workers: number, script: string) {
  const csv = source.csv;
  if (!csv || workers < 2) return undefined;
  const starts = await partStarts(csv.file, csv.format, workers);
  if (starts.length < 2) return undefined;
  const helpers = starts.slice(1).map(() => partWorker(script, csv.file, csv.format));
  return { starts, runners: [localRunner(csv.file, csv.format), ...helpers.map((helper) => helper.runner)], terminate: () => helpers.forEach((helper) => helper.terminate()) };
}

/** Answers a request of the Worker validating the file, in a copy of it. */
export async function answerPart(request: PartRequest, post: (message: PartResponse, transfer: Transferable[]) => void): Promise<void> {
  try {
    if (request.type === 'part-count') {
      post({ type: 'part-counted', count: await countCsvPart(request.file, request.format, request.range) }, []);
      return;
    }
    let last = 0;
    const checked = await checkCsvPart(request.file, request.format, request.plan, request.range, request.row, {
      onProgress: (bytes, rows) => {
        // The Worker validating the file sums the ranges' progress and tells the page twice a second.
        if (bytes - last < 4 * 1024 * 1024) return;
        last = bytes;
        post({ type: 'part-progress', bytes, rows }, []);
      },
    });
    const keys = checked.keys.toTable();
    post({ type: 'part-checked', state: checked.state, keys, csv: checked.csv, replaced: checked.replaced }, [keys.buffer]);
  } catch (error) {
    post({ type: 'part-failed', message: error instanceof Error ? error.message : String(error) }, []);
  }
}
