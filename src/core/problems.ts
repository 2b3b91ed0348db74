/**
 * The one shape every boundary reports problems in (dictionary loader, lint, file validators),
 * so that each message names its place and the way to fix it.
 */
import { frenchTypography } from './typography.ts';

export type Severity = 'erreur' | 'avertissement' | 'information';

export interface Problem {
  severity: Severity;
  /** Stable identifier of the rule that fired, for filters and tests (« dictionary.unknown-binding »). */
  rule: string;
  /** Where: « dictionary/entities/titulaire.yaml:12 », « Diagnostic!F12 »… */
  place: string;
  /** What it is about, when there is one: a field code, a dispositif… */
  subject?: string;
  /** The value found, as the user typed it. */
  value?: string;
  /** What is wrong, in French, as a sentence. */
  message: string;
  /** What to do about it, in French, as a sentence. */
  fix?: string;
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

export function countBySeverity(problems: readonly Problem[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { erreur: 0, avertissement: 0, information: 0 };
  for (const p of problems) counts[p.severity] += 1;
  return counts;
}
