import { useEffect, useMemo, useRef } from 'preact/hooks';
import { fill } from '../../ui/fill.ts';
import type { UiStrings } from '../../ui/schema.ts';
import type { KitWorkerRequest, KitWorkerResponse } from './kit.worker.ts';
import { download } from './download.ts';
import ReportView from './ReportView.tsx';
import { createKitState } from './state.ts';
import KitUpgrade from '../migration/KitUpgrade.tsx';
import { applyUpgradeMessage, createUpgradeState } from '../migration/upgrade-state.ts';

interface Props {
  labels: UiStrings['kit'];
  upgradeLabels: UiStrings['migration'];
  /** For each dictionary version, the entity page of each field code: the report links issues to it. */
  fieldPages: Record<string, Record<string, string>>;
}

const ACCEPT = '.xlsx,.xlsm,.xls,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet';

export default function KitValidator({ labels, upgradeLabels, fieldPages }: Props) {
  const state = useMemo(createKitState, []);
  const upgradeState = useMemo(createUpgradeState, []);
  const input = useRef<HTMLInputElement>(null);
  const dropZone = useRef<HTMLDivElement>(null);

  /**
   * The worker in use, and a spare one already loaded: « Annuler » terminates the first and promotes
   * the spare, so that cancelling does not need the network (a fresh worker would fetch its script).
   */
  const pool = useRef<{ active: Worker | undefined; spare: Worker | undefined; ready: WeakSet<Worker> }>({ active: undefined, spare: undefined, ready: new WeakSet() }).current;

  const handle = (message: Exclude<KitWorkerResponse, { type: 'ready' }>) => {
    if (applyUpgradeMessage(upgradeState, message)) return;
    switch (message.type) {
      case 'progress':
        if (state.phase.value.kind === 'running') state.phase.value = { ...state.phase.value, step: message.step, fraction: message.fraction };
        break;
      case 'report':
        state.detailed.value = false;
        state.report.value = message.report;
        state.checkedAt.value = new Date();
        state.phase.value = { kind: 'done' };
        break;
      case 'hashed':
        state.sha256.value = message.sha256;
        break;
      case 'failed':
        state.phase.value = { kind: 'failed', text: fill(labels.echec, { message: message.message }) };
        break;
      case 'annotated':
        state.annotating.value = 'idle';
        download(new Blob([message.bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), message.fileName);
        break;
      case 'annotate-failed':
        state.annotating.value = { error: fill(labels.copieEchec, { message: message.reason === 'module' ? labels.copieModule : message.message }) };
        break;
    }
  };

  const spawn = (): Worker => {
    const created = new Worker(new URL('./kit.worker.ts', import.meta.url), { type: 'module' });
    created.onmessage = (event: MessageEvent<KitWorkerResponse>) => {
      const message = event.data;
      if (message.type === 'ready') {
        pool.ready.add(created);
        if (created === pool.active) refillSpare();
      } else if (created === pool.active) handle(message);
    };
    created.onerror = (event) => {
      event.preventDefault();
      created.terminate();
      if (created === pool.spare) pool.spare = undefined;
      if (created !== pool.active) return;
      pool.active = undefined;
      // A worker that never reported ready could not load its script: most likely the network is cut.
      const text = pool.ready.has(created) ? fill(labels.echec, { message: event.message || labels.moduleErreur }) : labels.moduleIndisponible;
      if (state.phase.value.kind === 'running') state.phase.value = { kind: 'failed', text };
      if (state.annotating.value === 'busy') state.annotating.value = { error: text };
      if (upgradeState.status.value.kind === 'busy') upgradeState.status.value = { kind: 'failed', reason: 'error', message: text };
    };
    return created;
  };

  const refillSpare = () => {
    pool.spare ??= spawn();
  };

  /** Drops the worker in use for the spare, and loads a new spare when the network allows. */
  const swapWorkers = () => {
    pool.active?.terminate();
    pool.active = pool.spare;
    pool.spare = undefined;
    if (pool.active && pool.ready.has(pool.active)) refillSpare();
  };

  const activeWorker = () => (pool.active ??= spawn());

  // Started with the page, so that validation still works if the network drops afterwards.
  useEffect(() => {
    activeWorker();
    return () => {
      pool.active?.terminate();
      pool.spare?.terminate();
    };
  }, []);

  const send = (request: KitWorkerRequest, transfer: Transferable[]) => activeWorker().postMessage(request, transfer);

  const validate = async (file: File) => {
    state.report.value = undefined;
    state.sha256.value = undefined;
    state.annotating.value = 'idle';
    upgradeState.reset();
    state.resetFilters();
    state.phase.value = { kind: 'running', fileName: file.name, step: labels.progression, fraction: 0 };
    const bytes = await file.arrayBuffer();
    state.original.value = bytes;
    const copy = bytes.slice(0);
    send({ type: 'validate', bytes: copy, fileName: file.name }, [copy]);
  };

  const cancel = () => {
    swapWorkers();
    state.phase.value = { kind: 'cancelled' };
    requestAnimationFrame(() => input.current?.focus());
  };

  const annotate = () => {
    const report = state.report.value;
    const original = state.original.value;
    if (!report || !original) return;
    state.annotating.value = 'busy';
    const copy = original.slice(0);
    send({ type: 'annotate', bytes: copy, report }, [copy]);
  };

  const upgrade = () => {
    const plan = upgradeState.plan.value;
    const original = state.original.value;
    if (!plan || !original) return;
    upgradeState.status.value = { kind: 'busy' };
    const copy = original.slice(0);
    send({ type: 'upgrade', bytes: copy, fileName: state.report.value?.fileName ?? 'kit.xlsx', plan }, [copy]);
  };

  const phase = state.phase.value;
  const running = phase.kind === 'running';

  return (
    <div class="kit-validator">
      <div
        ref={dropZone}
        class={`kit-drop${running ? ' is-busy' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          dropZone.current?.classList.add('is-over');
        }}
        onDragLeave={() => dropZone.current?.classList.remove('is-over')}
        onDrop={(event) => {
          event.preventDefault();
          dropZone.current?.classList.remove('is-over');
          const file = event.dataTransfer?.files[0];
          if (file && !running) void validate(file);
        }}
      >
        <p class="kit-drop-title">{labels.depot}</p>
        <p>
          <label class="kit-button" for="kit-file">
            {labels.choisir}
          </label>{' '}
          {labels.glisser}
        </p>
        <input
          ref={input}
          id="kit-file"
          class="kit-file-input"
          type="file"
          accept={ACCEPT}
          disabled={running}
          aria-describedby="kit-drop-help"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) void validate(file);
          }}
        />
        <p id="kit-drop-help" class="kit-help">
          {labels.depotAide}
        </p>
      </div>

      <div class="kit-status" role="status" aria-live="polite">
        {running && (
          <>
            <label for="kit-progress">
              {labels.progression} — {phase.fileName} : {phase.step}
            </label>
            <progress id="kit-progress" max={1} value={phase.fraction} />
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
        <ReportView state={state} labels={labels} fieldPages={fieldPages} onAnnotate={annotate}>
          <KitUpgrade state={upgradeState} labels={upgradeLabels} onUpgrade={upgrade} onCheck={(file) => void validate(file)} />
        </ReportView>
      )}
    </div>
  );
}
