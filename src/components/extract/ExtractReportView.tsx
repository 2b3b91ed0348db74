import { useEffect, useRef } from 'preact/hooks';
import { OriginNote } from '../workbook/OriginNote.tsx';
import { buildExtractReceipt, errorRate } from '../../core/extract/exports.ts';
import { columnLetter } from '../../core/extract/mapping.ts';
import { maskValue } from '../../core/mask.ts';
import { severityLabels, verdictLabels, type Problem } from '../../core/problems.ts';
import type { ColumnReport } from '../../core/extract/report.ts';
import { EXTRACT_PAGE, ruleUrl } from '../../core/rules/urls.ts';
import { frenchTypography } from '../../core/typography.ts';
import { fill, fillCount } from '../../ui/fill.ts';
import type { UiStrings } from '../../ui/schema.ts';
import { download, fileSize } from '../workbook/download.ts';
import { PAGE_SIZE, type ExtractState } from './state.ts';
import Verdict from '../workbook/Verdict.tsx';

interface Props {
  state: ExtractState;
  labels: UiStrings['extrait'];
  fieldPages: Record<string, Record<string, string>>;
  onHash: () => void;
}

export default function ExtractReportView({ state, labels, fieldPages, onHash }: Props) {
  const report = state.report.value;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    // The verdict is painted first; the tables and the list follow in the next task.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => (state.detailed.value = true))));
    // Printing prints every listed issue, not only those rendered so far.
    const printAll = () => (state.shown.value = Math.max(state.shown.value, state.visible.value.length));
    window.addEventListener('beforeprint', printAll);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      window.removeEventListener('beforeprint', printAll);
    };
  }, [report]);

  // The receipt needs the file's fingerprint, computed on demand (it reads the whole file): the download
  // follows when the worker sends it.
  const wantsReceipt = useRef(false);
  const sha256 = state.sha256.value;
  const saveReceipt = (hash: string) => {
    if (!report) return;
    const receipt = buildExtractReceipt(report, hash, state.checkedAt.value);
    download(new Blob([`${JSON.stringify(receipt, null, 2)}\n`], { type: 'application/json' }), `${baseName(report.fileName)}-recu.json`);
  };
  useEffect(() => {
    if (!sha256 || !wantsReceipt.current) return;
    wantsReceipt.current = false;
    saveReceipt(sha256);
  }, [sha256]);
  if (!report) return null;

  const version = report.version;
  const pages = fieldPages[version];
  const visible = state.visible.value;
  const rendered = visible.slice(0, state.shown.value);
  const reveal = state.reveal.value;
  const truncated = report.issues.length < report.counts.erreur + report.counts.avertissement + report.counts.information - report.fileIssues.length;

  return (
    <section class="kit-report extract-report" aria-labelledby="extract-report-title" aria-busy={!state.detailed.value} data-rows={report.rows} data-duration-ms={report.durationMs} data-workers={report.workers ?? 1}>
      <Verdict id="extract-report-title" headingRef={heading} verdict={report.verdict} verdictLabel={verdictLabels[report.verdict]} labels={labels} counts={report.counts} />
      <p class="kit-meta">
        {fill(labels.fichier, { name: report.fileName, size: fileSize(report.fileSize) })} — {report.readAs}.{' '}
        {fill(labels.perimetre, { entity: report.entityLabel, version, rows: fillCount(labels.lignesVerifiees, report.rows), seconds: (report.durationMs / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 }) })}
      </p>
      <OriginNote notice={report.dictionaryNotice} />

      <div class="kit-downloads" role="group" aria-label={labels.telechargements}>
        <button type="button" class="kit-button" disabled={!state.csv.value} onClick={() => state.csv.value && download(state.csv.value, `${baseName(report.fileName)}-problemes.csv`)}>
          {labels.rapportCsv}
        </button>
        <button type="button" class="kit-button" onClick={() => window.print()}>
          {labels.imprimerRapport}
        </button>
        <button
          type="button"
          class="kit-button"
          disabled={state.hashing.value !== undefined}
          onClick={() => {
            if (sha256) saveReceipt(sha256);
            else {
              wantsReceipt.current = true;
              onHash();
            }
          }}
        >
          {state.hashing.value === undefined ? labels.recuJson : fill(labels.recuCalcul, { percent: Math.floor(state.hashing.value * 100) })}
        </button>
      </div>
      <p class="kit-help">{labels.aideExports}</p>

      {state.detailed.value && (
        <>
          {report.fileIssues.length > 0 && (
            <section>
              <h3 id="extract-file-issues">{labels.fichierProblemes}</h3>
              <ol class="kit-issues-list">
                {report.fileIssues.map((issue, i) => (
                  <IssueItem key={`${issue.rule}-${i}`} issue={issue} labels={labels} reveal={false} version={version} page={issue.field ? pages?.[issue.field] : undefined} />
                ))}
              </ol>
            </section>
          )}

          <Columns columns={report.columns} rows={report.rows} labels={labels} />

          <h3>{labels.problemes}</h3>
          {report.issues.length === 0 ? (
            <p>{labels.aucunProbleme}</p>
          ) : (
            <>
              {truncated && <p class="kit-help">{fill(labels.listeTronquee, { listed: report.issues.length.toLocaleString('fr-FR'), total: (report.counts.erreur + report.counts.avertissement + report.counts.information - report.fileIssues.length).toLocaleString('fr-FR') })}</p>}
              <fieldset class="kit-filters">
                <legend>{labels.filtreChamp}</legend>
                <label>
                  {labels.filtreChamp}{' '}
                  <select
                    value={state.fieldFilter.value}
                    onChange={(event) => {
                      state.fieldFilter.value = event.currentTarget.value;
                      state.shown.value = PAGE_SIZE;
                    }}
                  >
                    <option value="">{labels.tous}</option>
                    {report.columns
                      .filter((column) => column.kinds.length > 0)
                      .map((column) => (
                        <option key={column.field} value={column.field}>
                          {column.field} — {column.label}
                        </option>
                      ))}
                  </select>
                </label>
                <label class="extract-reveal">
                  <input type="checkbox" checked={reveal} aria-describedby="extract-reveal-help" onChange={(event) => (state.reveal.value = event.currentTarget.checked)} /> {labels.masquage}
                </label>
                <p id="extract-reveal-help" class="kit-help">
                  {labels.masquageAide}
                </p>
              </fieldset>
              <p aria-live="polite">{fillCount(labels.affiches, Math.min(visible.length, rendered.length), { total: visible.length.toLocaleString('fr-FR') })}</p>
              <ol class="kit-issues-list">
                {rendered.map((issue, i) => (
                  <IssueItem key={`${issue.place}-${issue.rule}-${i}`} issue={issue} labels={labels} reveal={reveal} version={version} page={issue.field ? pages?.[issue.field] : undefined} />
                ))}
              </ol>
              {visible.length > rendered.length && (
                <button type="button" class="kit-button" onClick={() => (state.shown.value += PAGE_SIZE)}>
                  {fillCount(labels.afficherPlus, Math.min(PAGE_SIZE, visible.length - rendered.length))}
                </button>
              )}
            </>
          )}
          <section class="kit-receipt" aria-hidden="true">
            <h2>{labels.recuTitre}</h2>
            <dl>
              <dt>{labels.recuFichier}</dt>
              <dd>{fill(labels.fichier, { name: report.fileName, size: fileSize(report.fileSize) })}</dd>
              {sha256 && (
                <>
                  <dt>{labels.recuEmpreinte}</dt>
                  <dd>
                    <code>{sha256}</code>
                  </dd>
                </>
              )}
              <dt>{labels.recuPerimetre}</dt>
              <dd>
                {report.entityLabel} — {version}
              </dd>
              <dt>{labels.recuDate}</dt>
              <dd>{state.checkedAt.value.toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' })}</dd>
            </dl>
            <OriginNote notice={report.dictionaryNotice} />
          </section>
        </>
      )}
    </section>
  );
}

