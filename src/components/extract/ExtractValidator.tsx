import { memo } from 'preact/compat';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { checkMapping, columnLetter, guessEntity, matchHeaders } from '../../core/extract/mapping.ts';
import type { ExtractPreview } from '../../core/extract/report.ts';
import { frenchTypography } from '../../core/typography.ts';
import { fill, fillCount, prepareFrenchFormats } from '../../ui/fill.ts';
import type { UiStrings } from '../../ui/schema.ts';
import type { ExtractWorkerRequest, ExtractWorkerResponse } from './extract.worker.ts';
import ExtractReportView from './ExtractReportView.tsx';
import { createExtractState, type ExtractState, type VersionChoice } from './state.ts';
import { WorkerPool } from '../worker-pool.ts';
import DropZone from '../workbook/DropZone.tsx';

interface Props {
  labels: UiStrings['extrait'];
  versions: VersionChoice[];
  /** For each dictionary version, the entity page of each field code: the report links issues to it. */
  fieldPages: Record<string, Record<string, string>>;
}

const ACCEPT = '.csv,.txt,.tsv,.xlsx,.ods,.xls,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet,application/vnd.ms-excel';

export default function ExtractValidator({ labels, versions, fieldPages }: Props) {
  const state = useMemo(() => createExtractState(versions), []);
  const cancelButton = useRef<HTMLButtonElement>(null);

  const pool = useMemo(
    () =>
      new WorkerPool<ExtractWorkerRequest, ExtractWorkerResponse>(() => new Worker(new URL('./extract.worker.ts', import.meta.url), { type: 'module' }), {
        // Every worker fetches the published rules as soon as it starts: validation then works offline.
        started: (worker) => worker.postMessage({ type: 'init', dictionaries: versions.map(({ version, url, current, origin }) => ({ version, url, preload: current, ...(origin ? { origin } : {}) })) } satisfies ExtractWorkerRequest),
        message: (message) => handle(state, labels, versions, message),
        failed: (loaded, message) => {
          const text = loaded ? fill(labels.echec, { message: message || labels.moduleErreur }) : labels.moduleIndisponible;
          if (['reading', 'running'].includes(state.phase.value.kind) || state.hashing.value !== undefined) {
            state.hashing.value = undefined;
            state.phase.value = { kind: 'failed', text };
          }
        },
      }),
    [],
  );
  // Started with the page, so that validation still works if the network drops afterwards.
  useEffect(() => {
    prepareFrenchFormats();
    pool.start();
    return () => pool.dispose();
  }, []);

  const open = (file: File) => {
    state.reset();
    state.file.value = file;
    state.phase.value = { kind: 'reading', fileName: file.name };
    pool.send({ type: 'preview', file, entities: entitiesOf(versions, state.version.value) });
  };

  const chooseSheet = useMemo(
    () => (sheet: string) => {
      const file = state.file.value;
      if (!file) return;
      state.phase.value = { kind: 'reading', fileName: file.name };
      pool.send({ type: 'preview', file, sheet, entities: entitiesOf(versions, state.version.value) });
    },
    [],
  );

  const run = useMemo(() => () => {
    const file = state.file.value;
    const preview = state.preview.value;
    if (!file || !preview) return;
    state.report.value = undefined;
    state.progress.value = { rows: 0, fraction: 0, rowsPerSecond: 0 };
    state.phase.value = { kind: 'running' };
    pool.send({ type: 'validate', file, version: state.version.value, entityId: state.entityId.value, columns: state.columns.value, preview });
    // « Vérifier » sits under the mapping, which the run hides: the focus, and the view, go to the run's
    // one control, under its progress, instead of the page's end.
    requestAnimationFrame(() => cancelButton.current?.focus());
  }, []);

  const cancel = () => {
    pool.cancel();
    state.phase.value = { kind: 'cancelled' };
    requestAnimationFrame(() => document.getElementById('extract-file')?.focus());
  };

  const phase = state.phase.value;
  const busy = phase.kind === 'reading' || phase.kind === 'running';

  return (
    <div class="extract-validator">
      <DropZone idPrefix="extract" labels={labels} disabled={busy} accept={ACCEPT} onFiles={([file]) => file && open(file)} />

      <div class="kit-status" role="status" aria-live="polite">
        {phase.kind === 'reading' && <p>{fill(labels.lecture, { name: phase.fileName })}</p>}
        {phase.kind === 'running' && (
          <p>
            {labels.progression} — {state.file.value?.name}
          </p>
        )}
        {phase.kind === 'cancelled' && <p>{labels.annule}</p>}
        {phase.kind === 'failed' && (
          <div class="kit-failed">
            {phase.issue ? (
              <>
                <p>
                  {labels.fichierIllisible} : {frenchTypography(phase.issue.message)}
                </p>
                <p>{frenchTypography(phase.issue.fix ?? '')}</p>
              </>
            ) : (
              <p>{phase.text}</p>
            )}
          </div>
        )}
      </div>
      {/* Outside the live region: the counts change twice a second and would be read out each time. */}
      {phase.kind === 'running' && <Progress state={state} labels={labels} />}
      {busy && (
        <button type="button" class="kit-button" ref={cancelButton} onClick={cancel}>
          {labels.annuler}
        </button>
      )}

      {/* Hidden, not removed, while running: dropping and redrawing its table would be a long task. */}
      {state.preview.value && (
        <div hidden={phase.kind !== 'mapping' && phase.kind !== 'cancelled'}>
          <MemoMapping state={state} labels={labels} versions={versions} onRun={run} onSheet={chooseSheet} />
        </div>
      )}
      {/* After a run the mapping folds into one line: its table is only drawn again on request. */}
      {phase.kind === 'done' && state.entity.value && (
        <p class="extract-mapped">
          {fillCount(labels.colonnesVerifiees, state.columns.value.filter((column) => column.field).length, { entity: state.entity.value.label })}{' '}
          <button type="button" class="kit-button" onClick={() => (state.phase.value = { kind: 'mapping' })}>
            {labels.modifierCorrespondance}
          </button>
        </p>
      )}

      {phase.kind === 'done' && state.report.value && (
        <ExtractReportView
          state={state}
          labels={labels}
          fieldPages={fieldPages}
          onHash={() => {
            const file = state.file.value;
            if (!file) return;
            state.hashing.value = 0;
            pool.send({ type: 'hash', file });
          }}
        />
      )}
    </div>
  );
}

