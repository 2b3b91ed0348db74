import { toCsv } from '../artefacts/formats/csv.ts';
import { severityLabels, type Problem, type Verdict } from '../problems.ts';
import { verdictLabelsOf, type WorkbookReport } from './report.ts';

/** The report as a CSV file for French Excel: one line per issue, and per cell of an issue that covers several. */
export function reportCsv(report: WorkbookReport): string {
  const line = (issue: Problem, cell = issue.cell, field = issue.field) => {
    const place = issue.cells && issue.sheet ? `${issue.sheet}!${cell}` : issue.place;
    return [severityLabels[issue.severity], issue.sheet, cell, place, issue.dispositif, field, issue.value, issue.message, issue.fix, issue.rule];
  };
  return toCsv([
    ['gravité', 'feuille', 'cellule', 'emplacement', report.names.group, 'code du champ', 'valeur trouvée', 'problème', 'comment corriger', 'règle'],
    ...report.issues.flatMap((issue) => (issue.cells ? issue.cells.map((each) => line(issue, each.cell, each.field)) : [line(issue)])),
  ]);
}

/**
 * The proof of validation a partner may send the platform team: identifies the file by its SHA-256,
 * says what was found, and holds no value of the workbook — only counts, and the figures its kind adds.
 */
export interface Receipt {
  type: string;
  fichier: { nom: string; taille: number; sha256: string };
  versionDictionnaire: string | null;
  /** Present while the dictionary is composed by this portal, not the platform's official one. */
  avertissementDictionnaire?: string;
  verifieLe: string;
  verdict: Verdict;
  resultat: string;
  problemes: { erreurs: number; avertissements: number; informations: number };
  [figure: string]: unknown;
}

export function buildReceipt(report: WorkbookReport, sha256: string, now: Date): Receipt {
  return {
    type: report.names.receipt,
    fichier: { nom: report.fileName, taille: report.fileSize, sha256 },
    versionDictionnaire: report.dictionaryVersion ?? null,
    ...(report.dictionaryNotice ? { avertissementDictionnaire: report.dictionaryNotice } : {}),
    verifieLe: now.toISOString(),
    verdict: report.verdict,
    resultat: verdictLabelsOf(report.names)[report.verdict],
    problemes: { erreurs: report.counts.erreur, avertissements: report.counts.avertissement, informations: report.counts.information },
    ...report.receiptFigures,
  };
}
