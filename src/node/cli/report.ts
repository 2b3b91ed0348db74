import { maskValue } from '../../core/mask.ts';
import { plural } from '../../core/plural.ts';
import { severityLabels, verdictLabels, type Problem, type Severity, type Verdict } from '../../core/problems.ts';
import { frenchTypography } from '../../core/typography.ts';
import { verdictLabelsOf } from '../../core/workbook/report.ts';
import { workbookShapes, type WorkbookSlug } from '../../core/workbooks.ts';
import type { Nature, Verified } from './verify.ts';

/**
 * The command's report: one entry per file, in the order given. Its JSON form is versioned
 * (REPORT_FORMAT_VERSION) and described by the JSON Schema the site publishes beside the command
 * (reportSchema): a pipeline may rely on it.
 */
export const REPORT_FORMAT = 'rapport-agora-verifier';
/** Raised when a key changes meaning or disappears; adding an optional key keeps it. */
export const REPORT_FORMAT_VERSION = 1;

/** The exit codes a pipeline can rely on. */
export const exitCodes = { conforme: 0, aCorriger: 1, illisible: 2 } as const;
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

const natureLabels: Readonly<Record<Nature, string>> = { ...(Object.fromEntries(workbookShapes.map(({ names }) => [names.slug, names.label])) as Record<WorkbookSlug, string>), extrait: 'extrait de données' };

export interface Finding {
  gravite: Severity;
  regle: string;
  emplacement: string;
  message: string;
  correction?: string;
  feuille?: string;
  cellule?: string;
  ligne?: number;
  colonne?: string;
  champ?: string;
  dispositif?: string;
  valeur?: string;
}

export interface FileEntry {
  fichier: string;
  nature: Nature | null;
  verdict: Verdict;
  resultat: string;
  codeSortie: ExitCode;
  versionDictionnaire: string | null;
  avertissementDictionnaire?: string;
  problemes: { erreurs: number; avertissements: number; informations: number };
  /** Every issue of a workbook; for an extract, its file issues then its first listed cell issues (the CSV has them all). */
  constats: Finding[];
  /** An extract's cell issues beyond those listed. */
  constatsNonListes: number;
  extrait?: { entite: string; lignes: number; lectureComme: string; ligneEntetes: number };
  /** The data-free receipt, as the page's « reçu » download. */
  recu?: Record<string, unknown>;
}

export interface Report {
  format: typeof REPORT_FORMAT;
  versionFormat: typeof REPORT_FORMAT_VERSION;
  masquage: boolean;
  codeSortie: ExitCode;
  fichiers: FileEntry[];
}

export function findingOf(issue: Problem, mask: boolean): Finding {
  const value = issue.value === undefined ? undefined : mask ? maskValue(issue.mask ?? 'none', issue.value) : issue.value;
  return {
    gravite: issue.severity,
    regle: issue.rule,
    emplacement: issue.place,
    message: issue.message,
    ...(issue.fix ? { correction: issue.fix } : {}),
    ...(issue.sheet ? { feuille: issue.sheet } : {}),
    ...(issue.cell ? { cellule: issue.cell } : {}),
    ...(issue.row !== undefined ? { ligne: issue.row } : {}),
    ...(issue.column !== undefined ? { colonne: columnName(issue.column) } : {}),
    ...(issue.field ? { champ: issue.field } : {}),
    ...(issue.dispositif ? { dispositif: issue.dispositif } : {}),
    ...(value !== undefined ? { valeur: value } : {}),
  };
}

/** « A », « AB »: the column as a spreadsheet names it. */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export function exitCodeOf(verified: Verified): ExitCode {
  if ('unreadable' in verified) return exitCodes.illisible;
  return verified.report.verdict === 'a-corriger' ? exitCodes.aCorriger : exitCodes.conforme;
}

const countsOf = (counts: Record<Severity, number>) => ({ erreurs: counts.erreur, avertissements: counts.avertissement, informations: counts.information });

