/// <reference lib="webworker" />
import type { Dictionary } from '../../core/dictionary/model.ts';
import { annotateWorkbook } from '../../core/workbook/annotate.ts';
import { sha256Hex } from '../../core/workbook/fingerprint.ts';
import type { WorkbookReport } from '../../core/workbook/report.ts';
import type { ExcelModule } from '../../core/workbook/template.ts';
import { validateWorkbook, type WorkbookDeclaration } from '../../core/workbook/validate.ts';
import { workbookShapes } from '../../core/workbooks.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

export interface ServeOptions {
  /** The kinds of workbook this page checks; a file is checked as the first that recognises it. */
  declarations: readonly WorkbookDeclaration<object>[];
  dictionaries: readonly Dictionary[];
  /** Builds a file on request ('build-kit'); ExcelJS is loaded for it as for the annotated copy. */
  build?: (excel: ExcelModule, request: Extract<WorkerRequest, { type: 'build-kit' }>) => Promise<{ bytes: Uint8Array; fileName: string }>;
  /** Called once a report is posted: a kind may offer more about the file (the kit: its upgrade). */
  afterReport?: (bytes: Uint8Array, fileName: string, report: WorkbookReport, post: Post) => void;
  /** Answers the requests that are a kind's own (the kit: 'upgrade'). */
  handle?: (request: Extract<WorkerRequest, { type: 'upgrade' }>, post: Post) => Promise<void>;
}

export type Post = (message: WorkerResponse, transfer?: Transferable[]) => void;

/**
 * A page's Worker: parses and checks off the main thread, builds files on demand. Nothing is fetched
 * but the site's own ExcelJS chunk, when a file is to be built: the dictionaries are bundled, and the
 * file's bytes come from the page.
 */
export function serveWorkbooks(scope: DedicatedWorkerGlobalScope, { declarations, dictionaries, build, afterReport, handle }: ServeOptions): void {
  const post: Post = (message, transfer = []) => scope.postMessage(message, transfer);

  const validate = async (bytes: Uint8Array, fileName: string): Promise<WorkbookReport> => {
    let first: WorkbookReport | undefined;
    for (const declaration of declarations) {
      const report = await validateWorkbook(bytes, fileName, declaration, { dictionaries, known: workbookShapes, onProgress: (step, fraction) => post({ type: 'progress', step, fraction }) });
      if (report.verdict !== 'autre-fichier') return report;
      first ??= report;
    }
    return first as WorkbookReport;
  };

  const buildFile = async (make: (excel: ExcelModule) => Promise<{ bytes: Uint8Array; fileName: string }>) => {
    let excel: ExcelModule;
    try {
      excel = (await import('exceljs')).default;
    } catch {
      post({ type: 'file-failed', reason: 'module' });
      return;
    }
    try {
      const file = await make(excel);
      const buffer = file.bytes.buffer as ArrayBuffer;
      post({ type: 'file', bytes: buffer, fileName: file.fileName }, [buffer]);
    } catch (error) {
      post({ type: 'file-failed', reason: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
    const request = event.data;
    switch (request.type) {
      case 'validate':
        try {
          const bytes = new Uint8Array(request.bytes);
          const report = await validate(bytes, request.fileName);
          // The hash goes first: the page then renders the report, receipt included, in one pass.
          post({ type: 'hashed', sha256: await sha256Hex(bytes) });
          post({ type: 'report', report });
          afterReport?.(bytes, request.fileName, report, post);
        } catch (error) {
          post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
        }
        return;
      case 'annotate':
        await buildFile((excel) => annotateWorkbook(new Uint8Array(request.bytes), request.report, excel));
        return;
      case 'build-kit':
        if (build) await buildFile((excel) => build(excel, request));
        return;
      case 'upgrade':
        await handle?.(request, post);
        return;
    }
  };
  post({ type: 'ready' });
}
