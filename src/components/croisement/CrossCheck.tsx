import { signal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { OriginNote } from '../workbook/OriginNote.tsx';
import { buildCombinedReceipt, crossCheck } from '../../core/croisement/crosscheck.ts';
import { etatNames } from '../../core/etat-des-lieux/layout.ts';
import type { EtatReport } from '../../core/etat-des-lieux/report.ts';
import { kitNames } from '../../core/kit/layout.ts';
import type { KitReport } from '../../core/kit/report.ts';
import { verdictLabelsOf, type WorkbookReport } from '../../core/workbook/report.ts';
import { fill, fillCount, prepareFrenchFormats } from '../../ui/fill.ts';
import type { UiStrings } from '../../ui/schema.ts';
import { download, fileSize } from '../workbook/download.ts';
import DropZone from '../workbook/DropZone.tsx';
import { WorkerPool } from '../worker-pool.ts';
import type { WorkerRequest, WorkerResponse } from '../workbook/protocol.ts';

type Labels = UiStrings['validateur'] & UiStrings['croisement'];

interface Checked {
  report: WorkbookReport;
  sha256: string;
}

/** Whether a report can take part in the cross-check: the file was read as what it is. */
const readable = (checked: Checked) => checked.report.verdict !== 'illisible' && checked.report.verdict !== 'autre-fichier';

function createCrossState() {
  return {
    etat: signal<Checked | undefined>(undefined),
    kits: signal<Checked[]>([]),
    /** Files that are neither, or could not be read. */
    others: signal<Checked[]>([]),
    /** The file being checked, with its progress. */
    running: signal<{ name: string; step: string; fraction: number } | undefined>(undefined),
    notice: signal(''),
    failed: signal(''),
    checkedAt: signal(new Date()),
  };
}

/**
 * The cross-check of an état des lieux and its kit(s): files dropped together or one after the other are
 * checked one by one in the Worker, then compared on the page. Everything stays in this tab's memory.
 */
export default function CrossCheck({ labels }: { labels: Labels }) {
  const state = useMemo(createCrossState, []);
  const pool = useRef<WorkerPool<WorkerRequest, WorkerResponse>>();
  /** The file in the Worker: its answer (hash, then report) settles it. */
  const pending = useRef<{ sha256?: string; resolve: (checked: Checked | undefined) => void }>();

  useEffect(() => {
    prepareFrenchFormats();
    pool.current = new WorkerPool<WorkerRequest, WorkerResponse>(() => new Worker(new URL('./croisement.worker.ts', import.meta.url), { type: 'module' }), {
      message: (message) => {
        const waiting = pending.current;
        if (!waiting) return;
        switch (message.type) {
          case 'progress':
            if (state.running.value) state.running.value = { ...state.running.value, step: message.step, fraction: message.fraction };
            break;
          case 'hashed':
            waiting.sha256 = message.sha256;
            break;
          case 'report':
            waiting.resolve({ report: message.report, sha256: waiting.sha256 ?? '' });
            break;
          case 'failed':
            state.failed.value = fill(labels.echec, { message: message.message });
            waiting.resolve(undefined);
            break;
        }
      },
      failed: (loaded, message) => {
        state.failed.value = loaded ? fill(labels.echec, { message: message || labels.moduleErreur }) : labels.moduleIndisponible;
        pending.current?.resolve(undefined);
      },
    });
    pool.current.start();
    return () => pool.current?.dispose();
  }, []);

  const check = (file: File) =>
    new Promise<Checked | undefined>((resolve) => {
      void file.arrayBuffer().then((bytes) => {
        pending.current = { resolve };
        pool.current?.send({ type: 'validate', bytes, fileName: file.name }, [bytes]);
      });
    });

  const add = async (files: File[]) => {
    state.notice.value = '';
    state.failed.value = '';
    for (const file of files) {
      state.running.value = { name: file.name, step: labels.progression, fraction: 0 };
      const checked = await check(file);
      pending.current = undefined;
      if (!checked) break;
      const { slug } = checked.report.names;
      if (slug === etatNames.slug && readable(checked)) {
        const previous = state.etat.value;
        if (previous) state.notice.value = fill(labels.remplace, { name: previous.report.fileName });
        state.etat.value = checked;
      } else if (slug === kitNames.slug && readable(checked)) {
        state.kits.value = [...state.kits.value.filter((kit) => kit.report.fileName !== file.name), checked];
      } else {
        state.others.value = [...state.others.value.filter((other) => other.report.fileName !== file.name), checked];
      }
    }
    state.running.value = undefined;
    state.checkedAt.value = new Date();
  };

  const remove = (checked: Checked) => {
    if (state.etat.value === checked) state.etat.value = undefined;
    state.kits.value = state.kits.value.filter((kit) => kit !== checked);
    state.others.value = state.others.value.filter((other) => other !== checked);
    state.notice.value = '';
  };

  const clear = () => {
    state.etat.value = undefined;
    state.kits.value = [];
    state.others.value = [];
    state.notice.value = '';
    state.failed.value = '';
  };

  const running = state.running.value;
  const etat = state.etat.value;
  const kits = state.kits.value;
  const files = [...(etat ? [etat] : []), ...kits, ...state.others.value];
  const findings =
    etat && kits.length > 0
      ? crossCheck(
          etat.report as EtatReport,
          kits.map((kit) => kit.report as KitReport),
        )
      : undefined;

  return (
    <div class="kit-validator">
      <DropZone idPrefix="croisement" labels={labels} multiple disabled={Boolean(running)} onFiles={(dropped) => void add(dropped)} />

      <div class="kit-status" role="status" aria-live="polite">
        {running && (
          <>
            <label for="croisement-progress">
              {fill(labels.progression, { name: running.name })} : {running.step}
            </label>
            <progress id="croisement-progress" max={1} value={running.fraction} />
          </>
        )}
        {state.notice.value && <p>{state.notice.value}</p>}
        {state.failed.value && <p class="kit-failed">{state.failed.value}</p>}
      </div>

      {files.length > 0 && (
        <section class="cross-files" aria-labelledby="croisement-fichiers">
          <h2 id="croisement-fichiers">{labels.fichiers}</h2>
          <ul>
            {files.map((checked) => {
              const { report } = checked;
              const kind = !readable(checked) ? labels.autre : report.names.slug === etatNames.slug ? labels.etat : labels.kit;
              return (
                <li key={`${report.names.slug}-${report.fileName}`} data-verdict={report.verdict}>
                  <p>
                    <strong>{fill(labels.verdict, { kind, verdict: verdictLabelsOf(report.names)[report.verdict] })}</strong> —{' '}
                    {fill(labels.fichier, { name: report.fileName, size: fileSize(report.fileSize) })}
                    {readable(checked) && (
                      <> ({fill(labels.problemes, { erreurs: fillCount(labels.erreurs, report.counts.erreur), avertissements: fillCount(labels.avertissements, report.counts.avertissement) })})</>
                    )}
                  </p>
                  {(report.verdict !== 'conforme' || !readable(checked)) && (
                    <p class="kit-help">
                      {report.verdict === 'autre-fichier' || report.verdict === 'illisible' ? report.issues[0]?.message : null}{' '}
                      {readable(checked) && <a href={report.names.page}>{fill(labels.voirValidateur, { page: report.names.pageTitle })}</a>}
                    </p>
                  )}
                  <button type="button" class="kit-button" onClick={() => remove(checked)}>
                    {fill(labels.retirer, { name: report.fileName })}
                  </button>
                </li>
              );
            })}
          </ul>
          <button type="button" class="kit-button" onClick={clear}>
            {labels.effacer}
          </button>
        </section>
      )}

      {files.length > 0 && !findings && <p class="cross-missing">{etat ? labels.manqueKit : labels.manqueEtat}</p>}

      {etat && findings && (
        <section class="cross-result" aria-labelledby="croisement-resultat">
          <h2 id="croisement-resultat">{labels.resultat}</h2>
          <p class={`kit-verdict kit-verdict-${findings.length === 0 ? 'conforme' : 'a-corriger'}`}>{findings.length === 0 ? labels.coherents : fillCount(labels.ecarts, findings.length)}</p>
          <OriginNote notice={[etat, ...kits].map((checked) => checked?.report.dictionaryNotice).find(Boolean)} />
          {findings.length > 0 && (
            <ol class="cross-findings">
              {findings.map((finding, i) => (
                <li key={i} data-rule={finding.rule}>
                  <p>{finding.message}</p>
                  <dl>
                    <dt>{labels.dansEtat}</dt>
                    <dd>{finding.fix.etat}</dd>
                    <dt>{labels.dansKit}</dt>
                    <dd>{finding.fix.kit}</dd>
                  </dl>
                </li>
              ))}
            </ol>
          )}
          <div class="kit-downloads" role="group" aria-label={labels.telechargements}>
            <button
              type="button"
              class="kit-button"
              onClick={() => {
                const receipt = buildCombinedReceipt(etat as { report: EtatReport; sha256: string }, kits as { report: KitReport; sha256: string }[], findings, state.checkedAt.value);
                download(new Blob([`${JSON.stringify(receipt, null, 2)}\n`], { type: 'application/json' }), 'recu-verification-croisee.json');
              }}
            >
              {labels.recuJson}
            </button>
          </div>
          <p class="kit-help">{labels.recuAide}</p>
        </section>
      )}
    </div>
  );
}
