import { useEffect, useRef } from 'preact/hooks';
import { buildReceipt, coverageShare, reportCsv, verdictLabels } from '../../core/kit/exports.ts';
import type { CoverageRow, KitIssue } from '../../core/kit/report.ts';
import { severityLabels, type Severity } from '../../core/problems.ts';
import { frenchTypography } from '../../core/typography.ts';
import { fill } from '../../ui/fill.ts';
import type { UiStrings } from '../../ui/schema.ts';
import { download, fileSize } from './download.ts';
import { PAGE_SIZE, type KitState } from './state.ts';

interface Props {
  state: KitState;
  labels: UiStrings['kit'];
  fieldPages: Record<string, Record<string, string>>;
  onAnnotate: () => void;
}

const severities: Severity[] = ['erreur', 'avertissement', 'information'];
const FILE_GROUP = '';

/** Prints one part of the page: the report, or the receipt alone. */
function printPart(part: 'report' | 'receipt') {
  document.documentElement.dataset.kitPrint = part;
  const reset = () => {
    delete document.documentElement.dataset.kitPrint;
    window.removeEventListener('afterprint', reset);
  };
  window.addEventListener('afterprint', reset);
  window.print();
}

export default function ReportView({ state, labels, fieldPages, onAnnotate }: Props) {
  const report = state.report.value;
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    heading.current?.focus();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => (state.detailed.value = true))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [report]);
  if (!report) return null;

  const visible = state.visible.value;
  const rendered = visible.slice(0, state.shown.value);
  const sheets = [...new Set(report.issues.map((issue) => issue.sheet ?? FILE_GROUP))];
  const groups = sheets.map((sheet) => ({ sheet, issues: rendered.filter((issue) => (issue.sheet ?? FILE_GROUP) === sheet) })).filter((group) => group.issues.length > 0);
  const version = report.dictionaryVersion;
  const pages = version ? fieldPages[version] : undefined;
  const receipt = state.sha256.value ? buildReceipt(report, state.sha256.value, state.checkedAt.value) : undefined;
  const base = report.fileName.replace(/\.(xlsx|xlsm|xls|ods)$/i, '');

  const issueItems = () => [...(list.current?.querySelectorAll<HTMLElement>('.kit-issue') ?? [])];
  const move = (step: 1 | -1) => {
    const items = issueItems();
    if (items.length === 0) return;
    const current = items.indexOf(document.activeElement as HTMLElement);
    // Past the last rendered issue, the next page is rendered and the walk goes on into it.
    if (step === 1 && current === items.length - 1 && visible.length > rendered.length) {
      state.shown.value += PAGE_SIZE;
      requestAnimationFrame(() => issueItems()[current + 1]?.focus());
      return;
    }
    const next = items[current < 0 ? (step === 1 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, current + step))];
    next?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || (event.target as HTMLElement).closest('a, button, input, select, textarea')) return;
    if (event.key === 'j' || event.key === 'J') {
      event.preventDefault();
      move(1);
    } else if (event.key === 'k' || event.key === 'K') {
      event.preventDefault();
      move(-1);
    }
  };

  const annotating = state.annotating.value;

  // The shortcuts work from anywhere in the report, the focused title included, except in form controls and links.
  return (
    <section class="kit-report" aria-labelledby="kit-report-title" aria-busy={!state.detailed.value} onKeyDown={onKeyDown}>
      <h2 id="kit-report-title" ref={heading} tabIndex={-1} class={`kit-verdict kit-verdict-${report.verdict}`}>
        {labels.resultat} : {verdictLabels[report.verdict]}
      </h2>
      <ul class="kit-counts">
        <li class="is-erreur">{fill(labels.erreurs, { n: report.counts.erreur })}</li>
        <li class="is-avertissement">{fill(labels.avertissements, { n: report.counts.avertissement })}</li>
        <li class="is-information">{fill(labels.informations, { n: report.counts.information })}</li>
      </ul>
      <p class="kit-meta">
        {fill(labels.fichier, { name: report.fileName, size: fileSize(report.fileSize) })} —{' '}
        {version ? fill(report.versionSource === 'inferred' ? labels.versionDeduite : labels.versionMetadonnees, { version }) : labels.versionInconnue}. {fill(labels.duree, { ms: report.durationMs })}
      </p>

      <div class="kit-downloads" role="group" aria-label={labels.telechargements}>
        <button type="button" class="kit-button" onClick={() => download(new Blob([reportCsv(report)], { type: 'text/csv;charset=utf-8' }), `${base}-rapport.csv`)}>
          {labels.rapportCsv}
        </button>
        <button type="button" class="kit-button" onClick={() => printPart('report')}>
          {labels.imprimerRapport}
        </button>
        {report.verdict !== 'illisible' && (
          <button type="button" class="kit-button" disabled={annotating === 'busy'} onClick={onAnnotate}>
            {annotating === 'busy' ? labels.copieEnCours : labels.copieAnnotee}
          </button>
        )}
        {receipt && (
          <>
            <button type="button" class="kit-button" onClick={() => download(new Blob([`${JSON.stringify(receipt, null, 2)}\n`], { type: 'application/json' }), `${base}-recu.json`)}>
              {labels.recuJson}
            </button>
            <button type="button" class="kit-button" onClick={() => printPart('receipt')}>
              {labels.imprimerRecu}
            </button>
          </>
        )}
      </div>
      {typeof annotating === 'object' && <p class="kit-failed" role="alert">{annotating.error}</p>}
      <p class="kit-help">{labels.recuAide}</p>

      {/* Rendered in a second task, after the verdict has been painted: one long task would freeze the page. */}
      {state.detailed.value && (
        <>
          {report.coverage.length > 0 && <Coverage rows={report.coverage} labels={labels} />}

          <h3>{labels.problemes}</h3>
          {report.issues.length === 0 ? (
            <p>{labels.aucunProbleme}</p>
          ) : (
            <>
              <fieldset class="kit-filters">
                <legend>{labels.filtres}</legend>
                <fieldset class="kit-severities">
                  <legend>{labels.gravite}</legend>
                  {severities.map((severity) => (
                    <label key={severity}>
                      <input
                        type="checkbox"
                        checked={state.severities.value.has(severity)}
                        onChange={(event) => {
                          const next = new Set(state.severities.value);
                          if (event.currentTarget.checked) next.add(severity);
                          else next.delete(severity);
                          state.severities.value = next;
                          state.shown.value = PAGE_SIZE;
                        }}
                      />{' '}
                      {severityLabels[severity]} ({report.counts[severity]})
                    </label>
                  ))}
                </fieldset>
                <label>
                  {labels.feuille}{' '}
                  <select value={state.sheet.value} onChange={(event) => {
                    state.sheet.value = event.currentTarget.value;
                    state.shown.value = PAGE_SIZE;
                  }}>
                    <option value="">{labels.toutes}</option>
                    {sheets.filter(Boolean).map((sheet) => (
                      <option key={sheet} value={sheet}>
                        {sheet}
                      </option>
                    ))}
                  </select>
                </label>
                {report.dispositifs.length > 0 && (
                  <label>
                    {labels.couple}{' '}
                    <select value={state.dispositif.value} onChange={(event) => {
                        state.dispositif.value = event.currentTarget.value;
                        state.shown.value = PAGE_SIZE;
                      }}>
                      <option value="">{labels.tous}</option>
                      {report.dispositifs.map((pair) => (
                        <option key={pair} value={pair}>
                          {pair}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
              </fieldset>
              <p class="kit-shown" aria-live="polite">
                {visible.length === 0 ? labels.aucunFiltre : fill(labels.affiches, { n: visible.length, total: report.issues.length })}
              </p>
              <div class="kit-nav">
                <button type="button" class="kit-button" onClick={() => move(-1)}>
                  {labels.precedent}
                </button>
                <button type="button" class="kit-button" onClick={() => move(1)}>
                  {labels.suivant}
                </button>
                <span class="kit-help">{labels.navigationAide}</span>
              </div>
              <div ref={list} class="kit-issues">
                {groups.map((group) => (
                  <section key={group.sheet} aria-labelledby={`kit-sheet-${slug(group.sheet)}`}>
                    <h4 id={`kit-sheet-${slug(group.sheet)}`}>
                      {group.sheet ? fill(labels.feuilleTitre, { sheet: group.sheet }) : labels.fichierTitre} ({group.issues.length})
                    </h4>
                    <ol>
                      {group.issues.map((issue, i) => (
                        <IssueItem key={`${issue.place}-${issue.rule}-${i}`} issue={issue} labels={labels} version={version} page={issue.fieldCode ? pages?.[issue.fieldCode] : undefined} />
                      ))}
                    </ol>
                  </section>
                ))}
              </div>
              {visible.length > rendered.length && (
                <button type="button" class="kit-button" onClick={() => (state.shown.value += PAGE_SIZE)}>
                  {fill(labels.afficherPlus, { n: Math.min(PAGE_SIZE, visible.length - rendered.length), rest: visible.length - rendered.length })}
                </button>
              )}
            </>
          )}

          {receipt && (
            <section class="kit-receipt" aria-hidden="true">
              <h2>{labels.recuTitre}</h2>
              <dl>
                <dt>{labels.recuFichier}</dt>
                <dd>{fill(labels.fichier, { name: receipt.fichier.nom, size: fileSize(receipt.fichier.taille) })}</dd>
                <dt>{labels.recuEmpreinte}</dt>
                <dd>
                  <code>{receipt.fichier.sha256}</code>
                </dd>
                <dt>{labels.recuVersion}</dt>
                <dd>{receipt.versionDictionnaire ?? labels.versionInconnue}</dd>
                <dt>{labels.recuDate}</dt>
                <dd>{state.checkedAt.value.toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' })}</dd>
                <dt>{labels.resultat}</dt>
                <dd>
                  {receipt.resultat} — {fill(labels.erreurs, { n: receipt.problemes.erreurs })}, {fill(labels.avertissements, { n: receipt.problemes.avertissements })},{' '}
                  {fill(labels.informations, { n: receipt.problemes.informations })}
                </dd>
              </dl>
              {receipt.couverture.length > 0 && (
                <table>
                  <caption>{labels.recuCouverture}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{labels.couple}</th>
                      <th scope="col">{labels.obligatoires}</th>
                      <th scope="col">{labels.conditionnels}</th>
                      <th scope="col">{labels.facultatifs}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {receipt.couverture.map((row) => (
                      <tr key={row.couple}>
                        <th scope="row">{fill(labels.recuCouple, { n: row.couple })}</th>
                        {[row.obligatoires, row.conditionnelles, row.facultatives].map((share, i) => (
                          <td key={i}>{fill(labels.pourcentage, { n: share.toLocaleString('fr-FR') })}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <p>{labels.recuAide}</p>
            </section>
          )}
        </>
      )}
    </section>
  );
}

const slug = (text: string) => text.normalize('NFD').replace(/[^\w]+/g, '-').toLowerCase() || 'fichier';

function IssueItem({ issue, labels, version, page }: { issue: KitIssue; labels: UiStrings['kit']; version: string | undefined; page: string | undefined }) {
  return (
    <li class={`kit-issue is-${issue.severity}`} tabIndex={-1}>
      <p>
        <span class="kit-severity">{severityLabels[issue.severity]}</span> <code>{issue.place}</code>
        {issue.dispositif && <span class="kit-pair"> — {issue.dispositif}</span>}
      </p>
      <p>{frenchTypography(issue.message)}</p>
      {issue.value !== undefined && (
        <p>
          {labels.valeurTrouvee} : « <code>{issue.value}</code> »
        </p>
      )}
      {issue.fix && (
        <p>
          {labels.correction} : {frenchTypography(issue.fix)}
        </p>
      )}
      {page && version && issue.fieldCode && (
        <p>
          <a href={`${page}#${issue.fieldCode}`}>{fill(labels.voirChamp, { code: issue.fieldCode, version })}</a>
        </p>
      )}
    </li>
  );
}

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
      <div class="table-scroll">
        {/* Starlight makes content tables scroll sideways on narrow screens: keyboard users reach the hidden columns by focusing it. */}
        <table tabIndex={0}>
          <caption>{labels.couverture}</caption>
          <thead>
            <tr>
              <th scope="col">{labels.couple}</th>
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
      </div>
    </section>
  );
}
