import type * as XLSX from '@e965/xlsx';
import { compileCheck, compileChoices, compileReferential } from '../dictionary/check-value.ts';
import { indexDictionary, type Dictionary } from '../dictionary/model.ts';
import { newestFirst } from '../dictionary/semver.ts';
import { frenchDate, isoDate } from '../dates.ts';
import type { Finding, Problem } from '../problems.ts';
import { cellIssue, type SheetView } from './sheet.ts';

/**
 * Reading the values a partner types in a workbook, the way Excel may have stored them (list values
 * typed by hand, dates as dates, serial numbers or text, a SIRET turned into a number), then checking
 * them with the value engine (src/core/dictionary/check-value.ts) that checks the data extracts and the
 * dictionary's examples: the same value gets the same rule, message and fix everywhere. What is the
 * workbook's own — how the cell stores the value, where it stands, whether it is plausible for the
 * question asked — stays here.
 */

type Extra = Pick<Problem, 'field' | 'dispositif'>;

/** The value engine's checks a workbook's cells go through, compiled once per validation. */
export interface WorkbookValues {
  /** The dictionary's SIRET referential; undefined when no dictionary declares one. */
  siret?: (code: string) => Finding | undefined;
  /** The dictionary's contact e-mail of an organisme (ORG_COURRIEL); undefined when absent. */
  email?: (text: string) => Finding | undefined;
  date: (value: unknown) => Finding | undefined;
  count: (value: unknown) => Finding | undefined;
}

/** The SIRET referential and the contact e-mail field, from the newest dictionary that declares them. */
export function workbookValues(dictionaries: readonly Dictionary[]): WorkbookValues {
  const indexes = [...dictionaries].sort((a, b) => newestFirst(a.manifest.version, b.manifest.version)).map((dictionary) => indexDictionary(dictionary));
  const referential = indexes.map((index) => index.referentials.get('siret')).find((found) => found !== undefined);
  const emailIndex = indexes.find((index) => index.fields.has('ORG_COURRIEL'));
  const emailField = emailIndex?.fields.get('ORG_COURRIEL');
  const email = emailField && compileCheck(emailField, emailIndex);
  return {
    ...(referential ? { siret: compileReferential(referential) } : {}),
    ...(email ? { email: (text: string) => email(text) } : {}),
    date: compileCheck({ type: 'date', example: '2025-09-01' }),
    count: compileCheck({ type: 'entier', constraints: { min: 0 }, example: 250 }),
  };
}

/** A finding of the value engine at a cell, with the stored value, and what the cell shows when it differs. */
export function valueProblem(sheet: SheetView, row: number, column: number, finding: Finding, extra: Extra & { fix?: string } = {}): Problem {
  const stored = sheet.text(row, column);
  const shown = sheet.shown(row, column);
  const message = shown === undefined ? finding.message : `${finding.message} La cellule affiche ${shown}, elle contient ${stored}.`;
  const { fix = finding.fix, ...at } = extra;
  return cellIssue(sheet.name, row, column, finding.severity, finding.rule, message, fix, { value: stored, ...at });
}

export const listStatement =
  'Listes de choix : une valeur saisie à la main est lue comme celle de la liste si elle n’en diffère que par les majuscules, les accents, les espaces ou les apostrophes, sans rien signaler ; toute autre valeur est une erreur.';

/**
 * Reads a list cell. A value typed by hand that differs from the list only by case, accents, spaces or
 * apostrophes is read as that list value, silently (listStatement); any other is an error.
 */
