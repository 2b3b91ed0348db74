import type { Problem, Severity } from '../problems.ts';

/**
 * The contract between the kit validator (src/core/kit/validate.ts, run in the Worker) and
 * everything that shows or exports its result (the report island, CSV, annotated copy, receipt).
 * Plain data: it crosses the Worker boundary by structured clone.
 */
export interface KitIssue extends Problem {
  /** Sheet name as in the workbook (« Diagnostic »); absent for whole-file problems. */
  sheet?: string;
  /** A1 reference of the cell (« F12 »); `place` is then « Diagnostic!F12 ». */
  cell?: string;
  /** The dispositif × SI column group the issue belongs to, as declared (« CPF — SI Agora »). */
  dispositif?: string;
  /** Dictionary field code the row is about, for the link to its entry in that dictionary version. */
  fieldCode?: string;
  /**
   * Every cell, when the issue covers several (a whole pair left unanswered): the report says it once,
   * the CSV lists each cell and the annotated copy marks each. `cell` is then the first of them.
   */
  cells?: { cell: string; fieldCode?: string }[];
}

export type Availability = 'Disponible' | 'Partiellement disponible' | 'Non disponible' | 'Non applicable';

/** For one dispositif × SI: how many fields of each obligation are available, partly or not. */
export interface CoverageRow {
  dispositif: string;
  byObligation: Record<'obligatoire' | 'conditionnelle' | 'facultative', { total: number; disponible: number; partiel: number; nonDisponible: number; nonApplicable: number; vide: number }>;
}

/** `autre-fichier`: the file was read, but it is not the expected workbook (another workbook, a CSV, a PDF…). */
export type Verdict = 'conforme' | 'conforme-avec-avertissements' | 'a-corriger' | 'autre-fichier' | 'illisible';

export interface KitReport {
  fileName: string;
  fileSize: number;
  /** Dictionary version the kit was built for (metadata sheet, else inferred); undefined when unknown. */
  dictionaryVersion?: string;
  /** How the version was found, for the report's first lines. */
  versionSource?: 'metadata' | 'inferred';
  verdict: Verdict;
  counts: Record<Severity, number>;
  issues: KitIssue[];
  coverage: CoverageRow[];
  /** Declared dispositif × SI labels, in workbook order. */
  dispositifs: string[];
  /** Milliseconds spent reading and checking, for the benchmark. */
  durationMs: number;
}

/** Messages from the Worker to the page. */
export type KitWorkerMessage =
  | { type: 'progress'; step: string; fraction: number }
  | { type: 'report'; report: KitReport }
  | { type: 'failed'; message: string };
