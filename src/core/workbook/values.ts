import type { Problem } from '../problems.ts';
import type * as XLSX from '@e965/xlsx';
import { frenchDate } from '../dates.ts';
import { plural } from '../plural.ts';
import { isValidSiret } from '../referentials/checksums.ts';

import { cellIssue, matchChoice, type SheetView } from './sheet.ts';

/**
 * Reading the values a partner types in a workbook, the way Excel may have stored them: list values
 * typed by hand, dates as dates, serial numbers or text, a SIRET turned into a number. Each reader names
 * the cell and the fix; the rules' wording lives in the statements below, which templates and pages repeat.
 */

type Extra = Pick<Problem, 'field' | 'dispositif'>;

export const listStatement =
  'Listes de choix : une valeur saisie à la main est lue comme celle de la liste si elle n’en diffère que par les majuscules, les accents, les espaces ou les apostrophes, sans rien signaler ; toute autre valeur est une erreur.';

/**
 * Reads a list cell. A value typed by hand that differs from the list only by case, accents, spaces or
 * apostrophes is read as that list value, silently (listStatement); any other is an error.
 */
export function readChoice(sheet: SheetView, row: number, column: number, choices: readonly string[], what: string, issues: Problem[], extra: Extra = {}): string | undefined {
  const text = sheet.text(row, column);
  if (!text) return undefined;
  const match = matchChoice(text, choices);
  if (match.kind === 'exact') return text;
  if (match.kind === 'loose') return match.value;
  const suggestion = match.suggestion ? ` Vouliez-vous dire « ${match.suggestion} » ?` : '';
  issues.push(cellIssue(sheet.name, row, column, 'erreur', 'valeurs.liste', `« ${text} » n’est pas une valeur admise pour ${what}.`, `Choisissez une valeur de la liste : ${choices.map((c) => `« ${c} »`).join(', ')}.${suggestion}`, { value: text, ...extra }));
  return undefined;
}

/** A date answer: any real date is read; outside [from, check date + yearsAfterCheck] it is a warning. */
export interface DateRule {
  /** As the report names it: « une échéance prévisionnelle ». */
  label: string;
  from: string;
  yearsAfterCheck: number;
}

/** The period of a date rule, for a check made on `now`. */
export function dateRange(rule: DateRule, now: Date): { min: Date; max: Date } {
  return { min: new Date(`${rule.from}T00:00:00Z`), max: new Date(Date.UTC(now.getUTCFullYear() + rule.yearsAfterCheck, now.getUTCMonth(), now.getUTCDate())) };
}

const DAY = 86_400_000;

/**
 * A date cell as Excel stores it (date, serial number) or as typed: JJ/MM/AAAA, JJ/MM/AA (read 20AA:
 * no date a partner gives here falls in the 1900s), with « / », « . » or « - », or AAAA-MM-JJ.
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
export function checkDate(sheet: SheetView, row: number, column: number, rule: DateRule, now: Date, issues: Problem[], extra: Extra = {}): Date | undefined {
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

/**
 * A count: a whole number from 0, typed as a number or as text (« 1 200 », « 1200 »). Returns it when it
 * is one; anything else is an error at the cell.
 */
export function checkCount(sheet: SheetView, row: number, column: number, what: string, issues: Problem[], extra: Extra = {}): number | undefined {
  const cell = sheet.cell(row, column);
  const text = sheet.text(row, column);
  if (!text) return undefined;
  const value = cell?.t === 'n' && typeof cell.v === 'number' ? cell.v : /^\d{1,3}([\s\u00a0\u202f]?\d{3})*$/.test(text) ? Number(text.replace(/\D/g, '')) : Number.NaN;
  if (Number.isInteger(value) && value >= 0) return value;
  const why = Number.isFinite(value) ? (value < 0 ? 'est négatif' : 'n’est pas un nombre entier') : 'n’est pas un nombre';
  issues.push(cellIssue(sheet.name, row, column, 'erreur', 'valeurs.nombre', `« ${text} » ${why} (${what}).`, 'Saisissez un nombre entier positif ou nul, sans unité, par exemple 250.', { value: text, ...extra }));
  return undefined;
}

export const siretStatement =
  'SIRET : 14 chiffres, dans une cellule au format Texte. Enregistré par Excel comme un nombre, il est signalé : intact, par un avertissement ; arrondi ou privé de son zéro de tête, par une erreur.';

