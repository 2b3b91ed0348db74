import type { Dictionary } from '../dictionary/model.ts';
import { verdictOf, type Problem, type Severity } from '../problems.ts';
import { originNotice } from '../dictionary/origin.ts';
import { ExtractChecker, fileIssuesCsv, resultOf, stateFileIssues, type CheckerResult } from './engine.ts';
import { checkMapping, type ColumnMatch } from './mapping.ts';
import type { ExtractPreview, ExtractProgress, ExtractReport } from './report.ts';
import { checkCsvInParts, type PartRunner } from './parts.ts';
import type { ExtractSource } from './source.ts';

export interface ExtractRequest {
  dictionary: Dictionary;
  entityId: string;
  /** The mapping as the partner left it. */
  columns: readonly ColumnMatch[];
  preview: ExtractPreview;
}

export interface ValidateOptions {
  onProgress?: (progress: ExtractProgress) => void;
  /** Receives the CSV export of every issue, piece by piece. */
  onCsv?: (text: string) => void;
  /** Issues kept in full for the page (1,000 by default). */
  listed?: number;
  /** A CSV checked in ranges at once (parts.ts): where they start, and the runners that check them. */
  split?: { starts: readonly number[]; runners: readonly PartRunner[] };
}

// Twice a second: each message costs the page a layout and a paint, for a line nobody reads faster.
const PROGRESS_EVERY_MS = 500;

/** Streams the file through the checks of one entity and builds the report. */
export async function validateExtract(source: ExtractSource, request: ExtractRequest, options: ValidateOptions = {}): Promise<ExtractReport> {
  const started = performance.now();
  const entity = request.dictionary.entities.find((e) => e.id === request.entityId);
  if (!entity) throw new Error(`Entité inconnue : ${request.entityId}`);
  const mapping = checkMapping(request.columns, entity);
  if (mapping.duplicates.length > 0) throw new Error(`Le champ ${mapping.duplicates[0]?.field} est associé à plusieurs colonnes.`);

  const fileIssues: Problem[] = [...request.preview.notes];
  for (const missing of mapping.missing) {
    if (missing.obligation === 'facultative') continue;
    const required = missing.obligation === 'obligatoire';
    fileIssues.push({
      severity: required ? 'erreur' : 'information',
      rule: required ? 'extrait.colonne.absente' : 'extrait.colonne.conditionnelle-absente',
      place: 'En-têtes',
      field: missing.code,
      message: required
        ? `Aucune colonne ne contient le champ obligatoire « ${missing.label} » (${missing.code}).`
        : `Aucune colonne ne contient le champ conditionnel « ${missing.label} » (${missing.code}) : sa condition n’est pas vérifiée.`,
      fix: required ? 'Ajoutez la colonne à l’extrait, ou associez-la à son champ à l’étape des en-têtes.' : 'Ajoutez la colonne si la condition s’applique à certains de vos enregistrements.',
    });
  }

  const plan = { dictionary: request.dictionary, entity, columns: request.columns, headerRow: request.preview.headerRow, date1904: source.date1904, ...(request.preview.recordWidth !== undefined ? { recordWidth: request.preview.recordWidth } : {}) };
  // Progress is told as the readers report the bytes they have read, never from the row loop: the sink is
  // the checker's own, with no wrapper to call a million times.
  let lastReport = started;
  const tell = (rows: number, done: number, total: number) => {
    if (!options.onProgress) return;
    const now = performance.now();
    if (now - lastReport < PROGRESS_EVERY_MS) return;
    lastReport = now;
    options.onProgress({ rows, fraction: total > 0 ? done / total : 0, rowsPerSecond: Math.round((rows / (now - started)) * 1000) });
  };
  const noData = (rows: number) => {
    if (rows > 0) return;
    fileIssues.push({ severity: 'erreur', rule: 'extrait.fichier.sans-donnees', place: 'Fichier', message: `L’extrait ne contient aucune ligne de données sous les en-têtes (ligne ${request.preview.headerRow}).`, fix: 'Exportez de nouveau l’extrait avec ses enregistrements.' });
  };
  const csv = source.csv;
  const split =
    options.split && csv && options.split.starts.length > 1
      ? await checkCsvInParts(csv.file, csv.format, plan, options.split.starts, options.split.runners, { ...(options.listed !== undefined ? { listed: options.listed } : {}), onProgress: (done, rows) => tell(rows, done, csv.file.size) })
      : undefined;
  let result: CheckerResult;
  if (split) {
    for (const piece of split.csv) options.onCsv?.(typeof piece === 'string' ? piece : await piece.text());
    fileIssues.push(...stateFileIssues(split.state));
    noData(split.state.rows);
    const tail = fileIssuesCsv(fileIssues);
    if (tail !== '') options.onCsv?.(tail);
    result = resultOf(split.state);
  } else {
    const checker = new ExtractChecker(plan, { ...(options.onCsv ? { onCsv: options.onCsv } : {}), ...(options.listed !== undefined ? { listed: options.listed } : {}) });
    const readNotes = await source.read(checker.sink, (done, total) => tell(checker.rows, done, total));
    fileIssues.push(...readNotes, ...checker.fileIssues());
    noData(checker.rows);
    result = checker.finish(fileIssues);
  }
  const counts: Record<Severity, number> = { ...result.counts };
  for (const issue of fileIssues) counts[issue.severity] += 1;
  const durationMs = Math.round(performance.now() - started);
  // The published JSON of a frozen version does not state its origin: the page tells the worker, which sets it.
  const notice = originNotice(request.dictionary.origin ?? request.dictionary.manifest.origin);
  options.onProgress?.({ rows: result.rows, fraction: 1, rowsPerSecond: Math.round((result.rows / Math.max(1, durationMs)) * 1000) });
  return {
    fileName: request.preview.fileName,
    fileSize: request.preview.fileSize,
    format: request.preview.format,
    readAs: request.preview.readAs,
    version: request.dictionary.manifest.version,
    ...(notice ? { dictionaryNotice: notice } : {}),
    entity: entity.id,
    entityLabel: entity.label,
    headerRow: request.preview.headerRow,
    rows: result.rows,
    columns: result.columns,
    fileIssues,
    issues: result.issues,
    counts,
    verdict: verdictOf(counts),
    durationMs,
    ...(split && split.parts > 1 ? { workers: split.parts } : {}),
  };
}
