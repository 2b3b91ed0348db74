import type * as XLSX from '@e965/xlsx';
import { isValidSiret } from '../referentials/checksums.ts';
import { plural } from '../plural.ts';
import { MAX_PAIRS, pairColumns, pairFirstRow, partnerFirstRow, partnerRows, partnerTypes, partnerValueColumn, retiredPartnerTypes, type PartnerRow } from './layout.ts';
import { checkPairRow, checkPartnerRecord } from './records.ts';
import type { KitIssue } from './report.ts';
import { dateRange, dateRules, type DateRule } from './rules.ts';
import { cellIssue, matchChoice, normalizeChoice, type SheetView } from './sheet.ts';

/** A declared dispositif × SI pair, from one row of « Dispositifs ». */
export interface DeclaredPair {
  number: number;
  label: string;
}

/**
 * Reads a list cell. A value typed by hand that differs from the list only by case, accents, spaces or
 * apostrophes is read as that list value, silently (rules.ts, listStatement); any other is an error.
 */
export function readChoice(sheet: SheetView, row: number, column: number, choices: readonly string[], what: string, issues: KitIssue[], extra: Pick<KitIssue, 'fieldCode' | 'dispositif'> = {}): string | undefined {
  const text = sheet.text(row, column);
  if (!text) return undefined;
  const match = matchChoice(text, choices);
  if (match.kind === 'exact') return text;
  if (match.kind === 'loose') return match.value;
  const suggestion = match.suggestion ? ` Vouliez-vous dire « ${match.suggestion} » ?` : '';
  issues.push(cellIssue(sheet.name, row, column, 'erreur', 'valeurs.liste', `« ${text} » n’est pas une valeur admise pour ${what}.`, `Choisissez une valeur de la liste : ${choices.map((c) => `« ${c} »`).join(', ')}.${suggestion}`, { value: text, ...extra }));
  return undefined;
}

