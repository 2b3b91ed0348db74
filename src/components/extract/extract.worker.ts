/// <reference lib="webworker" />
// Reading, checking and hashing run here, off the main thread; the page only renders. The file is read
// by slices from the File handle the page passes (never copied whole), and nothing is sent anywhere: the
// only requests are the GETs of this site's published dictionaries (the version in force when the worker
// starts, another when it is first chosen) and, for a large CSV, of this worker's own script for its copies.
import type { Problem } from '../../core/problems.ts';
import type { Dictionary } from '../../core/dictionary/model.ts';
import type { DictionaryOrigin } from '../../core/dictionary/origin.ts';
import type { ColumnMatch, MappingEntity } from '../../core/extract/mapping.ts';
import { partCount } from '../../core/extract/parts.ts';
import type { ExtractPreview, ExtractProgress, ExtractReport } from '../../core/extract/report.ts';
import { sha256OfBlob } from '../../core/extract/sha256.ts';
import { ExtractFileError, openExtract, type ExtractSource } from '../../core/extract/source.ts';
import { validateExtract } from '../../core/extract/validate.ts';
import { answerPart, splitRun, type PartRequest, type PartResponse } from './part-workers.ts';

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
  | { type: 'validate'; file: File; version: string; entityId: string; columns: ColumnMatch[]; preview: ExtractPreview }
  | { type: 'hash'; file: File }
  | PartRequest;

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
  | PartResponse;

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
      let split: Awaited<ReturnType<typeof splitRun>> | undefined;
      try {
        const source = await sourceOf(request.file);
        // A large CSV is cut in ranges checked at once: this worker reads the first, copies of it the others.
        const workers = partCount(request.file.size, navigator.hardwareConcurrency || 1);
        split = workers > 1 ? await splitRun(source, workers, scope.location.href) : undefined;
        // Issues go to the CSV export as they are found, in Blob pieces that leave the worker's heap.
        const run = async (withSplit: boolean) => {
          const parts: Blob[] = [];
          const report = await validateExtract(
            source,
            { dictionary: dictionary as Dictionary, entityId: request.entityId, columns: request.columns, preview: request.preview },
            { onProgress: (progress) => post({ type: 'progress', progress }), onCsv: (text) => parts.push(new Blob([text])), ...(split && withSplit ? { split } : {}) },
          );
          post({ type: 'report', report, csv: new Blob(parts, { type: 'text/csv;charset=utf-8' }) });
        };
        // A copy that cannot start (its script not fetched, the network cut) leaves the file to this worker alone.
        await run(true).catch((error: unknown) => {
          if (!split || error instanceof ExtractFileError) throw error;
          split.terminate();
          return run(false);
        });
      } catch (error) {
        post(failure('validate', error));
      } finally {
        split?.terminate();
      }
      return;
    }
    case 'part-count':
    case 'part-check':
      await answerPart(request, (message, transfer) => scope.postMessage(message, transfer));
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
