/**
 * The one shape every boundary reports problems in (dictionary loader, lint, kit, état des lieux,
 * extracts, cross-check), so that each message names its place and the way to fix it.
 */
import type { MaskKind } from './mask.ts';
import { frenchTypography } from './typography.ts';

export type Severity = 'erreur' | 'avertissement' | 'information';

/**
 * What is wrong, without where: what a rule returns (the value engine's findings are such constants,
 * built once), and what a place turns into a Problem.
 */
export interface Finding {
  severity: Severity;
  /** Stable identifier of the rule that fired, for filters and tests (« siret.key »). */
  rule: string;
  /** What is wrong, in French, as a sentence. */
  message: string;
  /** What to do about it, in French, as a sentence. */
  fix: string;
}

/** A finding: an error unless said otherwise. Rules build theirs once and return the same object for every value. */
export const finding = (rule: string, message: string, fix: string, severity: Severity = 'erreur'): Finding => ({ severity, rule, message, fix });

export interface Problem extends Omit<Finding, 'fix'> {
  /** Where: « dictionary/entities/titulaire.yaml:12 », « Diagnostic!F12 », « C12 »… */
  place: string;
  /** What it is about, when there is one: a dictionary item… */
  subject?: string;
  /** The value found, as the cell stores it. */
  value?: string;
  /** What to do about it; absent only where the message says it all. */
  fix?: string;
  /** Sheet name as in the workbook (« Diagnostic »); absent for whole-file problems. */
  sheet?: string;
  /** A1 reference of the cell (« F12 »). */
  cell?: string;
  /** Row of a data extract (the header is the first non-empty row). */
  row?: number;
  /** 0-based column of a data extract. */
  column?: number;
  /** Dictionary field code the problem is about, for the link to its entry. */
  field?: string;
  /** The dispositif (or dispositif × SI pair) the problem belongs to, as the partner named it. */
  dispositif?: string;
  /**
   * Every cell, when the problem covers several (a whole pair left unanswered): the report says it once,
   * the CSV lists each cell and the annotated copy marks each. `cell` is then the first of them.
   */
  cells?: { cell: string; field?: string }[];
  /** How a report shows the value until the partner reveals it (personal data). */
  mask?: MaskKind;
}

export const severityLabels: Record<Severity, string> = {
  erreur: 'Erreur',
  avertissement: 'Avertissement',
  information: 'Information',
};

/** One line per problem: `place — subject — message fix`. */
export function formatProblem(problem: Problem): string {
  const parts = [problem.place];
  if (problem.subject) parts.push(problem.subject);
  parts.push(problem.fix ? `${problem.message} ${problem.fix}` : problem.message);
  return frenchTypography(parts.join(' — '));
}

export function countBySeverity(problems: readonly Pick<Problem, 'severity'>[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { erreur: 0, avertissement: 0, information: 0 };
  for (const p of problems) counts[p.severity] += 1;
  return counts;
}

/** The verdict of a checked file; `illisible` and `autre-fichier` when it could not be checked. */
export type Verdict = 'conforme' | 'conforme-avec-avertissements' | 'a-corriger' | 'autre-fichier' | 'illisible';

/** The one verdict rule of every validator: an error to correct, else warnings to read, else conforme. */
export function verdictOf<U extends 'illisible' | 'autre-fichier' = never>(counts: Record<Severity, number>, unread?: U): 'conforme' | 'conforme-avec-avertissements' | 'a-corriger' | U {
  if (unread) return unread;
  if (counts.erreur > 0) return 'a-corriger';
  return counts.avertissement > 0 ? 'conforme-avec-avertissements' : 'conforme';
}

/** The verdicts as every report says them (workbooks and data extracts alike). */
export const verdictLabels: Record<Exclude<Verdict, 'autre-fichier'>, string> = {
  conforme: 'Conforme',
  'conforme-avec-avertissements': 'Conforme, avec des avertissements',
  'a-corriger': 'À corriger avant envoi',
  illisible: 'Fichier illisible',
};