/** The entities of a version, for the worker to find the header and the sheet that name their fields. */
const entitiesOf = (versions: readonly VersionChoice[], version: string) => versions.find((v) => v.version === version)?.entities ?? [];

/** Applies a worker message to the state. */
function handle(state: ExtractState, labels: UiStrings['extrait'], versions: readonly VersionChoice[], message: ExtractWorkerResponse) {
  switch (message.type) {
    case 'preview':
      applyPreview(state, versions, message.preview);
      state.phase.value = { kind: 'mapping' };
      break;
    case 'progress':
      if (state.phase.value.kind === 'running') state.progress.value = message.progress;
      break;
    case 'report':
      state.detailed.value = false;
      state.report.value = message.report;
      state.csv.value = message.csv;
      state.checkedAt.value = new Date();
      state.phase.value = { kind: 'done' };
      break;
    case 'hash-progress':
      if (state.hashing.value !== undefined) state.hashing.value = message.fraction;
      break;
    case 'hashed':
      state.hashing.value = undefined;
      state.sha256.value = message.sha256;
      break;
    case 'failed':
      state.hashing.value = undefined;
      if (message.issue) state.phase.value = { kind: 'failed', text: message.issue.message, issue: message.issue };
      else if (message.reason === 'rules') state.phase.value = { kind: 'failed', text: labels.reglesIndisponibles };
      else state.phase.value = { kind: 'failed', text: fill(labels.echec, { message: message.message ?? labels.moduleErreur }) };
      break;
    case 'rules-loaded':
    case 'ready':
      break;
  }
}

/** A new header (new file or sheet): the entity is guessed, the columns matched. */
function applyPreview(state: ExtractState, versions: readonly VersionChoice[], preview: ExtractPreview) {
  state.preview.value = preview;
  const entities = versions.find((v) => v.version === state.version.value)?.entities ?? [];
  const entity = guessEntity(preview.headers, entities) ?? entities.find((e) => e.id === state.entityId.value);
  state.entityId.value = entity?.id ?? '';
  state.columns.value = entity ? matchHeaders(preview.headers, entity) : preview.headers.map((header, index) => ({ index, header, field: undefined }));
}

/** The only part of the page a progress message redraws. */
function Progress({ state, labels }: { state: ExtractState; labels: UiStrings['extrait'] }) {
  const progress = state.progress.value;
  return (
    <div class="extract-progress">
      <label for="extract-progress">
        {fill(labels.progressionDetail, {
          rows: fillCount(labels.lignes, progress.rows),
          percent: Math.floor(progress.fraction * 100),
          speed: fillCount(labels.lignes, progress.rowsPerSecond),
        })}
      </label>
      <progress id="extract-progress" max={1} value={progress.fraction} />
    </div>
  );
}

/** Redrawn only when its own signals change, not on every progress message of the page. */
const MemoMapping = memo(Mapping);

