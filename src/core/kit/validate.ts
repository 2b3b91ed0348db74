import type { Dictionary } from '../dictionary/model.ts';
import { countBySeverity } from '../problems.ts';
import { checkAnswers } from './coherence.ts';
import { fileLimits, readWorkbookFile, type FileLimits } from './read-file.ts';
import { checkFingerprint } from './records.ts';
import type { CoverageRow, KitIssue, KitReport, Verdict } from './report.ts';
import { checkStructure, findSheets } from './structure.ts';
import { checkPartner, readPairs } from './values.ts';

export interface ValidateOptions {
  /** Every published dictionary version, to recognise the kit's own. */
  dictionaries: readonly Dictionary[];
  onProgress?: (step: string, fraction: number) => void;
  /** Polled between steps; a cancelled validation returns nothing. */
  isCancelled?: () => boolean;
  now?: Date;
  /** Size guards applied before the file is parsed; defaults in read-file.ts. */
  limits?: Partial<FileLimits>;
}

export class ValidationCancelled extends Error {}

/** Order of the report: whole-file problems first, then sheet by sheet in workbook order, then cell order. */
const sheetOrder = ['Fichier', 'Partenaire', 'Dispositifs', 'Diagnostic'];
function sortIssues(issues: KitIssue[]): KitIssue[] {
  const key = (issue: KitIssue) => {
    const sheet = issue.sheet ?? 'Fichier';
    const match = /^([A-Z]+)(\d+)$/.exec(issue.cell ?? '');
    const column = match ? [...(match[1] ?? '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : 0;
    return [sheetOrder.indexOf(sheet) < 0 ? 0 : sheetOrder.indexOf(sheet), Number(match?.[2] ?? 0), column] as const;
  };
  return issues
    .map((issue, i) => ({ issue, i, k: key(issue) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2] || a.i - b.i)
    .map(({ issue }) => issue);
}

function verdictOf(counts: KitReport['counts'], readable: boolean): Verdict {
  if (!readable) return 'illisible';
  if (counts.erreur > 0) return 'a-corriger';
  return counts.avertissement > 0 ? 'conforme-avec-avertissements' : 'conforme';
}

/**
 * Checks a kit de diagnostic end to end. Never throws on bad input: an unreadable file is a report
 * with the verdict « illisible » and the reason. Pure: runs in the Worker and in Node tests alike.
 */
export async function validateKit(bytes: Uint8Array, fileName: string, options: ValidateOptions): Promise<KitReport> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const step = async (name: string, fraction: number) => {
    if (options.isCancelled?.()) throw new ValidationCancelled();
    options.onProgress?.(name, fraction);
    await Promise.resolve();
  };
  const issues: KitIssue[] = [];
  let coverage: CoverageRow[] = [];
  let dispositifs: string[] = [];
  let structure: ReturnType<typeof checkStructure>;
  let readable = false;

  await step('Lecture du fichier', 0.05);
  const read = readWorkbookFile(bytes, fileName, { ...fileLimits, ...options.limits });
  if (!read.ok) issues.push(read.issue);
  else {
    issues.push(...read.notes);
    await step('Structure du classeur', 0.5);
    const sheets = findSheets(read.workbook, issues);
    if (sheets) {
      readable = true;
      structure = checkStructure(read.workbook, sheets, options.dictionaries, issues);
      if (structure?.metadata) await checkFingerprint(structure.metadata, structure.dictionary, issues);
      await step('Valeurs et cohérence', 0.7);
      checkPartner(sheets.partner, now, issues);
      const pairs = readPairs(sheets.pairs, issues);
      dispositifs = [...pairs.values()].map((pair) => pair.label);
      if (structure) coverage = checkAnswers(sheets.diagnostic, structure, pairs, now, issues);
    }
  }
  await step('Rapport', 0.95);
  const counts = countBySeverity(issues);
  return {
    fileName,
    fileSize: bytes.length,
    ...(structure ? { dictionaryVersion: structure.dictionary.manifest.version, versionSource: structure.versionSource } : {}),
    verdict: verdictOf(counts, readable),
    counts,
    issues: sortIssues(issues),
    coverage,
    dispositifs,
    durationMs: Math.round(performance.now() - started),
  };
}
