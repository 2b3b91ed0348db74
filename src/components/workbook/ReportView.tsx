import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { severityLabels, type Severity, type Problem } from '../../core/problems.ts';
import { ruleUrl } from '../../core/rules/urls.ts';
import { frenchTypography } from '../../core/typography.ts';
import { OriginNote } from './OriginNote.tsx';
import { buildReceipt, reportCsv, type Receipt } from '../../core/workbook/exports.ts';
import { verdictLabelsOf, type WorkbookReport } from '../../core/workbook/report.ts';
import { fill, fillCount } from '../../ui/fill.ts';
import type { ValidatorLabels } from '../../ui/schema.ts';
import { download, fileSize } from './download.ts';
import { PAGE_SIZE, type ValidatorState } from './state.ts';
import Verdict from './Verdict.tsx';

interface Props<R extends WorkbookReport> {
  state: ValidatorState<R>;
  labels: ValidatorLabels;
  idPrefix: string;
  fieldPages: Record<string, Record<string, string>>;
  onAnnotate: () => void;
  /** What the kind of workbook adds after the downloads, and to its printed receipt. */
  extra?: ComponentChildren;
  receiptExtra?: ((receipt: Receipt) => ComponentChildren) | undefined;
}

const severities: Severity[] = ['erreur', 'avertissement', 'information'];
const FILE_GROUP = '';

/**
 * Prints one part of the page: the report, or the receipt alone. Every issue is rendered first (the
 * screen shows them page by page); the print dialog opens once that rendering is done.
 */
function printPart(part: 'report' | 'receipt', renderAll: () => void) {
  document.documentElement.dataset.kitPrint = part;
  const reset = () => {
    delete document.documentElement.dataset.kitPrint;
    window.removeEventListener('afterprint', reset);
  };
  window.addEventListener('afterprint', reset);
  renderAll();
  setTimeout(() => window.print());
}

/** A validator's report: verdict, counts, downloads, issues sheet by sheet with filters, printable receipt. */
export default function ReportView<R extends WorkbookReport>({ state, labels, idPrefix, fieldPages, onAnnotate, extra, receiptExtra }: Props<R>) {
  const report = state.report.value;
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLDivElement>(null);
  // Printing from the browser's menu (Ctrl+P) renders every issue too, before the page is laid out for print.
  useEffect(() => {
    const renderAll = () => (state.shown.value = Number.POSITIVE_INFINITY);
    window.addEventListener('beforeprint', renderAll);
    return () => window.removeEventListener('beforeprint', renderAll);
  }, []);
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
  // Each sheet's heading counts all its issues that the filters keep, not only those drawn so far.
  const groups = sheets
    .map((sheet) => {
      const inSheet = (issue: Problem) => (issue.sheet ?? FILE_GROUP) === sheet;
      return { sheet, total: visible.filter(inSheet).length, issues: rendered.filter(inSheet) };
    })
    .filter((group) => group.issues.length > 0);
  const renderAll = () => (state.shown.value = Number.POSITIVE_INFINITY);
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

  const building = state.building.value;
  const annotating = building.what === 'annotate' ? building.state : 'idle';
  const verdictLabels = verdictLabelsOf(report.names);

  // The shortcuts work from anywhere in the report, the focused title included, except in form controls and links.
  return (
    <section class="kit-report" aria-labelledby={`${idPrefix}-report-title`} aria-busy={!state.detailed.value} onKeyDown={onKeyDown}>
      <Verdict id={`${idPrefix}-report-title`} headingRef={heading} verdict={report.verdict} verdictLabel={verdictLabels[report.verdict]} labels={labels} counts={report.counts} />
      <p class="kit-meta">
        {fill(labels.fichier, { name: report.fileName, size: fileSize(report.fileSize) })} —{' '}
        {version ? fill(report.versionSource === 'inferred' ? labels.versionDeduite : labels.versionMetadonnees, { version }) : labels.versionInconnue}. {fill(labels.duree, { ms: report.durationMs })}
      </p>
      <OriginNote notice={report.dictionaryNotice} />

      <div class="kit-downloads" role="group" aria-label={labels.telechargements}>
        <button type="button" class="kit-button" onClick={() => download(new Blob([reportCsv(report)], { type: 'text/csv;charset=utf-8' }), `${base}-rapport.csv`)}>
          {labels.rapportCsv}
        </button>
        <button type="button" class="kit-button" onClick={() => printPart('report', renderAll)}>
          {labels.imprimerRapport}
        </button>
        {report.verdict !== 'illisible' && report.verdict !== 'autre-fichier' && (
          <button type="button" class="kit-button" disabled={annotating === 'busy'} onClick={onAnnotate}>
            {annotating === 'busy' ? labels.copieEnCours : labels.copieAnnotee}
          </button>
        )}
        {receipt && (
          <>
            <button type="button" class="kit-button" onClick={() => download(new Blob([`${JSON.stringify(receipt, null, 2)}\n`], { type: 'application/json' }), `${base}-recu.json`)}>
              {labels.recuJson}
            </button>
            <button type="button" class="kit-button" onClick={() => printPart('receipt', () => undefined)}>
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
          {extra}

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
                    {labels.groupe}{' '}
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
                {visible.length === 0 ? labels.aucunFiltre : fillCount(labels.affiches, visible.length, { total: report.issues.length.toLocaleString('fr-FR') })}
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
                  <section key={group.sheet} aria-labelledby={`${idPrefix}-sheet-${slug(group.sheet)}`}>
                    <h4 id={`${idPrefix}-sheet-${slug(group.sheet)}`}>
                      {group.sheet ? fill(labels.feuilleTitre, { sheet: group.sheet }) : labels.fichierTitre} ({group.total.toLocaleString('fr-FR')})
                    </h4>
                    <ol>
                      {group.issues.map((issue, i) => (
                        <IssueItem key={`${issue.place}-${issue.rule}-${i}`} issue={issue} labels={labels} version={version} page={issue.field ? pages?.[issue.field] : undefined} validatorPage={report.names.page} />
                      ))}
                    </ol>
                  </section>
                ))}
              </div>
              {visible.length > rendered.length && (
                <button type="button" class="kit-button kit-more" onClick={() => (state.shown.value += PAGE_SIZE)}>
                  {fillCount(labels.afficherPlus, Math.min(PAGE_SIZE, visible.length - rendered.length))} ({fillCount(labels.restants, visible.length - rendered.length)})
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
                  {receipt.resultat} — {fillCount(labels.erreurs, receipt.problemes.erreurs)}, {fillCount(labels.avertissements, receipt.problemes.avertissements)},{' '}
                  {fillCount(labels.informations, receipt.problemes.informations)}
                </dd>
              </dl>
              {receiptExtra?.(receipt)}
              <OriginNote notice={receipt.avertissementDictionnaire} />
              <p>{labels.recuAide}</p>
            </section>
          )}
        </>
      )}
    </section>
  );
}

const slug = (text: string) => text.normalize('NFD').replace(/[^\w]+/g, '-').toLowerCase() || 'fichier';

function IssueItem({ issue, labels, version, page, validatorPage }: { issue: Problem; labels: ValidatorLabels; version: string | undefined; page: string | undefined; validatorPage: string }) {
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
      {page && version && issue.field && (
        <p>
          <a href={`${page}#${issue.field}`}>{fill(labels.voirChamp, { code: issue.field, version })}</a>
        </p>
      )}
      <p>
        <a href={ruleUrl(validatorPage, issue.rule)}>{fill(labels.voirControle, { rule: issue.rule })}</a>
      </p>
    </li>
  );
}
