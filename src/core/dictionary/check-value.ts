import { formatCell } from '../artefacts/formats/cell-text.ts';
import { matchChoice } from '../choices.ts';
import { frenchDate } from '../dates.ts';
import { countOf } from '../plural.ts';
import { finding, type Finding } from '../problems.ts';
import { referentialFamilies, referentialRule } from '../referentials/rules.ts';
import type { DictionaryContent, DictionaryIndex, Entity, Field } from './model.ts';
import type { Referential } from './schemas/referential.ts';

/**
 * The one rule set: every check of a value against the dictionary. Rules are compiled once per field
 * (and per entity for the rules between fields) into closures that the extract validator runs on
 * every cell; the dictionary lint (examples), the kit and the tests call the same closures through
 * `checkValue` / `checkRecord`, so a value accepted in one place is accepted in all.
 *
 * Findings are constants built at compile time: they never quote the value (it may be personal, and
 * reports show it apart, masked), and checking a million cells allocates nothing per cell.
 */

/** A field's checks, compiled. `check` takes a present value as it travels in a JSON record. */
export interface FieldRule {
  readonly field: Field;
  check(value: unknown): Finding | undefined;
}


/** What a value's checks are compiled from: a dictionary field, or a workbook cell declared the same way. */
export type ValueShape = Pick<Field, 'type' | 'constraints' | 'binding' | 'example'>;

/**
 * Every value's checks, compiled once: an Excel error value first (never data, whatever the type), then
 * the type, constraints, nomenclature or referential. `index` resolves bindings; without it, none is checked.
 */
export function compileCheck(shape: ValueShape, index?: DictionaryIndex<DictionaryContent>): (value: unknown) => Finding | undefined {
  const check = (() => {
    switch (shape.type) {
      case 'booleen': {
        const wrong = finding('value.type', 'La valeur n’est pas un booléen (vrai ou faux).', 'Indiquez oui ou non (true ou false).');
        return (value: unknown) => (typeof value === 'boolean' ? undefined : wrong);
      }
      case 'entier':
      case 'decimal':
        return numberCheck(shape);
      case 'date':
        return dateCheck(shape);
      case 'texte':
      case 'code':
        return textCheck(shape, index);
    }
  })();
  return (value) => (typeof value === 'string' && value.charCodeAt(0) === 35 ? (excelError(value) ?? check(value)) : check(value));
}

export function compileField(field: Field, index: DictionaryIndex<DictionaryContent>): FieldRule {
  return { field, check: compileCheck(field, index) };
}

/** Rule families of the value engine (its own, and each referential's): workbooks do not prefix them with their name. */
const engineFamilies = new Set(['value', 'record', ...referentialFamilies]);

/** Whether a rule id is the value engine's, the same on every page (« siret.key »), or a validator's own. */
export function isEngineRule(rule: string): boolean {
  return engineFamilies.has(rule.slice(0, rule.indexOf('.')));
}

/** A closed list as a person types it: the list's own value, or a finding and the closest entry. */
export type ChoiceReading = { value: string } | { finding: Finding; suggestion?: string };

/**
 * A closed list of a workbook (a dropdown of the template): a value typed by hand that differs from an
 * entry only by case, accents, spaces or apostrophes is read as that entry, silently; any other is a
 * finding, with the closest entry when one is close.
 */
export function compileChoices(what: string, choices: readonly string[]): (text: string) => ChoiceReading {
  const wrong = finding('value.list', `La valeur n’est pas une valeur admise pour ${what}.`, `Choisissez une valeur de la liste : ${choices.map((c) => `« ${c} »`).join(', ')}.`);
  return (text) => {
    const match = matchChoice(text, choices);
    if (match.kind === 'exact') return { value: text };
    if (match.kind === 'loose') return { value: match.value };
    return match.suggestion ? { finding: wrong, suggestion: match.suggestion } : { finding: wrong };
  };
}

/**
 * The error values a spreadsheet shows when a formula fails (Excel, LibreOffice): the result of no
 * computation, never data, whatever the cell was meant to hold.
 */