const baseName = (fileName: string) => fileName.replace(/\.(csv|txt|tsv|xlsx|ods|xls)$/i, '');

function Columns({ columns, rows, labels }: { columns: ColumnReport[]; rows: number; labels: UiStrings['extrait'] }) {
  return (
    <section>
      <h3 id="extract-columns-title">{labels.colonnes}</h3>
      <p class="kit-help">{labels.colonnesAide}</p>
      <div class="extract-scroll" tabIndex={0} role="region" aria-label={labels.colonnes}>
        <table class="extract-results">
          <caption>{labels.colonnes}</caption>
          <thead>
            <tr>
              <th scope="col">{labels.colonne}</th>
              <th scope="col">{labels.champ}</th>
              <th scope="col">{labels.remplies}</th>
              <th scope="col">{labels.enErreur}</th>
              <th scope="col">{labels.types}</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((column) => (
              <tr key={column.field}>
                <td>
                  {columnLetter(column.column)} <span class="kit-help">{column.header}</span>
                </td>
                <th scope="row">
                  <code>{column.field}</code> {column.label}
                </th>
                <td>{column.filled.toLocaleString('fr-FR')}</td>
                <td>
                  {column.invalid.toLocaleString('fr-FR')} ({fill(labels.pourcentage, { n: errorRate(column.invalid, rows).toLocaleString('fr-FR') })})
                </td>
                <td>
                  {column.kinds.length === 0 && column.serialDates === 0 && labels.aucun}
                  <ul class="extract-kinds">
                    {column.kinds.map((kind) => (
                      <li key={`${kind.rule}-${kind.message}`} class={`is-${kind.severity}`}>
                        {frenchTypography(kind.message)} — {kind.count.toLocaleString('fr-FR')} ({fillCount(labels.premieresLignes, kind.count, { rows: kind.rows.join(', ') })})
                      </li>
                    ))}
                    {column.serialDates > 0 && <li class="is-information">{fillCount(labels.datesSerie, column.serialDates)}</li>}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function IssueItem({ issue, labels, reveal, version, page }: { issue: Problem; labels: UiStrings['extrait']; reveal: boolean; version: string; page: string | undefined }) {
  const value = issue.value === undefined ? undefined : reveal ? issue.value : maskValue(issue.mask ?? 'none', issue.value);
  return (
    <li class={`kit-issue is-${issue.severity}`}>
      <p>
        <span class="kit-severity">{severityLabels[issue.severity]}</span> <code>{issue.place}</code>
        {issue.field && <span> — {issue.field}</span>}
      </p>
      <p>{frenchTypography(issue.message)}</p>
      {value !== undefined && (
        <p>
          {labels.valeurTrouvee} : « <code class="extract-value">{value}</code> »
        </p>
      )}
      <p>
        {labels.correction} : {frenchTypography(issue.fix ?? '')}
      </p>
      {page && issue.field && (
        <p>
          <a href={`${page}#${issue.field}`}>{fill(labels.voirChamp, { code: issue.field, version })}</a>
        </p>
      )}
      <p>
        <a href={ruleUrl(EXTRACT_PAGE, issue.rule)}>{fill(labels.voirControle, { rule: issue.rule })}</a>
      </p>
    </li>
  );
}
