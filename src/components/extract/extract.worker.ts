/// <reference lib="webworker" />
// Reading, checking and hashing run here, off the main thread; the page only renders. The file is read
// by slices from the File handle the page passes (never copied whole), and nothing is sent anywhere: the
// only requests are the GETs of this site's published dictionaries (the version in force when the worker
// starts, another when it is first chosen).
import type { Problem } from '../../core/problems.ts';
import type { Dictionary } from '../../core/dictionary/model.ts';
import type { DictionaryOrigin } from '../../core/dictionary/origin.ts';
import type { CsvFormat } from '../../core/extract/csv.ts';
import type { CheckerState, ExtractPlan } from '../../core/extract/engine.ts';
import { KeySet } from '../../core/extract/keys.ts';
import type { ColumnMatch, MappingEntity } from '../../core/extract/mapping.ts';
import { checkCsvPart, countCsvPart, localRunner, partCount, partStarts, type PartCount, type PartRange, type PartRunner } from '../../core/extract/parts.ts';
import type { ExtractPreview, ExtractProgress, ExtractReport } from '../../core/extract/report.ts';
import { sha256OfBlob } from '../../core/extract/sha256.ts';
import { ExtractFileError, openExtract, type ExtractSource } from '../../core/extract/source.ts';
import { validateExtract } from '../../core/extract/validate.ts';

export interface DictionarySource {
  version: string;
  /** The version's published JSON (…/dictionnaire-agora-<version>.json). */
  url: string;
  /** Fetched as soon as the worker starts (the version in force): it then validates offline. */
  preload: boolean;
  /** The version's origin, which the JSON of a version published before 2.1.0 does not carry. */
  origin?: DictionaryOrigin;
}

export type ExtractWorkerRequest =
  | { type: 'init'; dictionaries: DictionarySource[] }
  /** `entities`: those of the chosen version, to find the header row and the sheet that name their fields. */
  | { type: 'preview'; file: File; sheet?: string; entities: MappingEntity[] }
  /** `workers`: how many check a large CSV at once (tests); else from the cores and the file's size. */
  | { type: 'validate'; file: File; version: string; entityId: string; columns: ColumnMatch[]; preview: ExtractPreview; workers?: number }
  | { type: 'hash'; file: File }
  /** To a copy of this worker that checks a range of a large CSV for the one validating it. */
  | { type: 'part-count'; file: File; format: CsvFormat; range: PartRange }
  | { type: 'part-check'; file: File; format: CsvFormat; plan: ExtractPlan; range: PartRange; row: number };

export type ExtractWorkerResponse =
  /** Posted once the module is evaluated: the page may then rely on this worker with the network cut. */
  | { type: 'ready' }
  | { type: 'rules-loaded' }
  | { type: 'preview'; preview: ExtractPreview }
  | { type: 'progress'; progress: ExtractProgress }
  | { type: 'report'; report: ExtractReport; csv: Blob }
  | { type: 'hash-progress'; fraction: number }
  | { type: 'hashed'; sha256: string }
  /** `issue`: the file cannot be read, said in French; `rules`: the dictionaries could not be fetched. */
  | { type: 'failed'; stage: 'preview' | 'validate' | 'hash'; issue?: Problem; reason?: 'rules'; message?: string }
  | { type: 'part-counted'; count: PartCount }
  | { type: 'part-progress'; bytes: number; rows: number }
  | { type: 'part-checked'; state: CheckerState; keys: Int32Array<ArrayBuffer>; csv: Blob[] }
  | { type: 'part-failed'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: ExtractWorkerResponse) => scope.postMessage(message);

let sources: DictionarySource[] = [];
/** Rules by version, fetched once: the version in force at start, the others when first asked for. */
const rules = new Map<string, Promise<Dictionary>>();

function rulesOf(version: string): Promise<Dictionary> | undefined {
  const source = sources.find((s) => s.version === version);
  if (!source) return undefined;
  let loading = rules.get(version);
  if (!loading) {
    loading = fetch(source.url).then(async (response) => {
      if (!response.ok) throw new Error(`${source.url} : ${response.status}`);
      const dictionary = (await response.json()) as Dictionary;
      if (source.origin) dictionary.origin = source.origin;
      return dictionary;
    });
    // A failed fetch (offline) is tried again next time.
    loading.catch(() => rules.delete(version));
    rules.set(version, loading);
  }
  return loading;
}
/** The file being worked on, kept between its preview and its validation (shared strings read once). */
let current: { key: string; source: Promise<ExtractSource> } | undefined;

const keyOf = (file: File) => `${file.name}|${file.size}|${file.lastModified}`;

function sourceOf(file: File): Promise<ExtractSource> {
  if (current?.key !== keyOf(file)) current = { key: keyOf(file), source: openExtract(file, file.name) };
  return current.source;
}