export function readChoice(sheet: SheetView, row: number, column: number, choices: readonly string[], what: string, issues: Problem[], extra: Extra = {}): string | undefined {
  const text = sheet.text(row, column);
  if (!text) return undefined;
  const reading = compileChoices(what, choices)(text);
  if ('value' in reading) return reading.value;
  const suggestion = reading.suggestion ? ` Vouliez-vous dire « ${reading.suggestion} » ?` : '';
  issues.push(valueProblem(sheet, row, column, reading.finding, { ...extra, fix: `${reading.finding.fix}${suggestion}` }));
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
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A date cell as the value the engine checks, AAAA-MM-JJ: as Excel stores it (date, serial number) or as
 * typed, JJ/MM/AAAA, JJ/MM/AA (read 20AA: no date a partner gives here falls in the 1900s), with « / »,
 * « . » or « - », or AAAA-MM-JJ. A date form that names no real day keeps its parts (« 2020-02-31 »),
 * anything else its text: the engine says why it is not a date.
 */
export function readDate(cell: XLSX.CellObject | undefined, text: string): string | undefined {
  if (!text) return undefined;
  if (cell?.t === 'd' && cell.v instanceof Date) return isoDate(new Date(Date.UTC(cell.v.getFullYear(), cell.v.getMonth(), cell.v.getDate())));
  // Serials of 2000–2099 only: a bare number such as 2027 is a year typed in a cell, not a date.
  if (cell?.t === 'n' && typeof cell.v === 'number' && cell.v >= 36_526 && cell.v < 73_051) return isoDate(new Date(Date.UTC(1899, 11, 30) + Math.round(cell.v) * DAY));
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(text);
  if (fr) return `${(fr[3] ?? '').length === 2 ? 2000 + Number(fr[3]) : pad(Number(fr[3]), 4)}-${pad(Number(fr[2]))}-${pad(Number(fr[1]))}`;
  return text;
}

/** Checks a date cell is a real date (the engine) within its rule's period (the workbook's question); returns it when it is one. */
export function checkDate(sheet: SheetView, row: number, column: number, rule: DateRule, now: Date, values: WorkbookValues, issues: Problem[], extra: Extra = {}): Date | undefined {
  const iso = readDate(sheet.cell(row, column), sheet.text(row, column));
  if (iso === undefined) return undefined;
  const finding = values.date(iso);
  if (finding) {
    issues.push(valueProblem(sheet, row, column, finding, extra));
    return undefined;
  }
  const date = new Date(`${iso}T00:00:00Z`);
  const range = dateRange(rule, now);
  if (date < range.min || date > range.max) {
    issues.push(cellIssue(sheet.name, row, column, 'avertissement', 'valeurs.date-improbable', `La date ${frenchDate(date)} sort de la période plausible pour ${rule.label} (du ${frenchDate(range.min)} au ${frenchDate(range.max)}).`, 'Vérifiez l’année saisie.', { value: frenchDate(date), ...extra }));
  }
  return date;
}

/**
 * A count: a whole number from 0, stored as a number or typed as text (« 1 200 », « 1200 »). Returns it
 * when it is one; anything else is the engine's finding at the cell.
 */
export function checkCount(sheet: SheetView, row: number, column: number, values: WorkbookValues, issues: Problem[], extra: Extra = {}): number | undefined {
  const cell = sheet.cell(row, column);
  const text = sheet.text(row, column);
  if (!text) return undefined;
  const value = cell?.t === 'n' && typeof cell.v === 'number' ? cell.v : /^\d{1,3}([\s\u00a0\u202f]?\d{3})*$/.test(text) ? Number(text.replace(/\D/g, '')) : text;
  const finding = values.count(value);
  if (!finding) return value as number;
  issues.push(valueProblem(sheet, row, column, finding, extra));
  return undefined;
}

export const siretStatement =
  'SIRET : 14 chiffres, dans une cellule au format Texte, vérifiés comme dans les extraits de données (clé du SIREN, clé du SIRET, séparateurs, zéro de tête perdu, notation scientifique). Enregistré par Excel comme un nombre, il est signalé : intact, par un avertissement ; arrondi ou privé de son zéro de tête, par une erreur.';

const SEPARATORS = /[\s.\u00a0\u202f-]/g;

/**
 * The SIRET of « Partenaire »: the engine's checks on the value the cell stores (a number's digits), then
 * what is the cell's own: a right SIRET stored as a number, which the next edit may round. Returns its
 * 14 digits when they can be compared with another document's (separators left out).
 */
export function checkSiret(sheet: SheetView, row: number, column: number, values: WorkbookValues, issues: Problem[]): string | undefined {
  const code = sheet.text(row, column);
  const finding = values.siret?.(code);
  if (finding) issues.push(valueProblem(sheet, row, column, finding));
  else if (sheet.cell(row, column)?.t === 'n') {
    const shown = sheet.shown(row, column);
    issues.push(
      cellIssue(
        sheet.name,
        row,
        column,
        'avertissement',
        'valeurs.siret-nombre',
        `Le SIRET est enregistré comme un nombre${shown === undefined ? '' : ` (la cellule affiche ${shown})`} : ses 14 chiffres sont intacts, mais Excel peut les arrondir à la prochaine modification.`,
        `Mettez la cellule au format « Texte » (clic droit › Format de cellule › Texte), puis saisissez ${code}.`,
        { value: code },
      ),
    );
  }
  const compact = code.replace(SEPARATORS, '');
  return /^\d{14}$/.test(compact) ? compact : undefined;
}
