import { matchChoice } from '../choices.ts';
import { finding, type Finding } from '../problems.ts';
import { referentialFamilies, referentialRule } from '../referentials/rules.ts';
import { betweenFields, dateChecks, numberChecks, textChecks } from './constraints/index.ts';
import type { BetweenFields } from './constraints/kind.ts';
import { compiledPattern } from './constraints/pattern.ts';
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
  const wrongType = integer
    ? finding('value.type', 'La valeur n’est pas un nombre entier.', 'Écrivez un nombre entier, sans espace ni unité (ex. 12).')
    : finding('value.type', 'La valeur n’est pas un nombre.', 'Écrivez un nombre, sans espace ni unité (ex. 12,5).');
  const constraints = numberChecks(field);
  return (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) return wrongType;
    return constraints?.(value);
  };
}

function dateCheck(field: ValueShape): (value: unknown) => Finding | undefined {
  const wrong = finding('value.date', 'La valeur n’est pas une date réelle au format AAAA-MM-JJ.', 'Écrivez la date sous la forme 2025-09-01.');
  const constraints = dateChecks(field);
  return (value) => {
    if (typeof value !== 'string' || !isIsoDate(value)) return wrong;
    return constraints?.(value);
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
  const wrongType = finding('value.type', 'La valeur n’est pas du texte.', 'Transmettez la valeur comme du texte (entre guillemets en JSON).');
  // A value of spaces only carries nothing: it is as good as missing, required or not.
  const blank = finding('value.blank', 'La valeur ne contient que des espaces.', 'Indiquez la valeur, ou laissez la cellule vide si le champ n’est pas renseigné.');
  const constraints = textChecks(field);
  const binding = bindingCheck(field, index);
  return (value) => {
    if (typeof value !== 'string') return wrongType;
    if (isBlank(value)) return blank;
    return constraints?.(value) ?? binding?.(value);
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
  const shape = compiledPattern(referential.pattern);
  const rule = referentialRule(referential);
  const wrongShape = finding('value.referential', `La valeur n’a pas le format d’un code ${referential.label} (${referential.format}).`, `Vérifiez le code auprès de ${referential.maintainer}.`);
  return (code) => {
    if (shape && !shape.test(code)) return rule?.explain?.(code) ?? wrongShape;
    return rule?.check(code);
  };
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
  /** Rules between two fields of the record (the constraints that cite another field). */
  readonly between: readonly { field: number; other: number; rule: BetweenFields }[];
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
  const between = entity.fields.flatMap((field, i) => betweenFields(field, label).flatMap((rule) => (at(rule.other) < 0 ? [] : [{ field: i, other: at(rule.other), rule }])));
  const key = (entity.key ?? []).map(at).filter((i) => i >= 0);
  const keyLabel = key.map((i) => entity.fields[i]?.code).join(' + ');
  return {
    entity,
    fields,
    positions,
    required: entity.fields.flatMap((field, i) => (field.obligation === 'obligatoire' ? [i] : [])),
    conditions,
    between,
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
  for (const { field, other, rule } of rules.between) {
    if (!failed[field] && !failed[other] && values[field] !== undefined && values[other] !== undefined && rule.fails(values[field], values[other])) report(field, rule.issue);
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