/**
 * Copies of this worker, one per range of a large CSV but the first (this one reads it): each answers
 * one request at a time, in order. Terminated with this worker when the partner cancels.
 */
function partWorker(file: File, format: CsvFormat): { runner: PartRunner; terminate(): void } {
  const worker = new Worker(scope.location.href, { type: 'module' });
  let queue: Promise<unknown> = Promise.resolve();
  const ask = <T>(request: ExtractWorkerRequest, answer: (message: ExtractWorkerResponse) => T | undefined): Promise<T> => {
    const next = queue.then(
      () =>
        new Promise<T>((resolve, reject) => {
          worker.onmessage = (event: MessageEvent<ExtractWorkerResponse>) => {
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
          return message.type === 'part-checked' ? { state: message.state, keys: KeySet.fromTable(message.keys), csv: message.csv } : undefined;
        }),
    },
  };
}

function failure(stage: 'preview' | 'validate' | 'hash', error: unknown): ExtractWorkerResponse {
  if (error instanceof ExtractFileError) return { type: 'failed', stage, issue: error.issue };
  return { type: 'failed', stage, message: error instanceof Error ? error.message : String(error) };
}

scope.onmessage = async (event: MessageEvent<ExtractWorkerRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'init':
      sources = request.dictionaries;
      for (const source of sources.filter((s) => s.preload)) {
        rulesOf(source.version)?.then(
          () => post({ type: 'rules-loaded' }),
          () => undefined,
        );
      }
      return;
    case 'preview':
      try {
        post({ type: 'preview', preview: await (await sourceOf(request.file)).preview(request.sheet, request.entities) });
      } catch (error) {
        current = undefined;
        post(failure('preview', error));
      }
      return;
    case 'validate': {
      let dictionary: Dictionary | undefined;
      try {
        dictionary = await rulesOf(request.version);
      } catch {
        dictionary = undefined;
      }
      if (!dictionary) {
        post({ type: 'failed', stage: 'validate', reason: 'rules' });
        return;
      }
      const helpers: ReturnType<typeof partWorker>[] = [];
      try {
        const source = await sourceOf(request.file);
        // A large CSV is cut in ranges checked at once: this worker reads the first, copies of it the others.
        const csv = source.csv;
        const wanted = request.workers ?? partCount(request.file.size, navigator.hardwareConcurrency || 1);
        const starts = csv && wanted > 1 ? await partStarts(csv.file, csv.format, wanted) : [];
        if (csv) for (let i = 1; i < starts.length; i += 1) helpers.push(partWorker(request.file, csv.format));
        // Issues go to the CSV export as they are found, in Blob pieces that leave the worker's heap.
        const parts: Blob[] = [];
        const report = await validateExtract(
          source,
          { dictionary, entityId: request.entityId, columns: request.columns, preview: request.preview },
          {
            onProgress: (progress) => post({ type: 'progress', progress }),
            onCsv: (text) => parts.push(new Blob([text])),
            ...(csv && helpers.length > 0 ? { split: { starts, runners: [localRunner(csv.file, csv.format), ...helpers.map((helper) => helper.runner)] } } : {}),
          },
        );
        post({ type: 'report', report, csv: new Blob(parts, { type: 'text/csv;charset=utf-8' }) });
      } catch (error) {
        post(failure('validate', error));
      } finally {
        for (const helper of helpers) helper.terminate();
      }
      return;
    }
    case 'part-count':
      try {
        post({ type: 'part-counted', count: await countCsvPart(request.file, request.format, request.range) });
      } catch (error) {
        post({ type: 'part-failed', message: error instanceof Error ? error.message : String(error) });
      }
      return;
    case 'part-check':
      try {
        let last = 0;
        const checked = await checkCsvPart(request.file, request.format, request.plan, request.range, request.row, {
          onProgress: (bytes, rows) => {
            // The worker validating the file sums the ranges' progress and tells the page twice a second.
            if (bytes - last < 4 * 1024 * 1024) return;
            last = bytes;
            post({ type: 'part-progress', bytes, rows });
          },
        });
        const keys = checked.keys.toTable();
        scope.postMessage({ type: 'part-checked', state: checked.state, keys, csv: checked.csv } satisfies ExtractWorkerResponse, [keys.buffer]);
      } catch (error) {
        post({ type: 'part-failed', message: error instanceof Error ? error.message : String(error) });
      }
      return;
    case 'hash':
      try {
        let last = 0;
        const sha256 = await sha256OfBlob(request.file, (fraction) => {
          if (fraction - last >= 0.02) {
            last = fraction;
            post({ type: 'hash-progress', fraction });
          }
        });
        post({ type: 'hashed', sha256 });
      } catch (error) {
        post(failure('hash', error));
      }
  }
};

post({ type: 'ready' });