const DAY = 86_400_000;
const frenchDate = (date: Date) => `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;

/**
 * A date cell as Excel stores it (date, serial number) or as typed: JJ/MM/AAAA, JJ/MM/AA (read 20AA:
 * no échéance or diagnosis falls in the 1900s), with « / », « . » or « - », or AAAA-MM-JJ.
 */
export function readDate(cell: XLSX.CellObject | undefined, text: string): Date | 'invalid' | undefined {
  if (!text) return undefined;
  if (cell?.t === 'd' && cell.v instanceof Date) return new Date(Date.UTC(cell.v.getFullYear(), cell.v.getMonth(), cell.v.getDate()));
  // Serials of 2000–2099 only: a bare number such as 2027 is a year typed in a cell, not a date.
  if (cell?.t === 'n' && typeof cell.v === 'number' && cell.v >= 36_526 && cell.v < 73_051) return new Date(Date.UTC(1899, 11, 30) + Math.round(cell.v) * DAY);
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const century = (year: string) => (year.length === 2 ? 2000 + Number(year) : Number(year));
  const [year, month, day] = fr ? [century(fr[3] ?? ''), Number(fr[2]), Number(fr[1])] : iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [NaN, NaN, NaN];
  if (Number.isNaN(year)) return 'invalid';
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : 'invalid';
}

/** Checks a date cell is a real date within its rule's period; returns it when it is one. */
export function checkDate(sheet: SheetView, row: number, column: number, rule: DateRule, now: Date, issues: KitIssue[], extra: Pick<KitIssue, 'fieldCode' | 'dispositif'> = {}): Date | undefined {
  const text = sheet.text(row, column);
  const date = readDate(sheet.cell(row, column), text);
  if (date === undefined) return undefined;
  if (date === 'invalid') {
    issues.push(cellIssue(sheet.name, row, column, 'erreur', 'valeurs.date', `« ${text} » n’est pas une date réelle (${rule.label}).`, 'Saisissez une date existante au format JJ/MM/AAAA, par exemple 31/12/2027.', { value: text, ...extra }));
    return undefined;
  }
  const range = dateRange(rule, now);
  if (date < range.min || date > range.max) {
    const value = sheet.cell(row, column)?.t === 'd' ? frenchDate(date) : text;
    issues.push(cellIssue(sheet.name, row, column, 'avertissement', 'valeurs.date-improbable', `La date ${frenchDate(date)} sort de la période plausible pour ${rule.label} (du ${frenchDate(range.min)} au ${frenchDate(range.max)}).`, 'Vérifiez l’année saisie.', { value, ...extra }));
  }
  return date;
}

const countDigits = (n: number) => `${n} ${plural(n, 'zéro', 'zéros')}`;
const RETYPE = 'Mettez la cellule au format « Texte » (clic droit › Format de cellule › Texte), puis saisissez';

/**
 * A SIRET Excel stored as a number. The stored value tells the cases apart: 14 digits with a right key
 * are intact (a warning: the next edit may spoil them); zeros standing for digits mean Excel rounded it;
 * fewer than 14 digits that a leading zero makes valid mean that zero was dropped.
 */
function checkSiretNumber(sheet: SheetView, row: number, column: number, stored: number, issues: KitIssue[]): void {
  const shown = sheet.text(row, column);
  const at = (severity: KitIssue['severity'], rule: string, message: string, fix: string, value: string): void => void issues.push(cellIssue(sheet.name, row, column, severity, `valeurs.siret-${rule}`, message, fix, { value }));
  if (!Number.isInteger(stored) || stored < 0 || stored >= 1e14) {
    return at('erreur', 'format', `Le SIRET doit compter 14 chiffres ; la cellule contient le nombre ${shown}.`, 'Saisissez les 14 chiffres du SIRET de l’établissement, sans espace, dans une cellule au format Texte (avis de situation SIRENE).', shown);
  }
  const digits = String(stored);
  const display = shown === digits ? '' : ` (Excel l’affiche « ${shown} »)`;
  if (digits.length === 14) {
    if (isValidSiret(digits)) return at('avertissement', 'nombre', `Le SIRET est enregistré comme un nombre${display} : ses 14 chiffres sont intacts, mais Excel peut les arrondir à la prochaine modification.`, `${RETYPE} ${digits}.`, digits);
    const significant = digits.replace(/0+$/, '');
    if (digits.length - significant.length >= 3) {
      return at('erreur', 'arrondi', `Le SIRET a été arrondi par Excel : la cellule contient ${Number(digits).toLocaleString('fr-FR')}${display}, dont les ${countDigits(digits.length - significant.length)} finaux remplacent les vrais chiffres.`, `${RETYPE} les 14 chiffres du SIRET, recopiés de l’avis de situation SIRENE.`, digits);
    }
    return at('erreur', 'cle', `La clé de contrôle du SIRET « ${digits} » est fausse : un chiffre est erroné ou inversé.`, `${RETYPE} les 14 chiffres du SIRET, recopiés de l’avis de situation SIRENE.`, digits);
  }
  const padded = digits.padStart(14, '0');
  const lost = 14 - digits.length;
  if (isValidSiret(padded)) {
    return at('erreur', 'zeros-perdus', `Le SIRET a perdu ${plural(lost, 'son zéro', `ses ${lost} zéros`)} de tête : Excel l’a enregistré comme le nombre ${digits} (${digits.length} chiffres). Le SIRET est sans doute ${padded}.`, `${RETYPE} ${padded}.`, digits);
  }
  return at('erreur', 'format', `Le SIRET doit compter 14 chiffres ; la cellule contient le nombre ${digits} (${digits.length} chiffres), que des zéros de tête ne suffisent pas à compléter.`, `${RETYPE} les 14 chiffres du SIRET, recopiés de l’avis de situation SIRENE.`, digits);
}

/** The SIRET as typed, or as Excel may have mangled it: each case gets its own explanation. */
function checkSiret(sheet: SheetView, row: number, column: number, issues: KitIssue[]): void {
  const cell = sheet.cell(row, column);
  if (cell?.t === 'n' && typeof cell.v === 'number') return checkSiretNumber(sheet, row, column, cell.v, issues);
  const text = sheet.text(row, column);
  const at = (severity: KitIssue['severity'], rule: string, message: string, fix: string): void => void issues.push(cellIssue(sheet.name, row, column, severity, `valeurs.siret-${rule}`, message, fix, { value: text }));
  const compact = text.replace(/[\s.\u00a0\u202f]/g, '');
  if (/^\d+([.,]\d+)?e\+?\d+$/i.test(compact)) return at('erreur', 'notation-scientifique', `Le SIRET a été recopié en notation scientifique (« ${text} ») : des chiffres ont été perdus.`, `${RETYPE} les 14 chiffres du SIRET, recopiés de l’avis de situation SIRENE.`);
  if (!/^\d{14}$/.test(compact)) return at('erreur', 'format', `Le SIRET doit compter 14 chiffres ; « ${text} » en compte ${compact.replace(/\D/g, '').length}${/\D/.test(compact) ? ' et contient d’autres caractères' : ''}.`, 'Saisissez les 14 chiffres du SIRET de l’établissement, sans espace (avis de situation SIRENE).');
  if (!isValidSiret(compact)) return at('erreur', 'cle', `La clé de contrôle du SIRET « ${text} » est fausse : un chiffre est erroné ou inversé.`, 'Recopiez le SIRET depuis l’avis de situation au répertoire SIRENE.');
  if (compact !== text) at('avertissement', 'espaces', 'Le SIRET contient des espaces ou des points.', 'Saisissez les 14 chiffres sans séparateur.');
}

/** A partner type of an earlier template's list is read as today's equivalent, with a note. */
function checkPartnerType(sheet: SheetView, row: number, column: number, issues: KitIssue[]): void {
  const text = sheet.text(row, column);
  const retired = Object.keys(retiredPartnerTypes).find((type) => normalizeChoice(type) === normalizeChoice(text));
  if (!retired) {
    readChoice(sheet, row, column, partnerTypes, 'le type de partenaire', issues);
    return;
  }
  const current = retiredPartnerTypes[retired] ?? 'Autre financeur';
  issues.push(cellIssue(sheet.name, row, column, 'information', 'valeurs.type-retire', `« ${text} » ne figure plus dans la liste des types de partenaire : il est lu comme « ${current} ».`, `Rien à faire ; vous pouvez choisir « ${current} » dans la liste.`, { value: text }));
}

/** Presence and e-mail form come from the record's schema; SIRET, list and date need the cell itself. */
export function checkPartner(sheet: SheetView, rowsRead: number, now: Date, issues: KitIssue[]) {
  const record = checkPartnerRecord(sheet, rowsRead, issues);
  partnerRows.slice(0, rowsRead).forEach((row: PartnerRow, i) => {
    const r = partnerFirstRow + i;
    const c = partnerValueColumn;
    if (record[row.key] === undefined) return;
    if (row.kind === 'siret') checkSiret(sheet, r, c, issues);
    if (row.kind === 'liste') checkPartnerType(sheet, r, c, issues);
    if (row.kind === 'date') checkDate(sheet, r, c, dateRules.diagnostic, now, issues);
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
