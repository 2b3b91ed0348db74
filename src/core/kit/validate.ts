import type { Dictionary } from '../dictionary/model.ts';
import { countBySeverity } from '../problems.ts';
import { checkAnswers } from './coherence.ts';
import { fileLimits, readWorkbookFile, type FileLimits } from './read-file.ts';
import { checkFingerprint } from './records.ts';
import type { CoverageRow, KitIssue, KitReport, Verdict } from './report.ts';
import { checkStructure, findSheets, type RecognisedVersion } from './structure.ts';
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
function sortIssues(issues: KitIssue[], sheetOrder: readonly string[]): KitIssue[] {
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

function verdictOf(counts: KitReport['counts'], unread: 'illisible' | 'autre-fichier' | undefined): Verdict {
  if (unread) return unread;
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
  let version: RecognisedVersion | undefined;
  let unread: 'illisible' | 'autre-fichier' | undefined;

  await step('Lecture du fichier', 0.05);
  const read = readWorkbookFile(bytes, fileName, { ...fileLimits, ...options.limits });
  if (!read.ok) {
    issues.push(read.issue);
    unread = read.verdict;
  } else {
    await step('Structure du classeur', 0.5);
    const found = findSheets(read.workbook, fileName, issues);
    if (found.kind === 'not-a-kit') unread = 'autre-fichier';
    else issues.push(...read.notes);
    if (found.kind === 'kit') {
      const { sheets } = found;
      const structure = checkStructure(read.workbook, sheets, options.dictionaries, issues);
      version = structure.version;
      if (version?.metadata) await checkFingerprint(version.metadata, version.dictionary, issues);
      await step('Valeurs et cohérence', 0.7);
      checkPartner(sheets.partner, structure.partnerRowsRead, now, issues);
      if (structure.pairsReadable) {
        const pairs = readPairs(sheets.pairs, issues);
        dispositifs = [...pairs.values()].map((pair) => pair.label);
        if (version) coverage = checkAnswers(sheets.diagnostic, structure, pairs, now, issues);
      }
    }
  }
  await step('Rapport', 0.95);
  const counts = countBySeverity(issues);
  return {
    fileName,
    fileSize: bytes.length,
    ...(version ? { dictionaryVersion: version.dictionary.manifest.version, versionSource: version.versionSource } : {}),
    verdict: verdictOf(counts, unread),
    counts,
    issues: sortIssues(issues, read.ok ? ['Fichier', ...read.workbook.SheetNames] : []),
    coverage,
    dispositifs,
    durationMs: Math.round(performance.now() - started),
  };
}
