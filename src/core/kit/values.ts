import type * as XLSX from '@e965/xlsx';
import { isValidSiret } from '../referentials/checksums.ts';
import { ECHEANCE_MAX_YEARS, ECHEANCE_MIN, MAX_PAIRS, pairColumns, pairFirstRow, partnerFirstRow, partnerRows, partnerTypes, partnerValueColumn, type PartnerRow } from './layout.ts';
import { checkPairRow, checkPartnerRecord } from './records.ts';
import type { KitIssue } from './report.ts';
import { cellIssue, matchChoice, normalizeChoice, type SheetView } from './sheet.ts';

/** A declared dispositif × SI pair, from one row of « Dispositifs ». */
export interface DeclaredPair {
  number: number;
  label: string;
}

/** Reads a list cell; a value typed by hand is accepted with a warning when only case, accents or spaces differ. */
export function readChoice(sheet: SheetView, row: number, column: number, choices: readonly string[], what: string, issues: KitIssue[], extra: Pick<KitIssue, 'fieldCode' | 'dispositif'> = {}): string | undefined {
  const text = sheet.text(row, column);
  if (!text) return undefined;
  const match = matchChoice(text, choices);
  if (match.kind === 'exact') return text;
  if (match.kind === 'loose') {
    issues.push(cellIssue(sheet.name, row, column, 'avertissement', 'valeurs.liste-saisie', `« ${text} » n’est pas écrit exactement comme dans la liste ; le validateur le lit comme « ${match.value} ».`, `Choisissez « ${match.value} » dans la liste déroulante.`, { value: text, ...extra }));
    return match.value;
  }
  const suggestion = match.suggestion ? ` Vouliez-vous dire « ${match.suggestion} » ?` : '';
  issues.push(cellIssue(sheet.name, row, column, 'erreur', 'valeurs.liste', `« ${text} » n’est pas une valeur admise pour ${what}.`, `Choisissez une valeur de la liste : ${choices.map((c) => `« ${c} »`).join(', ')}.${suggestion}`, { value: text, ...extra }));
  return undefined;
}

