import { useMemo } from 'preact/hooks';
import { coverageShare } from '../../core/kit/exports.ts';
import type { CoverageRow, KitReport } from '../../core/kit/report.ts';
import { fill } from '../../ui/fill.ts';
import type { UiStrings } from '../../ui/schema.ts';
import KitUpgrade from '../migration/KitUpgrade.tsx';
import { applyUpgradeMessage, createUpgradeState } from '../migration/upgrade-state.ts';
import WorkbookValidator, { type ValidatorContext } from '../workbook/WorkbookValidator.tsx';

interface Props {
  labels: UiStrings['validateur'] & UiStrings['kit'];
  upgradeLabels: UiStrings['migration'];
  /** For each dictionary version, the entity page of each field code: the report links issues to it. */
  fieldPages: Record<string, Record<string, string>>;
}

type CoverageReceipt = { couple: number; obligatoires: number; conditionnelles: number; facultatives: number }[];

/** The kit de diagnostic's validator: the workbook validator, with the kit's Worker, its coverage and its upgrade. */
export default function KitValidator({ labels, upgradeLabels, fieldPages }: Props) {
  const upgradeState = useMemo(createUpgradeState, []);
  const upgrade = ({ state, send }: ValidatorContext<KitReport>) => {
    const plan = upgradeState.plan.value;
    const original = state.original.value;
    if (!plan || !original) return;
    upgradeState.status.value = { kind: 'busy' };
    const copy = original.slice(0);
    send({ type: 'upgrade', bytes: copy, fileName: state.report.value?.fileName ?? 'kit.xlsx', plan }, [copy]);
  };
  return (
    <WorkbookValidator<KitReport>
      labels={labels}
      idPrefix="kit"
      fieldPages={fieldPages}
      spawnWorker={() => new Worker(new URL('./kit.worker.ts', import.meta.url), { type: 'module' })}
      extras={{
        report: (context) => {
          const coverage = context.state.report.value?.coverage ?? [];
          return (
            <>
              <KitUpgrade state={upgradeState} labels={upgradeLabels} onUpgrade={() => upgrade(context)} onCheck={context.validate} />
              {coverage.length > 0 && <Coverage rows={coverage} labels={labels} />}
            </>
          );
        },
        receipt: (receipt) => <ReceiptCoverage rows={(receipt['couverture'] as CoverageReceipt | undefined) ?? []} labels={labels} />,
        onMessage: (message) => applyUpgradeMessage(upgradeState, message),
        onFailure: (text) => {
          if (upgradeState.status.value.kind === 'busy') upgradeState.status.value = { kind: 'failed', reason: 'error', message: text };
        },
        onReset: upgradeState.reset,
      }}
    />
  );
}

/** The printed receipt's coverage: pairs by number only, their names are the partner's data. */
function ReceiptCoverage({ rows, labels }: { rows: CoverageReceipt; labels: UiStrings['kit'] }) {
  if (rows.length === 0) return null;
  return (
    <table>
      <caption>{labels.recuCouverture}</caption>
      <thead>
        <tr>
          <th scope="col">{labels.groupe}</th>
          <th scope="col">{labels.obligatoires}</th>
          <th scope="col">{labels.conditionnels}</th>
          <th scope="col">{labels.facultatifs}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.couple}>
            <th scope="row">{fill(labels.recuCouple, { n: row.couple })}</th>
            {[row.obligatoires, row.conditionnelles, row.facultatives].map((share, i) => (
              <td key={i}>{fill(labels.pourcentage, { n: share.toLocaleString('fr-FR') })}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The kit's coverage of the dictionary, pair by pair: a chart for the eye, a table for every reader. */
function Coverage({ rows, labels }: { rows: CoverageRow[]; labels: UiStrings['kit'] }) {
  const columns = [
    ['obligatoire', labels.obligatoires],
    ['conditionnelle', labels.conditionnels],
    ['facultative', labels.facultatifs],
  ] as const;
  return (
    <section class="kit-coverage" aria-labelledby="kit-coverage-title">
      <h3 id="kit-coverage-title">{labels.couverture}</h3>
      <p class="kit-help">{labels.couvertureAide}</p>
      <div class="kit-chart" aria-hidden="true">
        {rows.map((row) => (
          <div class="kit-chart-row" key={row.dispositif}>
            <span class="kit-chart-label">{row.dispositif}</span>
            {columns.map(([key, label]) => {
              const share = coverageShare(row.byObligation[key]);
              return (
                <span class={`kit-bar kit-bar-${key}`} key={key} title={`${label} : ${share} %`}>
                  <span class="kit-bar-fill" style={{ width: `${share}%` }} />
                  <span class="kit-bar-text">
                    {label} {fill(labels.pourcentage, { n: share.toLocaleString('fr-FR') })}
                  </span>
                </span>
              );
            })}
          </div>
        ))}
      </div>
      {/* Starlight makes content tables scroll sideways on narrow screens: keyboard users reach the hidden columns by focusing it. */}
      <table tabIndex={0}>
        <caption>{labels.couverture}</caption>
        <thead>
          <tr>
            <th scope="col">{labels.groupe}</th>
            {columns.map(([key, label]) => (
              <th scope="col" key={key}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.dispositif}>
              <th scope="row">{row.dispositif}</th>
              {columns.map(([key]) => {
                const counts = row.byObligation[key];
                return (
                  <td key={key}>
                    {fill(labels.pourcentage, { n: coverageShare(counts).toLocaleString('fr-FR') })} ({fill(labels.detailCouverture, { ok: counts.disponible + counts.partiel, total: counts.total - counts.nonApplicable })})
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