export const excelErrorValues = ['#N/A', '#REF!', '#NAME?', '#DIV/0!', '#VALUE!', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA'] as const;

const excelErrorFindings = new Map<string, Finding>(
  excelErrorValues.map((code) => [
    code,
    finding('value.excel-error', `La cellule contient « ${code} », une valeur d’erreur d’Excel : la formule qui devait la calculer a échoué, ce n’est pas une donnée.`, 'Corrigez la formule, puis remplacez-la par sa valeur (Copier, puis Collage spécial › Valeurs uniquement) avant d’envoyer le fichier.'),
  ]),
);

/** The finding for a cell holding an Excel error value, in any case; undefined for any other text. */
export function excelError(text: string): Finding | undefined {
  return excelErrorFindings.get(text.trim().toUpperCase());
}

/** Compatibility shape for callers that list issues: at most one per value (the first rule that fails). */
export function checkValue(field: Field, value: unknown, index: DictionaryIndex<DictionaryContent>): Finding[] {
  const issue = compileField(field, index).check(value);
  return issue ? [issue] : [];
}

function numberCheck(field: ValueShape): (value: unknown) => Finding | undefined {
  const integer = field.type === 'entier';
  const { min, max, decimals } = field.constraints ?? {};
  const wrongType = integer
    ? finding('value.type', 'La valeur n’est pas un nombre entier.', 'Écrivez un nombre entier, sans espace ni unité (ex. 12).')
    : finding('value.type', 'La valeur n’est pas un nombre.', 'Écrivez un nombre, sans espace ni unité (ex. 12,5).');
  const tooLow = typeof min === 'number' ? finding('value.range', `La valeur est inférieure au minimum admis (${min}).`, `Indiquez une valeur supérieure ou égale à ${min}.`) : undefined;
  const tooHigh = typeof max === 'number' ? finding('value.range', `La valeur dépasse le maximum admis (${max}).`, `Indiquez une valeur inférieure ou égale à ${max}.`) : undefined;
  const tooPrecise =
    decimals === undefined || integer
      ? undefined
      : finding('value.decimals', decimals === 0 ? 'La valeur a des décimales ; aucune n’est admise.' : `La valeur a plus de ${countOf(decimals, 'décimale', 'décimales')}.`, decimals === 0 ? 'Arrondissez à l’unité.' : `Arrondissez à ${countOf(decimals, 'décimale', 'décimales')}.`);
  return (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) return wrongType;
    if (tooLow && value < (min as number)) return tooLow;
    if (tooHigh && value > (max as number)) return tooHigh;
    if (tooPrecise && exceedsDecimals(value, decimals as number)) return tooPrecise;
    return undefined;
  };
}

/**
 * Digits after the decimal point of a number as a person wrote it. Numbers travel as doubles: a value
 * typed 0,3 may be stored 0.30000000000000004 (Excel writes 17 significant digits), and 1e-7 has seven
 * decimals although `String(1e-7)` shows none. Counted on the value rounded to 15 significant digits,
 * the precision Excel keeps, exponent included.
 */
export function decimalPlaces(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const [mantissa = '', exponent = '0'] = value.toPrecision(15).split('e');
  const fraction = (mantissa.split('.')[1] ?? '').replace(/0+$/, '');
  return Math.max(0, fraction.length - Number(exponent));
}

/**
 * `decimalPlaces(value) > decimals`, without building its text for the values that are clearly within or
 * clearly beyond: scaled by 10^decimals, a value within the limit is an integer up to the last bits of a
 * double (below the 15th significant digit), one beyond it is off by far more.
 */
export function exceedsDecimals(value: number, decimals: number): boolean {
  if (Number.isInteger(value)) return false;
  const scaled = value * 10 ** decimals;
  const off = Math.abs(scaled - Math.round(scaled));
  const size = Math.abs(scaled);
  if (off <= size * 5e-16) return false;
  if (off >= size * 1e-9) return true;
  return decimalPlaces(value) > decimals;
}

function dateCheck(field: ValueShape): (value: unknown) => Finding | undefined {
  const { min, max } = field.constraints ?? {};
  const wrong = finding('value.date', 'La valeur n’est pas une date réelle au format AAAA-MM-JJ.', 'Écrivez la date sous la forme 2025-09-01.');
  const tooEarly = typeof min === 'string' ? finding('value.range', `La date est antérieure au ${frenchDate(min)}, première date admise.`, 'Vérifiez l’année saisie.') : undefined;
  const tooLate = typeof max === 'string' ? finding('value.range', `La date est postérieure au ${frenchDate(max)}, dernière date admise.`, 'Vérifiez l’année saisie.') : undefined;
  return (value) => {
    if (typeof value !== 'string' || !isIsoDate(value)) return wrong;
    // AAAA-MM-JJ dates compare as text.
    if (tooEarly && value < (min as string)) return tooEarly;
    if (tooLate && value > (max as string)) return tooLate;
    return undefined;
  };
}