const countZeros = (n: number) => `${n} ${plural(n, 'zéro', 'zéros')}`;
const RETYPE = 'Mettez la cellule au format « Texte » (clic droit › Format de cellule › Texte), puis saisissez';

/**
 * A SIRET Excel stored as a number. The stored value tells the cases apart: 14 digits with a right key
 * are intact (a warning: the next edit may spoil them); zeros standing for digits mean Excel rounded it;
 * fewer than 14 digits that a leading zero makes valid mean that zero was dropped.
 */
function checkSiretNumber(sheet: SheetView, row: number, column: number, stored: number, issues: Problem[]): string | undefined {
  const shown = sheet.text(row, column);
  const at = (severity: Problem['severity'], rule: string, message: string, fix: string, value: string): undefined => {
    issues.push(cellIssue(sheet.name, row, column, severity, `valeurs.siret-${rule}`, message, fix, { value }));
    return undefined;
  };
  if (!Number.isInteger(stored) || stored < 0 || stored >= 1e14) {
    return at('erreur', 'format', `Le SIRET doit compter 14 chiffres ; la cellule contient le nombre ${shown}.`, 'Saisissez les 14 chiffres du SIRET de l’établissement, sans espace, dans une cellule au format Texte (avis de situation SIRENE).', shown);
  }
  const digits = String(stored);
  const display = shown === digits ? '' : ` (Excel l’affiche « ${shown} »)`;
  if (digits.length === 14) {
    if (isValidSiret(digits)) {
      at('avertissement', 'nombre', `Le SIRET est enregistré comme un nombre${display} : ses 14 chiffres sont intacts, mais Excel peut les arrondir à la prochaine modification.`, `${RETYPE} ${digits}.`, digits);
      return digits;
    }
    const significant = digits.replace(/0+$/, '');
    if (digits.length - significant.length >= 3) {
      return at('erreur', 'arrondi', `Le SIRET a été arrondi par Excel : la cellule contient ${Number(digits).toLocaleString('fr-FR')}${display}, dont les ${countZeros(digits.length - significant.length)} finaux remplacent les vrais chiffres.`, `${RETYPE} les 14 chiffres du SIRET, recopiés de l’avis de situation SIRENE.`, digits);
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

/** The SIRET as typed, or as Excel may have mangled it: each case gets its own explanation. Returns its 14 digits when valid. */
export function checkSiret(sheet: SheetView, row: number, column: number, issues: Problem[]): string | undefined {
  const cell = sheet.cell(row, column);
  if (cell?.t === 'n' && typeof cell.v === 'number') return checkSiretNumber(sheet, row, column, cell.v, issues);
  const text = sheet.text(row, column);
  const at = (severity: Problem['severity'], rule: string, message: string, fix: string): undefined => {
    issues.push(cellIssue(sheet.name, row, column, severity, `valeurs.siret-${rule}`, message, fix, { value: text }));
    return undefined;
  };
  const compact = text.replace(/[\s.\u00a0\u202f]/g, '');
  if (/^\d+([.,]\d+)?e\+?\d+$/i.test(compact)) return at('erreur', 'notation-scientifique', `Le SIRET a été recopié en notation scientifique (« ${text} ») : des chiffres ont été perdus.`, `${RETYPE} les 14 chiffres du SIRET, recopiés de l’avis de situation SIRENE.`);
  if (!/^\d{14}$/.test(compact)) return at('erreur', 'format', `Le SIRET doit compter 14 chiffres ; « ${text} » en compte ${compact.replace(/\D/g, '').length}${/\D/.test(compact) ? ' et contient d’autres caractères' : ''}.`, 'Saisissez les 14 chiffres du SIRET de l’établissement, sans espace (avis de situation SIRENE).');
  if (!isValidSiret(compact)) return at('erreur', 'cle', `La clé de contrôle du SIRET « ${text} » est fausse : un chiffre est erroné ou inversé.`, 'Recopiez le SIRET depuis l’avis de situation au répertoire SIRENE.');
  if (compact !== text) at('avertissement', 'espaces', 'Le SIRET contient des espaces ou des points.', 'Saisissez les 14 chiffres sans séparateur.');
  return compact;
}
