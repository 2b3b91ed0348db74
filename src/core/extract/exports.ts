import { verdictLabels } from '../problems.ts';
import type { ExtractReport } from './report.ts';

/**
 * The proof of validation a partner may send the platform team: it names the file by its SHA-256 and
 * says what was found, with counts only — no value of the extract, no column name of the partner's own.
 */
export interface ExtractReceipt {
  type: 'recu-verification-extrait-agora';
  fichier: { nom: string; taille: number; sha256: string };
  versionDictionnaire: string;
  /** Present while the dictionary is composed by this portal, not the platform's official one. */
  avertissementDictionnaire?: string;
  entite: string;
  verifieLe: string;
  verdict: ExtractReport['verdict'];
  resultat: string;
  lignes: number;
  problemes: { erreurs: number; avertissements: number; informations: number };
  champs: { code: string; remplis: number; lignesEnErreur: number; tauxErreur: number }[];
  champsAbsents: string[];
}

/** Share of rows in error, in percent with one decimal (0 when there are no rows). */
export function errorRate(invalid: number, rows: number): number {
  return rows === 0 ? 0 : Math.round((invalid / rows) * 1000) / 10;
}

export function buildExtractReceipt(report: ExtractReport, sha256: string, now: Date): ExtractReceipt {
  return {
    type: 'recu-verification-extrait-agora',
    fichier: { nom: report.fileName, taille: report.fileSize, sha256 },
    versionDictionnaire: report.version,
    ...(report.dictionaryNotice ? { avertissementDictionnaire: report.dictionaryNotice } : {}),
    entite: report.entity,
    verifieLe: now.toISOString(),
    verdict: report.verdict,
    resultat: verdictLabels[report.verdict],
    lignes: report.rows,
    problemes: { erreurs: report.counts.erreur, avertissements: report.counts.avertissement, informations: report.counts.information },
    champs: report.columns.map((column) => ({ code: column.field, remplis: column.filled, lignesEnErreur: column.invalid, tauxErreur: errorRate(column.invalid, report.rows) })),
    champsAbsents: report.fileIssues.flatMap((issue) => (issue.rule === 'extrait.colonne.absente' && issue.field ? [issue.field] : [])),
  };
}
