import { MAX_PAIRS } from '../../core/kit/layout.ts';
import type { EtatReport } from '../../core/etat-des-lieux/report.ts';
import { fill, fillCount } from '../../ui/fill.ts';
import type { UiStrings } from '../../ui/schema.ts';
import type { WorkerRequest } from '../workbook/protocol.ts';
import type { ValidatorState } from '../workbook/state.ts';
import WorkbookValidator from '../workbook/WorkbookValidator.tsx';

type Labels = UiStrings['validateur'] & UiStrings['etatDesLieux'];

interface Props {
  labels: Labels;
  /** The version a kit is built for when the état des lieux names none: the version in force. */
  currentVersion: string;
}

/** The état des lieux's validator: the workbook validator, with the état's Worker and the pre-filled kit. */
export default function EtatValidator({ labels, currentVersion }: Props) {
  return (
    <WorkbookValidator<EtatReport>
      labels={labels}
      idPrefix="edl"
      spawnWorker={() => new Worker(new URL('./etat.worker.ts', import.meta.url), { type: 'module' })}
      extras={{
        report: ({ state, request }) => <KitBuilder state={state} request={request} labels={labels} currentVersion={currentVersion} />,
        receipt: (receipt) => {
          const figures = receipt['inventaire'] as { dispositifs: number; systemes: number; couples: number } | undefined;
          return (
            figures && (
              <p>
                {labels.recuInventaire} : {fillCount(labels.dispositifs, figures.dispositifs)}, {fillCount(labels.systemes, figures.systemes)}, {fillCount(labels.couples, figures.couples)}.
              </p>
            )
          );
        },
      }}
    />
  );
}

/** The kit de diagnostic pre-filled from the état des lieux, once it has no error; one button per kit. */
function KitBuilder({ state, request, labels, currentVersion }: { state: ValidatorState<EtatReport>; request: (request: WorkerRequest, what: string) => void; labels: Labels; currentVersion: string }) {
  const report = state.report.value;
  if (!report || report.verdict === 'illisible' || report.verdict === 'autre-fichier') return null;
  const couples = report.inventory.couples.length;
  const count = Math.max(1, Math.ceil(couples / MAX_PAIRS));
  const building = state.building.value;
  const kitError = building.what.startsWith('kit-') && typeof building.state === 'object' ? building.state.error : undefined;
  return (
    <section class="kit-builder" aria-labelledby="edl-kit-title">
      <h3 id="edl-kit-title">{labels.kitTitre}</h3>
      {report.verdict === 'a-corriger' ? (
        <p>{labels.kitAttente}</p>
      ) : couples === 0 ? (
        <p>{labels.kitAucunCouple}</p>
      ) : (
        <>
          <p class="kit-help">{fill(labels.kitAide, { version: report.dictionaryVersion ?? currentVersion })}</p>
          <div class="kit-downloads" role="group" aria-labelledby="edl-kit-title">
            {Array.from({ length: count }, (_, part) => {
              const busy = building.what === `kit-${part}` && building.state === 'busy';
              const label = count === 1 ? labels.kitConstruire : fill(labels.kitPartie, { part: part + 1, count, from: part * MAX_PAIRS + 1, to: Math.min(couples, (part + 1) * MAX_PAIRS) });
              return (
                <button key={part} type="button" class="kit-button" disabled={busy} onClick={() => request({ type: 'build-kit', report, part }, `kit-${part}`)}>
                  {busy ? labels.kitEnCours : label}
                </button>
              );
            })}
          </div>
          {kitError && (
            <p class="kit-failed" role="alert">
              {kitError}
            </p>
          )}
        </>
      )}
    </section>
  );
}
