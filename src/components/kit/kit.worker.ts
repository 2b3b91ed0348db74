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
  | { type: 'hashed'; sha256: string }
  | { type: 'annotated'; bytes: ArrayBuffer; fileName: string }
  | { type: 'annotate-failed'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: KitWorkerResponse, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

scope.onmessage = async (event: MessageEvent<KitWorkerRequest>) => {
  const request = event.data;
  if (request.type === 'validate') {
    try {
      const bytes = new Uint8Array(request.bytes);
      const report = await validateKit(bytes, request.fileName, { dictionaries, onProgress: (step, fraction) => post({ type: 'progress', step, fraction }) });
      post({ type: 'report', report });
      post({ type: 'hashed', sha256: await sha256Hex(bytes) });
    } catch (error) {
      post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  try {
    const excel = (await import('exceljs')).default;
    const annotated = await annotateWorkbook(new Uint8Array(request.bytes), request.report, excel);
    const buffer = annotated.bytes.buffer as ArrayBuffer;
    post({ type: 'annotated', bytes: buffer, fileName: annotated.fileName }, [buffer]);
  } catch (error) {
    post({ type: 'annotate-failed', message: error instanceof Error ? error.message : String(error) });
  }
};
