import { useEffect } from 'preact/hooks';
import { fill, fillCount } from '../../ui/fill.ts';
import type { UiStrings } from '../../ui/schema.ts';
import { download } from '../workbook/download.ts';
import type { UpgradeState } from './upgrade-state.ts';

interface Props {
  state: UpgradeState;
  labels: UiStrings['migration'];
  onUpgrade: () => void;
  /** Checks the upgraded kit as if the partner had dropped it. */
  onCheck: (file: File) => void;
}

/**
 * In the report of a kit filled on an older version: what changes for this kit in the version in force,
 * the answers that cannot be carried, and the upgraded kit, built in the Worker from the partner's
 * bytes (which are never changed).
 */
export default function KitUpgrade({ state, labels, onUpgrade, onCheck }: Props) {
  const plan = state.plan.value;
  const status = state.status.value;
  useEffect(() => {
    if (status.kind === 'done') download(status.file, status.file.name);
  }, [status]);
  if (!plan) return status.kind === 'failed' && status.reason === 'error' ? <p class="kit-failed">{fill(labels.echec, { message: status.message })}</p> : null;
  const others = plan.changes.filter((change) => change.kind !== 'ajout');
  return (
    <section class="kit-upgrade" aria-labelledby="kit-upgrade-title">
      <h3 id="kit-upgrade-title">{fill(labels.titre, { to: plan.to })}</h3>
      <p>{fill(labels.ancienneVersion, { from: plan.from, to: plan.to })}</p>
      <p>
        {fillCount(labels.reprises, plan.carried)} ; {fillCount(labels.nouveauxChamps, plan.newFields.length, { to: plan.to })}.
      </p>
      {plan.changes.length === 0 ? (
        <p>{labels.aucunChangement}</p>
      ) : (
        <details open={others.length > 0}>
          <summary>{fill(labels.changements, { n: plan.changes.length })}</summary>
          <ul class="kit-upgrade-changes">
            {plan.changes.map((change) => (
              <li key={`${change.kind}-${change.code}`} data-kind={change.kind}>
                {change.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {plan.lost.length > 0 && (
        <>
          <p class="kit-upgrade-lost">{fillCount(labels.nonReprises, plan.lost.length)}</p>
          <ul class="kit-upgrade-lost-list">
            {[...new Set(plan.lost.map((lost) => lost.code))].map((code) => {
              const answers = plan.lost.filter((lost) => lost.code === code);
              const first = answers[0];
              return (
                <li key={code} data-lost={code}>
                  {fill(labels.champNonRepris, { code: code || '—', libelle: first?.label ?? '', raison: first?.reason ?? '' })}
                  <ul>
                    {answers.map((lost) => (
                      <li key={lost.column}>{fill(labels.reponse, { n: lost.pair, dispositif: lost.dispositif ? ` (${lost.dispositif})` : '', colonne: lost.column, valeur: lost.value })}</li>
                    ))}
                  </ul>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <p>
        <button type="button" class="kit-button" disabled={status.kind === 'busy'} onClick={onUpgrade}>
          {status.kind === 'busy' ? labels.enCours : fill(labels.bouton, { to: plan.to })}
        </button>
        {status.kind === 'done' && (
          <button type="button" class="kit-button" onClick={() => onCheck(status.file)}>
            {labels.verifier}
          </button>
        )}
      </p>
      <p role="status" aria-live="polite">
        {status.kind === 'done' && fill(labels.pret, { file: status.file.name })}
        {status.kind === 'failed' && <span class="kit-failed">{fill(labels.echec, { message: status.reason === 'module' ? labels.module : status.message })}</span>}
      </p>
    </section>
  );
}