const DAY = 86_400_000;
const frenchDate = (date: Date) => `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;

/** A date cell as Excel stores it (date, serial number) or as typed (JJ/MM/AAAA, AAAA-MM-JJ). */
export function readDate(cell: XLSX.CellObject | undefined, text: string): Date | 'invalid' | undefined {
  if (!text) return undefined;
  if (cell?.t === 'd' && cell.v instanceof Date) return new Date(Date.UTC(cell.v.getFullYear(), cell.v.getMonth(), cell.v.getDate()));
  // Serials of 2000–2099 only: a bare number such as 2027 is a year typed in a cell, not a date.
  if (cell?.t === 'n' && typeof cell.v === 'number' && cell.v >= 36_526 && cell.v < 73_051) return new Date(Date.UTC(1899, 11, 30) + Math.round(cell.v) * DAY);
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, day] = fr ? [Number(fr[3]), Number(fr[2]), Number(fr[1])] : iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [NaN, NaN, NaN];
  if (Number.isNaN(year)) return 'invalid';
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : 'invalid';
}

/** Checks a date cell is a real date within [min, max]; returns it when it is one. */
export function checkDate(sheet: SheetView, row: number, column: number, label: string, range: { min: Date; max: Date }, issues: KitIssue[], extra: Pick<KitIssue, 'fieldCode' | 'dispositif'> = {}): Date | undefined {
  const text = sheet.text(row, column);
  const date = readDate(sheet.cell(row, column), text);
  if (date === undefined) return undefined;
  if (date === 'invalid') {
    issues.push(cellIssue(sheet.name, row, column, 'erreur', 'valeurs.date', `« ${text} » n’est pas une date réelle (${label}).`, 'Saisissez une date existante au format JJ/MM/AAAA, par exemple 31/12/2027.', { value: text, ...extra }));
    return undefined;
  }
  if (date < range.min || date > range.max) {
    issues.push(cellIssue(sheet.name, row, column, 'avertissement', 'valeurs.date-improbable', `La date ${frenchDate(date)} sort de la période plausible pour ${label} (du ${frenchDate(range.min)} au ${frenchDate(range.max)}).`, 'Vérifiez l’année saisie.', { value: text, ...extra }));
  }
  return date;
}

export function echeanceRange(now: Date): { min: Date; max: Date } {
  return { min: new Date(`${ECHEANCE_MIN}T00:00:00Z`), max: new Date(Date.UTC(now.getUTCFullYear() + ECHEANCE_MAX_YEARS, now.getUTCMonth(), now.getUTCDate())) };
}

/**
 * The SIRET as Excel may have mangled it: stored as a number (leading zeros lost, or shown in
 * scientific notation with digits lost), or typed with spaces. Each case gets its own explanation.
 */
function checkSiret(sheet: SheetView, row: number, column: number, issues: KitIssue[]): void {
  const cell = sheet.cell(row, column);
  const text = sheet.text(row, column);
  const at = (severity: KitIssue['severity'], rule: string, message: string, fix: string): void => void issues.push(cellIssue(sheet.name, row, column, severity, `valeurs.siret-${rule}`, message, fix, { value: text }));
  const retype = 'Mettez la cellule au format « Texte » (clic droit › Format de cellule › Texte), puis ressaisissez les 14 chiffres du SIRET.';
  if (cell?.t === 'n' && typeof cell.v === 'number') {
    const digits = Math.round(cell.v).toString();
    if (/e/i.test(text)) return at('erreur', 'notation-scientifique', `Le SIRET s’affiche en notation scientifique (« ${text} ») : Excel l’a enregistré comme un nombre et en a arrondi les derniers chiffres.`, retype);
    if (digits.length < 14) return at('erreur', 'zeros-perdus', `Le SIRET a été enregistré comme un nombre : ses zéros de tête ont disparu (${digits.length} chiffres au lieu de 14).`, retype);
    if (digits.length === 14 && isValidSiret(digits)) return at('avertissement', 'nombre', 'Le SIRET est enregistré comme un nombre : il est juste, mais Excel peut l’altérer à la prochaine saisie.', retype);
  }
  const compact = text.replace(/[\s.\u00a0\u202f]/g, '');
  if (/^\d+([.,]\d+)?e\+?\d+$/i.test(compact)) return at('erreur', 'notation-scientifique', `Le SIRET a été recopié en notation scientifique (« ${text} ») : des chiffres ont été perdus.`, retype);
  if (!/^\d{14}$/.test(compact)) return at('erreur', 'format', `Le SIRET doit compter 14 chiffres ; « ${text} » en compte ${compact.replace(/\D/g, '').length}${/\D/.test(compact) ? ' et contient d’autres caractères' : ''}.`, 'Saisissez les 14 chiffres du SIRET de l’établissement, sans espace (avis de situation SIRENE).');
  if (!isValidSiret(compact)) return at('erreur', 'cle', `La clé de contrôle du SIRET « ${text} » est fausse : un chiffre est erroné ou inversé.`, 'Recopiez le SIRET depuis l’avis de situation au répertoire SIRENE.');
  if (compact !== text) at('avertissement', 'espaces', 'Le SIRET contient des espaces ou des points.', 'Saisissez les 14 chiffres sans séparateur.');
}

/** Presence and e-mail form come from the record's schema; SIRET, list and date need the cell itself. */
export function checkPartner(sheet: SheetView, now: Date, issues: KitIssue[]) {
  const record = checkPartnerRecord(sheet, issues);
  partnerRows.forEach((row: PartnerRow, i) => {
    const r = partnerFirstRow + i;
    const c = partnerValueColumn;
    if (record[row.key] === undefined) return;
    if (row.kind === 'siret') checkSiret(sheet, r, c, issues);
    if (row.kind === 'liste') readChoice(sheet, r, c, partnerTypes, 'le type de partenaire', issues);
    if (row.kind === 'date') checkDate(sheet, r, c, 'la date du diagnostic', { min: new Date(`${ECHEANCE_MIN}T00:00:00Z`), max: now }, issues);
  });
}

/** Rows of « Dispositifs »: every row with content must name both the dispositif and its SI. */
export function readPairs(sheet: SheetView, issues: KitIssue[]): Map<number, DeclaredPair> {
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
    pairs.set(number, { number, label });
  }
  if (pairs.size === 0) issues.push(cellIssue(sheet.name, pairFirstRow, 2, 'erreur', 'coherence.aucun-couple', 'Aucun couple dispositif × système d’information n’est déclaré.', 'Déclarez dans cette feuille chaque couple de votre état des lieux, une ligne par couple.'));
  return pairs;
}