/** A real calendar date written AAAA-MM-JJ (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function digits(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i += 1) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function textCheck(field: ValueShape, index: DictionaryIndex<DictionaryContent> | undefined): (value: unknown) => Finding | undefined {
  const { minLength, maxLength, pattern } = field.constraints ?? {};
  const wrongType = finding('value.type', 'La valeur n’est pas du texte.', 'Transmettez la valeur comme du texte (entre guillemets en JSON).');
  // A value of spaces only carries nothing: it is as good as missing, required or not.
  const blank = finding('value.blank', 'La valeur ne contient que des espaces.', 'Indiquez la valeur, ou laissez la cellule vide si le champ n’est pas renseigné.');
  const tooShort = minLength !== undefined && minLength > 1 ? finding('value.length', `La valeur compte moins de ${countOf(minLength, 'caractère', 'caractères')}.`, 'Complétez la valeur.') : undefined;
  const tooLong = maxLength !== undefined ? finding('value.length', `La valeur dépasse ${countOf(maxLength, 'caractère', 'caractères')}.`, `Raccourcissez-la à ${countOf(maxLength, 'caractère', 'caractères')} au plus.`) : undefined;
  const own = pattern === undefined ? undefined : compiled(pattern);
  // The pattern is for machines: the partner is shown the field's example, written as a cell holds it.
  const example = field.example === undefined ? undefined : formatCell(field.example);
  const wrongPattern = finding('value.pattern', 'La valeur n’a pas le format attendu.', example ? `Écrivez-la sur le modèle de l’exemple du dictionnaire : « ${example} ».` : 'Vérifiez chaque caractère de la valeur.');
  const binding = bindingCheck(field, index);
  return (value) => {
    if (typeof value !== 'string') return wrongType;
    if (isBlank(value)) return blank;
    // Code points, not UTF-16 units: « 𝔸 » is one character. Only counted when it can matter.
    if (tooShort || tooLong) {
      const length = value.length > (maxLength ?? 0) || value.length < (minLength ?? 0) ? [...value].length : value.length;
      if (tooShort && length < (minLength as number)) return tooShort;
      if (tooLong && length > (maxLength as number)) return tooLong;
    }
    if (own && !own.test(value)) return wrongPattern;
    return binding?.(value);
  };
}

/** Only white space (or nothing): checked on every text cell, so `trim` runs only when the first character is a space. */
export function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  return (first <= 32 || first === 0xa0 || first === 0x1680 || (first >= 0x2000 && first <= 0x200a) || first === 0x2028 || first === 0x2029 || first === 0x202f || first === 0x205f || first === 0x3000 || first === 0xfeff) && text.trim() === '';
}

function bindingCheck(field: ValueShape, index: DictionaryIndex<DictionaryContent> | undefined): ((value: string) => Finding | undefined) | undefined {
  const binding = field.binding;
  if (!binding || !index) return undefined;
  if ('nomenclature' in binding) {
    const nomenclature = index.nomenclatures.get(binding.nomenclature);
    if (!nomenclature) return undefined;
    const codes = new Set(nomenclature.values.map((value) => value.code));
    const unknown = finding('value.nomenclature', `La valeur n’est pas un code de la nomenclature « ${nomenclature.label} ».`, 'Choisissez un code de la liste publiée avec le dictionnaire.');
    return (value) => (codes.has(value) ? undefined : unknown);
  }
  const referential = index.referentials.get(binding.referential);
  return referential && compileReferential(referential);
}

/** A referential's pattern, then its key and parts; a code that misses the pattern gets its likely reason. */
export function compileReferential(referential: Referential): (code: string) => Finding | undefined {
  const shape = compiled(referential.pattern);
  const rule = referentialRule(referential);
  const wrongShape = finding('value.referential', `La valeur n’a pas le format d’un code ${referential.label} (${referential.format}).`, `Vérifiez le code auprès de ${referential.maintainer}.`);
  return (code) => {
    if (shape && !shape.test(code)) return rule?.explain?.(code) ?? wrongShape;
    return rule?.check(code);
  };
}

const patterns = new Map<string, RegExp | undefined>();

/** Patterns are compiled once: validators check them on every cell. An invalid one is left to the lint. */
function compiled(pattern: string): RegExp | undefined {
  if (!patterns.has(pattern)) {
    try {
      patterns.set(pattern, new RegExp(pattern, 'u'));
    } catch {
      patterns.set(pattern, undefined);
    }
  }
  return patterns.get(pattern);
}

/* ---------------------------------------------------------------------------------------------
 * Rules between the fields of one record, and between records (duplicate keys).
 * ------------------------------------------------------------------------------------------- */

/** An entity's rules, compiled: field rules in the entity's order, and the rules that join them. */
export interface EntityRules {
  readonly entity: Entity;
  readonly fields: readonly FieldRule[];
  /** Position of each field code in `fields`. */
  readonly positions: ReadonlyMap<string, number>;
  readonly required: readonly number[];
  readonly conditions: readonly { field: number; when: number; codes: ReadonlySet<string>; issue: Finding }[];
  readonly order: readonly { field: number; earliest: number; issue: Finding }[];
  /** Positions of the key fields; empty when the entity declares no key. */
  readonly key: readonly number[];
  readonly missing: readonly Finding[];
  readonly duplicate: Finding;
}

