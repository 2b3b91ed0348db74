import type { Dictionary } from '../dictionary/model.ts';
import { verdictOf, type Problem, type Severity } from '../problems.ts';
import { originNotice } from '../dictionary/origin.ts';
import { ExtractChecker } from './engine.ts';
import { checkMapping, type ColumnMatch } from './mapping.ts';
import type { ExtractPreview, ExtractProgress, ExtractReport } from './report.ts';
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

  const checker = new ExtractChecker(
    { dictionary: request.dictionary, entity, columns: request.columns, headerRow: request.preview.headerRow, date1904: source.date1904, ...(request.preview.recordWidth !== undefined ? { recordWidth: request.preview.recordWidth } : {}) },
    { ...(options.onCsv ? { onCsv: options.onCsv } : {}), ...(options.listed !== undefined ? { listed: options.listed } : {}) },
  );
  // Progress is told as the reader reports the bytes it has read, never from the row loop: the sink is
  // the checker's own, with no wrapper to call a million times.
  let fraction = 0;
  let lastReport = started;
  const readNotes = await source.read(checker.sink, (done, total) => {
    fraction = total > 0 ? done / total : 0;
    if (!options.onProgress) return;
    const now = performance.now();
    if (now - lastReport < PROGRESS_EVERY_MS) return;
    lastReport = now;
    const rows = checker.rows;
    options.onProgress({ rows, fraction, rowsPerSecond: Math.round((rows / (now - started)) * 1000) });
  });
  fileIssues.push(...readNotes, ...checker.fileIssues());
  if (checker.rows === 0) {
    fileIssues.push({ severity: 'erreur', rule: 'extrait.fichier.sans-donnees', place: 'Fichier', message: `L’extrait ne contient aucune ligne de données sous les en-têtes (ligne ${request.preview.headerRow}).`, fix: 'Exportez de nouveau l’extrait avec ses enregistrements.' });
  }
  const result = checker.finish(fileIssues);
  const counts: Record<Severity, number> = { ...result.counts };
  for (const issue of fileIssues) counts[issue.severity] += 1;
  const durationMs = Math.round(performance.now() - started);
  // The published JSON of a frozen version does not state its origin: the page tells the worker, which sets it.
  const notice = originNotice(request.dictionary.origin ?? request.dictionary.manifest.origin);
  options.onProgress?.({ rows: checker.rows, fraction: 1, rowsPerSecond: Math.round((checker.rows / Math.max(1, durationMs)) * 1000) });
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
  };
}
