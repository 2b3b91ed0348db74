import type { Problem } from '../problems.ts';
import { validatePairRow } from './schemas.ts';
import { propertyOf } from '../workbook/metadata.ts';

import { normalizeChoice } from '../choices.ts';
import { cellIssue, type SheetView } from '../workbook/sheet.ts';
import { MAX_PAIRS, pairColumns, pairFirstRow } from './layout.ts';

/** A declared dispositif × SI pair, from one row of « Dispositifs ». */
export interface DeclaredPair {
  number: number;
  label: string;
  dispositif: string;
  si: string;
  row: number;
}

const pairFieldLabels: Record<string, { what: string; fix: string }> = {
  dispositif: { what: 'le dispositif n’est pas renseigné', fix: 'Indiquez le nom du dispositif, tel que dans votre état des lieux.' },
  si: { what: 'le système d’information n’est pas renseigné', fix: 'Indiquez le SI qui stocke les données de ce dispositif, tel que dans votre état des lieux.' },
};

/** One filled row of « Dispositifs »: the pair must name its dispositif and its SI. */
function checkPairRow(sheet: SheetView, row: number, number: number, label: string, issues: Problem[]): void {
  const record: Record<string, string> = {};
  pairColumns.forEach((column, i) => {
    const text = sheet.text(row, i + 1);
    if (!column.prefilled && text) record[column.key] = text;
  });
  if (validatePairRow(record)) return;
  for (const error of validatePairRow.errors ?? []) {
    const key = propertyOf(error);
    const column = pairColumns.findIndex((c) => c.key === key) + 1;
    const known = pairFieldLabels[key];
    if (column < 1 || !known || error.keyword !== 'required' || sheet.errorValue(row, column)) continue;
    issues.push(cellIssue(sheet.name, row, column, 'erreur', 'valeurs.obligatoire', `Couple n° ${number} : ${known.what}.`, known.fix, { dispositif: label }));
  }
}

/** Rows of « Dispositifs »: every row with content must name both the dispositif and its SI. */
export function readPairs(sheet: SheetView, issues: Problem[]): Map<number, DeclaredPair> {
  const pairs = new Map<number, DeclaredPair>();
  const seen = new Map<string, number>();
  const lastRow = Math.max(sheet.rowCount, pairFirstRow + MAX_PAIRS - 1);
  for (let r = pairFirstRow; r <= lastRow; r += 1) {
    const filled = pairColumns.some((column, i) => !column.prefilled && !sheet.isEmpty(r, i + 1));
    if (!filled) continue;
    const number = r - pairFirstRow + 1;
    if (number > MAX_PAIRS) {
      issues.push(cellIssue(sheet.name, r, 2, 'erreur', 'coherence.couples-trop-nombreux', `Ligne ${r} : le kit prévoit ${MAX_PAIRS} couples dispositif × SI au plus ; cette ligne ne peut pas être reliée à une colonne de « Diagnostic ».`, 'Regroupez des couples ou adressez un second kit à l’équipe plateforme.'));
      continue;
    }
    const prefilled = sheet.text(r, 1);
    if (prefilled !== String(number)) issues.push(cellIssue(sheet.name, r, 1, 'erreur', 'structure.numero-modifie', `Le numéro de couple de la ligne ${r} a été modifié (« ${prefilled} » au lieu de ${number}).`, `Rétablissez ${number} : il relie la ligne au groupe de colonnes « Couple n° ${number} » de « Diagnostic ».`, { value: prefilled }));
    const dispositif = sheet.text(r, 2);
    const si = sheet.text(r, 3);
    const label = `${number}. ${dispositif || '?'} — ${si || '?'}`;
    checkPairRow(sheet, r, number, label, issues);
    const key = `${normalizeChoice(dispositif)}|${normalizeChoice(si)}`;
    const twin = seen.get(key);
    if (twin && dispositif && si) issues.push(cellIssue(sheet.name, r, 2, 'avertissement', 'coherence.couple-en-double', `Le couple « ${dispositif} — ${si} » est déjà déclaré (couple n° ${twin}).`, 'Gardez une seule ligne par couple dispositif × SI.', { dispositif: label }));
    seen.set(key, number);
    pairs.set(number, { number, label, dispositif, si, row: r });
  }
  if (pairs.size === 0) issues.push(cellIssue(sheet.name, pairFirstRow, 2, 'erreur', 'coherence.aucun-couple', 'Aucun couple dispositif × système d’information n’est déclaré.', 'Déclarez dans cette feuille chaque couple de votre état des lieux, une ligne par couple.'));
  return pairs;
}