export function fileEntry(fileName: string, verified: Verified, mask: boolean): FileEntry {
  const codeSortie = exitCodeOf(verified);
  if ('unreadable' in verified) {
    const report = verified.report;
    const issues = report?.issues.length ? report.issues : [verified.unreadable];
    return {
      fichier: fileName,
      nature: verified.nature ?? null,
      verdict: report?.verdict ?? 'illisible',
      resultat: report ? verdictLabelsOf(report.names)[report.verdict] : verdictLabels.illisible,
      codeSortie,
      versionDictionnaire: report?.dictionaryVersion ?? null,
      problemes: countsOf(report?.counts ?? { erreur: 1, avertissement: 0, information: 0 }),
      constats: issues.map((issue) => findingOf(issue, mask)),
      constatsNonListes: 0,
    };
  }
  if (verified.nature === 'extrait') {
    const { report } = verified;
    const total = report.counts.erreur + report.counts.avertissement + report.counts.information;
    return {
      fichier: fileName,
      nature: 'extrait',
      verdict: report.verdict,
      resultat: verdictLabels[report.verdict],
      codeSortie,
      versionDictionnaire: report.version,
      ...(report.dictionaryNotice ? { avertissementDictionnaire: report.dictionaryNotice } : {}),
      problemes: countsOf(report.counts),
      constats: [...report.fileIssues, ...report.issues].map((issue) => findingOf(issue, mask)),
      constatsNonListes: total - report.fileIssues.length - report.issues.length,
      extrait: { entite: report.entity, lignes: report.rows, lectureComme: report.readAs, ligneEntetes: report.headerRow },
      recu: { ...verified.receipt },
    };
  }
  const { report } = verified;
  return {
    fichier: fileName,
    nature: verified.nature,
    verdict: report.verdict,
    resultat: verdictLabelsOf(report.names)[report.verdict],
    codeSortie,
    versionDictionnaire: report.dictionaryVersion ?? null,
    ...(report.dictionaryNotice ? { avertissementDictionnaire: report.dictionaryNotice } : {}),
    problemes: countsOf(report.counts),
    constats: report.issues.map((issue) => findingOf(issue, mask)),
    constatsNonListes: 0,
    recu: { ...verified.receipt },
  };
}

/** The worst file decides: one unreadable file makes the call 2, else one to correct makes it 1. */
export const overallExit = (entries: readonly FileEntry[]): ExitCode => entries.reduce<ExitCode>((worst, entry) => (entry.codeSortie > worst ? entry.codeSortie : worst), exitCodes.conforme);

export function buildReport(entries: FileEntry[], mask: boolean): Report {
  return { format: REPORT_FORMAT, versionFormat: REPORT_FORMAT_VERSION, masquage: mask, codeSortie: overallExit(entries), fichiers: entries };
}

const count = (n: number, one: string, other: string) => `${n.toLocaleString('fr-FR')} ${plural(n, one, other)}`;

/** The report for a person reading a terminal: the verdict first, then each issue with its place and its fix. */
export function textReport(report: Report): string {
  const lines: string[] = [];
  for (const entry of report.fichiers) {
    const nature = entry.nature ? natureLabels[entry.nature] : 'fichier non reconnu';
    lines.push(frenchTypography(`${entry.fichier} — ${nature} : ${entry.resultat}`));
    const scope = [
      entry.versionDictionnaire ? `Dictionnaire ${entry.versionDictionnaire}` : undefined,
      entry.extrait ? `entité ${entry.extrait.entite}, ${count(entry.extrait.lignes, 'ligne vérifiée', 'lignes vérifiées')} (${entry.extrait.lectureComme}, en-têtes ligne ${entry.extrait.ligneEntetes})` : undefined,
      `${count(entry.problemes.erreurs, 'erreur', 'erreurs')}, ${count(entry.problemes.avertissements, 'avertissement', 'avertissements')}, ${count(entry.problemes.informations, 'information', 'informations')}`,
    ].filter(Boolean);
    lines.push(frenchTypography(`  ${scope.join(' ; ')}.`));
    if (entry.avertissementDictionnaire) lines.push(`  ${frenchTypography(entry.avertissementDictionnaire)}`);
    for (const finding of entry.constats) {
      const where = [finding.emplacement, finding.champ].filter(Boolean).join(' — ');
      lines.push(frenchTypography(`  ${severityLabels[finding.gravite]} — ${where} : ${finding.message}`));
      // The value as found: typography would change its spaces.
      if (finding.valeur !== undefined) lines.push(`    Valeur trouvée\u00a0: «\u202f${finding.valeur}\u202f»`);
      if (finding.correction) lines.push(frenchTypography(`    Correction : ${finding.correction}`));
      lines.push(frenchTypography(`    Contrôle : ${finding.regle}`));
    }
    if (entry.constatsNonListes > 0) lines.push(frenchTypography(`  … et ${count(entry.constatsNonListes, 'autre problème', 'autres problèmes')}, tous dans le rapport CSV (--format csv).`));
    lines.push('');
  }
  return lines.join('\n');
}
