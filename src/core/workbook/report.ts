import { verdictLabels, type Problem, type Severity, type Verdict } from '../problems.ts';

/**
 * The contract between a workbook validator (run in a Worker) and everything that shows or exports its
 * result: the report island, the CSV, the annotated copy, the receipt. Plain data: it crosses the Worker
 * boundary by structured clone. Each kind of partner workbook (kit de diagnostic, état des lieux) fills
 * the same report; a kind adds its own fields by extending it.
 */
/** How reports, exports and messages name a kind of workbook; plain data, it travels with the report. */
export interface WorkbookNames {
  /** Prefix of its rule identifiers (« kit » → « kit.valeurs.obligatoire »). */
  rules: string;
  /** Its name in identifiers (« kit », « etat-des-lieux »): « structure.pas-un-kit ». */
  slug: string;
  /** Its name alone: « kit de diagnostic », « état des lieux ». */
  label: string;
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
  issues: Problem[];
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

/** The verdicts as a report of this kind of workbook says them. */
export function verdictLabelsOf(names: Pick<WorkbookNames, 'a'>): Record<Verdict, string> {
  return { ...verdictLabels, 'autre-fichier': `Ce n’est pas ${names.a}` };
}
