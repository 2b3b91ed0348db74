import { toCsv } from '../artefacts/csv.ts';
import { severityLabels } from '../problems.ts';
import type { CoverageRow, KitIssue, KitReport, Verdict } from './report.ts';

export const verdictLabels: Record<Verdict, string> = {
  conforme: 'Conforme',
  'conforme-avec-avertissements': 'Conforme, avec des avertissements',
  'a-corriger': 'À corriger avant envoi',
  'autre-fichier': 'Ce n’est pas un kit de diagnostic',
  illisible: 'Fichier illisible',
};

/** The report as a CSV file for French Excel: one line per issue, and per cell of an issue that covers several. */
export function reportCsv(report: KitReport): string {
  const line = (issue: KitIssue, cell = issue.cell, fieldCode = issue.fieldCode) => {
    const place = issue.cells && issue.sheet ? `${issue.sheet}!${cell}` : issue.place;
    return [severityLabels[issue.severity], issue.sheet, cell, place, issue.dispositif, fieldCode, issue.value, issue.message, issue.fix, issue.rule];
  };
  return toCsv([
    ['gravité', 'feuille', 'cellule', 'emplacement', 'couple dispositif × SI', 'code du champ', 'valeur trouvée', 'problème', 'comment corriger', 'règle'],
    ...report.issues.flatMap((issue) => (issue.cells ? issue.cells.map((each) => line(issue, each.cell, each.fieldCode)) : [line(issue)])),
  ]);
}

/** Share of fields of one obligation stated available, partly or fully, for one pair (0–100). */
export function coverageShare(counts: CoverageRow['byObligation'][keyof CoverageRow['byObligation']]): number {
  const applicable = counts.total - counts.nonApplicable;
  return applicable <= 0 ? 100 : Math.round(((counts.disponible + counts.partiel) / applicable) * 1000) / 10;
}

/**
 * The proof of validation a partner may send the platform team: identifies the file by its SHA-256,
 * says what was found, and holds no value of the kit — only counts and percentages.
 */
export interface Receipt {
  type: 'recu-verification-kit-diagnostic-agora';
  fichier: { nom: string; taille: number; sha256: string };
  versionDictionnaire: string | null;
  verifieLe: string;
  verdict: Verdict;
  resultat: string;
  problemes: { erreurs: number; avertissements: number; informations: number };
  couverture: { couple: number; obligatoires: number; conditionnelles: number; facultatives: number }[];
}

export function buildReceipt(report: KitReport, sha256: string, now: Date): Receipt {
  return {
    type: 'recu-verification-kit-diagnostic-agora',
    fichier: { nom: report.fileName, taille: report.fileSize, sha256 },
    versionDictionnaire: report.dictionaryVersion ?? null,
    verifieLe: now.toISOString(),
    verdict: report.verdict,
    resultat: verdictLabels[report.verdict],
    problemes: { erreurs: report.counts.erreur, avertissements: report.counts.avertissement, informations: report.counts.information },
    // Pairs are numbered, not named: their names are the partner's data.
    couverture: report.coverage.map((row, i) => ({
      couple: i + 1,
      obligatoires: coverageShare(row.byObligation.obligatoire),
      conditionnelles: coverageShare(row.byObligation.conditionnelle),
      facultatives: coverageShare(row.byObligation.facultative),
    })),
  };
}
