import type { Problem, Severity } from '../problems.ts';

/**
 * The contract between a workbook validator (run in a Worker) and everything that shows or exports its
 * result: the report island, the CSV, the annotated copy, the receipt. Plain data: it crosses the Worker
 * boundary by structured clone. Each kind of partner workbook (kit de diagnostic, état des lieux) fills
 * the same report; a kind adds its own fields by extending it.
 */
export interface WorkbookIssue extends Problem {
  /** Sheet name as in the workbook (« Diagnostic »); absent for whole-file problems. */
  sheet?: string;
  /** A1 reference of the cell (« F12 »); `place` is then « Diagnostic!F12 ». */
  cell?: string;
  /** The dispositif (or dispositif × SI pair) the issue belongs to, as the partner named it. */
  dispositif?: string;
  /** Dictionary field code the row is about, for the link to its entry in that dictionary version. */
  fieldCode?: string;
  /**
   * Every cell, when the issue covers several (a whole pair left unanswered): the report says it once,
   * the CSV lists each cell and the annotated copy marks each. `cell` is then the first of them.
   */
  cells?: { cell: string; fieldCode?: string }[];
}

/** `autre-fichier`: the file was read, but it is not the expected workbook (another workbook, a CSV, a PDF…). */
export type Verdict = 'conforme' | 'conforme-avec-avertissements' | 'a-corriger' | 'autre-fichier' | 'illisible';

/** How reports, exports and messages name a kind of workbook; plain data, it travels with the report. */
export interface WorkbookNames {
  /** Prefix of its rule identifiers (« kit » → « kit.valeurs.liste »). */
  rules: string;
  /** Its name in identifiers (« kit », « etat-des-lieux »): « structure.pas-un-kit ». */
  slug: string;
  /** Value of `modele` in its hidden metadata sheet, which identifies its template. */
  layoutId: string;
  /** « le kit de diagnostic », « l’état des lieux ». */
  the: string;
  /** « un kit de diagnostic », « un état des lieux ». */
  a: string;
  /** « du kit de diagnostic », « de l’état des lieux ». */
  of: string;
  /** Short forms: « le kit », « votre kit », « du kit », « au kit » ; « l’état des lieux », « votre état des lieux »… */
  theShort: string;
  yours: string;
  ofShort: string;
  toShort: string;
  /** Its validator page with that page's title, and the page of its template with its title. */
  page: string;
  pageTitle: string;
  templatePage: string;
  templateTitle: string;
  /** `type` of its receipt. */
  receipt: string;
  /** What its issues are grouped by, as a column of the exports names it: « couple dispositif × SI », « dispositif ». */
  group: string;
}

export interface WorkbookReport {
  names: WorkbookNames;
  fileName: string;
  fileSize: number;
  /** Dictionary version the workbook was built for; undefined when unknown. */
  dictionaryVersion?: string;
  /** How the version was found, for the report's first lines. */
  versionSource?: 'metadata' | 'inferred';
  /** The notice of a dictionary composed by this portal (src/core/dictionary/origin.ts), for the report and its receipt. */
  dictionaryNotice?: string;
  verdict: Verdict;
  counts: Record<Severity, number>;
  issues: WorkbookIssue[];
  /** Labels the issues are grouped by (dispositifs, or dispositif × SI pairs), in workbook order. */
  dispositifs: string[];
  /** What the receipt adds to its counts: figures only, never a value of the workbook. */
  receiptFigures: Record<string, unknown>;
  /** Milliseconds spent reading and checking, for the benchmark. */
  durationMs: number;
}

/** Messages from a Worker to the page. */
export type WorkerMessage<R extends WorkbookReport = WorkbookReport> =
  | { type: 'progress'; step: string; fraction: number }
  | { type: 'report'; report: R }
  | { type: 'failed'; message: string };

/** The verdicts every validator shares (workbooks and data extracts alike). */
export const verdicts: Record<Exclude<Verdict, 'autre-fichier'>, string> = {
  conforme: 'Conforme',
  'conforme-avec-avertissements': 'Conforme, avec des avertissements',
  'a-corriger': 'À corriger avant envoi',
  illisible: 'Fichier illisible',
};

/** The verdicts as a report of this kind of workbook says them. */
export function verdictLabelsOf(names: Pick<WorkbookNames, 'a'>): Record<Verdict, string> {
  return { ...verdicts, 'autre-fichier': `Ce n’est pas ${names.a}` };
}