function Mapping({ state, labels, versions, onRun, onSheet }: { state: ExtractState; labels: UiStrings['extrait']; versions: readonly VersionChoice[]; onRun: () => void; onSheet: (sheet: string) => void }) {
  const preview = state.preview.value as ExtractPreview;
  const entities = versions.find((v) => v.version === state.version.value)?.entities ?? [];
  const entity = state.entity.value;
  const check = entity ? checkMapping(state.columns.value, entity) : undefined;
  const remap = () => {
    const chosen = state.entity.value;
    if (chosen) state.columns.value = matchHeaders(preview.headers, chosen);
  };
  const list = (codes: readonly { code: string; label: string }[]) => codes.map((field) => `${field.label} (${field.code})`).join(', ');
  const required = check?.missing.filter((field) => field.obligation === 'obligatoire') ?? [];
  const conditional = check?.missing.filter((field) => field.obligation === 'conditionnelle') ?? [];
  const blocked = !entity ? labels.verifierSansEntite : (check?.duplicates.length ?? 0) > 0 ? labels.verifierDoublon : undefined;
  return (
    <section class="extract-mapping">
      <h2 id="extract-mapping-title">{labels.correspondance}</h2>
      <p class="kit-help">{labels.correspondanceAide}</p>
      <p>{fill(labels.luComme, { format: preview.readAs, row: preview.headerRow })}</p>
      {preview.notes.map((note) => (
        <p key={note.rule} class="kit-help">
          {frenchTypography(note.message)} {frenchTypography(note.fix ?? '')}
        </p>
      ))}
      <div class="extract-choices">
        {preview.sheets.length > 1 && (
          <label>
            {labels.feuille}{' '}
            <select value={preview.sheet} onChange={(event) => onSheet(event.currentTarget.value)}>
              {preview.sheets.map((sheet) => (
                <option key={sheet} value={sheet}>
                  {sheet}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {labels.version}{' '}
          <select
            value={state.version.value}
            onChange={(event) => {
              state.version.value = event.currentTarget.value;
              remap();
            }}
          >
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {labels.entite}{' '}
          <select
            value={state.entityId.value}
            aria-describedby="extract-entity-help"
            onChange={(event) => {
              state.entityId.value = event.currentTarget.value;
              remap();
            }}
          >
            {!entity && <option value="">—</option>}
            {entities.map((e) => (
              <option key={e.id} value={e.id}>
                {e.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p id="extract-entity-help" class="kit-help">
        {labels.entiteAide}
      </p>
      {entity && (
        <div class="extract-scroll" tabIndex={0} role="region" aria-label={labels.correspondance}>
          <table class="extract-columns">
            <caption>{labels.correspondance}</caption>
            <thead>
              <tr>
                <th scope="col">{labels.colonne}</th>
                <th scope="col">{labels.entete}</th>
                <th scope="col">{labels.champ}</th>
              </tr>
            </thead>
            <tbody>
              {state.columns.value.map((column) => (
                <tr key={column.index}>
                  <td>{columnLetter(column.index)}</td>
                  <th scope="row">{column.header || labels.sansEntete}</th>
                  <td>
                    <select
                      aria-label={`${labels.champ} — ${labels.colonne} ${columnLetter(column.index)}`}
                      value={column.field ?? ''}
                      onChange={(event) => {
                        const field = event.currentTarget.value || undefined;
                        state.columns.value = state.columns.value.map((c) => (c.index === column.index ? { ...c, field } : c));
                      }}
                    >
                      <option value="">{labels.nonVerifiee}</option>
                      {entity.fields.map((field) => (
                        <option key={field.code} value={field.code}>
                          {field.code} — {field.label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {check && (
        <ul class="extract-mapping-notes">
          {check.duplicates.map((duplicate) => (
            <li key={duplicate.field} class="is-erreur">
              {fill(labels.doublon, { code: duplicate.field, columns: duplicate.columns.map(columnLetter).join(', ') })}
            </li>
          ))}
          {required.length > 0 && <li class="is-erreur">{fillCount(labels.manquantsObligatoires, required.length, { fields: list(required) })}</li>}
          {conditional.length > 0 && <li class="is-information">{fillCount(labels.manquantsConditionnels, conditional.length, { fields: list(conditional) })}</li>}
          {check.unmapped.length > 0 && (
            <li class="is-avertissement">{fillCount(labels.nonAssociees, check.unmapped.length, { columns: check.unmapped.map((c) => (c.header ? `${columnLetter(c.index)} « ${c.header} »` : `${columnLetter(c.index)} ${labels.sansEntete}`)).join(', ') })}</li>
          )}
        </ul>
      )}
      {/* A disabled button always says why, next to it. */}
      <button type="button" class="kit-button extract-run" disabled={blocked !== undefined} aria-describedby={blocked ? 'extract-run-why' : undefined} onClick={onRun}>
        {labels.verifier}
      </button>
      {blocked && (
        <p id="extract-run-why" class="kit-help extract-run-why">
          {blocked}
        </p>
      )}
    </section>
  );
}
