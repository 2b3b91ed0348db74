/// <reference lib="webworker" />
// Parsing and checks run here, off the main thread; the page only renders. Nothing is fetched:
// the dictionaries are bundled, and the file's bytes come from the page.
import { annotateWorkbook } from '../../core/kit/annotate.ts';
import { sha256Hex } from '../../core/kit/fingerprint.ts';
import type { KitReport, KitWorkerMessage } from '../../core/kit/report.ts';
import { validateKit } from '../../core/kit/validate.ts';
import { dictionaries } from '../../data/dictionaries.ts';

export type KitWorkerRequest =
  | { type: 'validate'; bytes: ArrayBuffer; fileName: string }
  | { type: 'annotate'; bytes: ArrayBuffer; report: KitReport };

export type KitWorkerResponse =
  | KitWorkerMessage
  /** Posted once the module is evaluated: the page may then rely on this worker with the network cut. */
  | { type: 'ready' }
  | { type: 'hashed'; sha256: string }
  | { type: 'annotated'; bytes: ArrayBuffer; fileName: string }
  /** `module`: ExcelJS, loaded on demand, could not be fetched (typically: offline). */
  | { type: 'annotate-failed'; reason: 'module' }
  | { type: 'annotate-failed'; reason: 'error'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: KitWorkerResponse, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

scope.onmessage = async (event: MessageEvent<KitWorkerRequest>) => {
  const request = event.data;
  if (request.type === 'validate') {
    try {
      const bytes = new Uint8Array(request.bytes);
      const report = await validateKit(bytes, request.fileName, { dictionaries, onProgress: (step, fraction) => post({ type: 'progress', step, fraction }) });
      // The hash goes first: the page then renders the report, receipt included, in one pass.
      post({ type: 'hashed', sha256: await sha256Hex(bytes) });
      post({ type: 'report', report });
    } catch (error) {
      post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  let excel: Parameters<typeof annotateWorkbook>[2];
  try {
    excel = (await import('exceljs')).default;
  } catch {
    post({ type: 'annotate-failed', reason: 'module' });
    return;
  }
  try {
    const annotated = await annotateWorkbook(new Uint8Array(request.bytes), request.report, excel);
    const buffer = annotated.bytes.buffer as ArrayBuffer;
    post({ type: 'annotated', bytes: buffer, fileName: annotated.fileName }, [buffer]);
  } catch (error) {
    post({ type: 'annotate-failed', reason: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};

post({ type: 'ready' });
