import type { EtatReport } from '../../core/etat-des-lieux/report.ts';
import type { WorkbookReport, WorkerMessage } from '../../core/workbook/report.ts';
import type { UpgradeRequest, UpgradeResponse } from '../migration/upgrade-state.ts';

/** What a page asks its Worker. */
export type WorkerRequest =
  | { type: 'validate'; bytes: ArrayBuffer; fileName: string }
  | { type: 'annotate'; bytes: ArrayBuffer; report: WorkbookReport }
  /** The kit de diagnostic pre-filled from a checked état des lieux (part `part` when it needs several). */
  | { type: 'build-kit'; report: EtatReport; part: number }
  /** A kit of an older dictionary version, carried to the version in force. */
  | UpgradeRequest;

/** What a Worker answers. */
export type WorkerResponse =
  | WorkerMessage
  /** Posted once the module is evaluated: the page may then rely on this worker with the network cut. */
  | { type: 'ready' }
  | { type: 'hashed'; sha256: string }
  /** A file built in the Worker (annotated copy, pre-filled kit), to download. */
  | { type: 'file'; bytes: ArrayBuffer; fileName: string }
  /** `module`: ExcelJS, loaded on demand, could not be fetched (typically: offline). */
  | { type: 'file-failed'; reason: 'module' }
  | { type: 'file-failed'; reason: 'error'; message: string }
  | UpgradeResponse;