export function compileEntity(entity: Entity, index: DictionaryIndex<DictionaryContent>): EntityRules {
  const fields = entity.fields.map((field) => compileField(field, index));
  const positions = new Map(entity.fields.map((field, i) => [field.code, i]));
  const at = (code: string) => positions.get(code) ?? -1;
  const label = (code: string) => {
    const field = entity.fields[at(code)];
    return field ? `${field.label} (${field.code})` : code;
  };
  const conditions = entity.fields.flatMap((field, i) => {
    const when = field.requiredWhen;
    if (!when || at(when.field) < 0) return [];
    const list = when.in.map((code) => `« ${code} »`).join(when.in.length > 2 ? ', ' : ' ou ');
    const issue = finding('record.required-when', `Valeur manquante : le champ est obligatoire quand ${label(when.field)} vaut ${list}.`, `Renseignez ${field.label} ou vérifiez ${label(when.field)}.`);
    return [{ field: i, when: at(when.field), codes: new Set(when.in), issue }];
  });
  const order = entity.fields.flatMap((field, i) => {
    const earliest = field.constraints?.notBefore;
    if (field.type !== 'date' || !earliest || at(earliest) < 0) return [];
    const issue = finding('record.not-before', `La date précède celle du champ ${label(earliest)} sur la même ligne.`, `Vérifiez les deux dates : ${field.label} ne peut pas être antérieure à ${label(earliest)}.`);
    return [{ field: i, earliest: at(earliest), issue }];
  });
  const key = (entity.key ?? []).map(at).filter((i) => i >= 0);
  const keyLabel = key.map((i) => entity.fields[i]?.code).join(' + ');
  return {
    entity,
    fields,
    positions,
    required: entity.fields.flatMap((field, i) => (field.obligation === 'obligatoire' ? [i] : [])),
    conditions,
    order,
    key,
    missing: entity.fields.map((field) => finding('record.required', 'Valeur manquante : ce champ est obligatoire.', `Renseignez ${field.label}.`)),
    duplicate: finding('record.duplicate-key', `Cet enregistrement a la même clé (${keyLabel}) qu’une ligne précédente.`, 'Chaque enregistrement doit être transmis une seule fois : supprimez le doublon ou corrigez la clé.'),
  };
}

/**
 * Checks one record given as values in `rules.fields` order (`undefined`: absent). `present` says
 * which fields the source carries at all: an absent column is reported once by the caller, not on
 * every row. `report` receives the field position and the issue, in field order, then the rules
 * between fields (which only compare values that passed their own checks).
 */
export function checkRecordValues(
  rules: EntityRules,
  values: readonly unknown[],
  report: (field: number, issue: Finding) => void,
  present?: readonly boolean[],
  failed: boolean[] = [],
): void {
  const fields = rules.fields;
  for (let i = 0; i < fields.length; i += 1) {
    const value = values[i];
    const issue = value === undefined ? undefined : (fields[i] as FieldRule).check(value);
    failed[i] = issue !== undefined;
    if (issue) report(i, issue);
  }
  for (const i of rules.required) {
    if (values[i] === undefined && (present?.[i] ?? true)) report(i, rules.missing[i] as Finding);
  }
  for (const condition of rules.conditions) {
    const when = values[condition.when];
    if (values[condition.field] === undefined && (present?.[condition.field] ?? true) && typeof when === 'string' && !failed[condition.when] && condition.codes.has(when)) report(condition.field, condition.issue);
  }
  for (const rule of rules.order) {
    const date = values[rule.field];
    const earliest = values[rule.earliest];
    if (typeof date === 'string' && typeof earliest === 'string' && !failed[rule.field] && !failed[rule.earliest] && date < earliest) report(rule.field, rule.issue);
  }
}

/** The key of a record as one string, or undefined when a part is missing (no duplicate to look for). */
export function recordKey(rules: EntityRules, values: readonly unknown[]): string | undefined {
  if (rules.key.length === 0) return undefined;
  let key = '';
  for (const i of rules.key) {
    const value = values[i];
    if (value === undefined) return undefined;
    key += `${String(value)}\u001f`;
  }
  return key;
}

/** Issues of JSON records of one entity, keyed by record index and field code (for tests and generators). */
export function checkRecords(rules: EntityRules, records: readonly Record<string, unknown>[]): { record: number; field: string; issue: Finding }[] {
  const found: { record: number; field: string; issue: Finding }[] = [];
  const seen = new Set<string>();
  records.forEach((record, n) => {
    const values = rules.fields.map((rule) => record[rule.field.code] ?? undefined);
    checkRecordValues(rules, values, (i, issue) => found.push({ record: n, field: rules.fields[i]?.field.code ?? '', issue }));
    const key = recordKey(rules, values);
    if (key === undefined) return;
    if (seen.has(key)) found.push({ record: n, field: rules.fields[rules.key[0] ?? 0]?.field.code ?? '', issue: rules.duplicate });
    seen.add(key);
  });
  return found;
}
