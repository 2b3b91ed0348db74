import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Receipt } from '../../core/workbook/exports.ts';
import type { WorkbookReport } from '../../core/workbook/report.ts';
import { fill, prepareFrenchFormats } from '../../ui/fill.ts';
import type { ValidatorLabels } from '../../ui/schema.ts';
import { download } from './download.ts';
import DropZone from './DropZone.tsx';
import { WorkerPool } from '../worker-pool.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';
import ReportView from './ReportView.tsx';
import { createValidatorState, type ValidatorState } from './state.ts';

/** What a kind of workbook's sections can do: read the state, ask the Worker, check another file. */
export interface ValidatorContext<R extends WorkbookReport> {
  state: ValidatorState<R>;
  /** Asks the Worker for a file to download; `what` names it for the button that waits (state.building). */
  request: (request: WorkerRequest, what: string) => void;
  /** Sends a request whose answer the kind handles itself (`onMessage`). */
  send: (request: WorkerRequest, transfer?: Transferable[]) => void;
  /** Checks a file as if the partner had dropped it. */
  validate: (file: File) => void;
}

/** What a kind of workbook adds to the page. */
export interface ValidatorExtras<R extends WorkbookReport> {
  /** Sections after the downloads (the kit's coverage and upgrade; the état des lieux's pre-filled kit). */
  report?: (context: ValidatorContext<R>) => ComponentChildren;
  /** What its printed receipt adds to the counts. */
  receipt?: (receipt: Receipt) => ComponentChildren;
  /** A Worker message that is the kind's own (true when handled). */
  onMessage?: (message: WorkerResponse) => boolean;
  /** The Worker failed: `text` says why, for what the kind was waiting for. */
  onFailure?: (text: string) => void;
  /** A new file is being checked: the kind forgets what it knew of the previous one. */
  onReset?: () => void;
}

interface Props<R extends WorkbookReport> {
  labels: ValidatorLabels;
  /** Prefix of the island's element ids, unique on the page. */
  idPrefix: string;
  /** Starts the page's Worker (the URL literal must sit in the caller, for the bundler to find it). */
  spawnWorker: () => Worker;
  /** For each dictionary version, the entity page of each field code: the report links issues to it. */
  fieldPages?: Record<string, Record<string, string>>;
  extras?: ValidatorExtras<R>;
}

/**
 * A partner workbook's validator: drop a file, follow the check, read the report, download its exports.
 * Parsing and checks run in the page's Worker; the class names (kit-…) are those every workbook page
 * shares, with their styles (ValidatorStyles.astro).
 */
export default function WorkbookValidator<R extends WorkbookReport>({ labels, idPrefix, spawnWorker, fieldPages = {}, extras = {} }: Props<R>) {
  const state = useMemo(createValidatorState<R>, []);
  const pool = useRef<WorkerPool<WorkerRequest, WorkerResponse>>();

  useEffect(() => {
    prepareFrenchFormats();
    pool.current = new WorkerPool<WorkerRequest, WorkerResponse>(spawnWorker, {
      message: (message) => {
        if (extras.onMessage?.(message)) return;
        switch (message.type) {
          case 'progress':
            if (state.phase.value.kind === 'running') state.phase.value = { ...state.phase.value, step: message.step, fraction: message.fraction };
            break;
          case 'report':
            state.detailed.value = false;
            state.report.value = message.report as R;
            state.checkedAt.value = new Date();
            state.phase.value = { kind: 'done' };
            break;
          case 'hashed':
            state.sha256.value = message.sha256;
            break;
          case 'failed':
            state.phase.value = { kind: 'failed', text: fill(labels.echec, { message: message.message }) };
            break;
          case 'file':
            state.building.value = { ...state.building.value, state: 'idle' };
            download(new Blob([message.bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), message.fileName);
            break;
          case 'file-failed':
            state.building.value = { ...state.building.value, state: { error: fill(labels.copieEchec, { message: message.reason === 'module' ? labels.copieModule : message.message }) } };
            break;
        }
      },
      failed: (loaded, message) => {
        const text = loaded ? fill(labels.echec, { message: message || labels.moduleErreur }) : labels.moduleIndisponible;
        if (state.phase.value.kind === 'running') state.phase.value = { kind: 'failed', text };
        if (state.building.value.state === 'busy') state.building.value = { ...state.building.value, state: { error: text } };
        extras.onFailure?.(text);
      },
    });
    pool.current.start();
    return () => pool.current?.dispose();
  }, []);

  const validate = async (file: File) => {
    state.report.value = undefined;
    state.sha256.value = undefined;
    state.building.value = { what: '', state: 'idle' };
    extras.onReset?.();
    state.resetFilters();
    state.phase.value = { kind: 'running', fileName: file.name, step: labels.progression, fraction: 0 };
    const bytes = await file.arrayBuffer();
    state.original.value = bytes;
    const copy = bytes.slice(0);
    pool.current?.send({ type: 'validate', bytes: copy, fileName: file.name }, [copy]);
  };

  const cancel = () => {
    pool.current?.cancel();
    state.phase.value = { kind: 'cancelled' };
    requestAnimationFrame(() => document.getElementById(`${idPrefix}-file`)?.focus());
  };

  /** Asks the Worker for a file (annotated copy, pre-filled kit); `what` names it for the button that waits. */
  const request = (message: WorkerRequest, what: string) => {
    state.building.value = { what, state: 'busy' };
    pool.current?.send(message, message.type === 'annotate' ? [message.bytes] : []);
  };

  const send = (message: WorkerRequest, transfer: Transferable[] = []) => pool.current?.send(message, transfer);

  const annotate = () => {
    const report = state.report.value;
    const original = state.original.value;
    if (report && original) request({ type: 'annotate', bytes: original.slice(0), report }, 'annotate');
  };

  const phase = state.phase.value;
  const running = phase.kind === 'running';

  return (
    <div class="kit-validator">
      <DropZone idPrefix={idPrefix} labels={labels} disabled={running} onFiles={([file]) => file && void validate(file)} />

      <div class="kit-status" role="status" aria-live="polite">
        {running && (
          <>
            <label for={`${idPrefix}-progress`}>
              {labels.progression} — {phase.fileName} : {phase.step}
            </label>
            <progress id={`${idPrefix}-progress`} max={1} value={phase.fraction} />
          </>
        )}
        {phase.kind === 'cancelled' && <p>{labels.annule}</p>}
        {phase.kind === 'failed' && <p class="kit-failed">{phase.text}</p>}
      </div>
      {running && (
        <button type="button" class="kit-button" onClick={cancel}>
          {labels.annuler}
        </button>
      )}

      {phase.kind === 'done' && state.report.value && (
        <ReportView
          state={state}
          labels={labels}
          idPrefix={idPrefix}
          fieldPages={fieldPages}
          onAnnotate={annotate}
          extra={extras.report?.({ state, request, send, validate: (file) => void validate(file) })}
          receiptExtra={extras.receipt}
        />
      )}
    </div>
  );
}
