import { checksums } from '../referentials/checksums.ts';
import type { DictionaryContent, DictionaryIndex, Field } from './model.ts';
import { dataTypeLabels } from './schemas/field.ts';

/** Why a value does not satisfy its field, in French; the caller adds the place. */
export interface ValueIssue {
  rule: string;
  message: string;
  fix: string;
}

const issue = (rule: string, message: string, fix: string): ValueIssue[] => [{ rule, message, fix }];

/**
 * Checks one value, as it would travel in a JSON record, against its field: type, constraints,
 * nomenclature membership, referential format and key. Used by the dictionary lint (examples) and
 * by the file validators, so a rule is written once.
 */
export function checkValue(field: Field, value: unknown, index: DictionaryIndex<DictionaryContent>): ValueIssue[] {
  const typeLabel = dataTypeLabels[field.type];
  switch (field.type) {
    case 'booleen':
      return typeof value === 'boolean' ? [] : issue('value.type', `La valeur doit être un booléen (true ou false).`, 'Indiquez true ou false.');
    case 'entier':
    case 'decimal': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return issue('value.type', `La valeur doit être un nombre (${typeLabel}).`, 'Indiquez un nombre sans unité ni espace.');
      }
      if (field.type === 'entier' && !Number.isInteger(value)) {
        return issue('value.type', 'La valeur doit être un nombre entier.', 'Retirez la partie décimale.');
      }
      return checkBounds(field, value) ?? checkDecimals(field, value);
    }
    case 'date': {
      if (typeof value !== 'string' || !isIsoDate(value)) {
        return issue('value.date', 'La valeur doit être une date réelle au format AAAA-MM-JJ.', 'Écrivez la date sous la forme 2025-09-01.');
      }
      return checkBounds(field, value) ?? [];
    }
    case 'texte':
    case 'code': {
      if (typeof value !== 'string') {
        return issue('value.type', `La valeur doit être du texte (${typeLabel}).`, 'Transmettez la valeur entre guillemets, comme du texte.');
      }
      return checkText(field, value) ?? checkBinding(field, value, index);
    }
  }
}

function checkText(field: Field, value: string): ValueIssue[] | undefined {
  const { minLength, maxLength, pattern } = field.constraints ?? {};
  const length = [...value].length;
  if (minLength !== undefined && length < minLength) {
    return issue('value.length', `La valeur compte ${length} caractère(s), il en faut au moins ${minLength}.`, 'Complétez la valeur.');
  }
  if (maxLength !== undefined && length > maxLength) {
    return issue('value.length', `La valeur compte ${length} caractères, ${maxLength} au plus sont admis.`, 'Raccourcissez la valeur.');
  }
  if (pattern !== undefined && !compiled(pattern)?.test(value)) {
    return issue('value.pattern', 'La valeur n’a pas le format attendu.', `Respectez le format « ${pattern} ».`);
  }
  return undefined;
}

function checkBinding(field: Field, value: string, index: DictionaryIndex<DictionaryContent>): ValueIssue[] {
  if (!field.binding) return [];
  if ('nomenclature' in field.binding) {
    const nomenclature = index.nomenclatures.get(field.binding.nomenclature);
    if (!nomenclature || nomenclature.values.some((v) => v.code === value)) return [];
    return issue('value.nomenclature', `« ${value} » n’est pas un code de la nomenclature « ${nomenclature.label} ».`, 'Choisissez un code de la liste publiée avec le dictionnaire.');
  }
  const referential = index.referentials.get(field.binding.referential);
  if (!referential) return [];
  if (!compiled(referential.pattern)?.test(value)) {
    return issue('value.referential', `« ${value} » n’a pas le format d’un code ${referential.label} (${referential.format}).`, `Vérifiez le code auprès de ${referential.maintainer}.`);
  }
  if (referential.checksum && !checksums[referential.checksum](value)) {
    return issue('value.checksum', `La clé de contrôle du code ${referential.label} « ${value} » est fausse.`, 'Une faute de frappe est probable : recopiez le code depuis sa source.');
  }
  return [];
}

function checkBounds(field: Field, value: number | string): ValueIssue[] | undefined {
  const { min, max } = field.constraints ?? {};
  if (min !== undefined && value < min) {
    return issue('value.range', `La valeur ${value} est inférieure au minimum ${min}.`, `Indiquez une valeur supérieure ou égale à ${min}.`);
  }
  if (max !== undefined && value > max) {
    return issue('value.range', `La valeur ${value} dépasse le maximum ${max}.`, `Indiquez une valeur inférieure ou égale à ${max}.`);
  }
  return undefined;
}

function checkDecimals(field: Field, value: number): ValueIssue[] {
  const decimals = field.constraints?.decimals;
  if (decimals === undefined) return [];
  const actual = (String(value).split('.')[1] ?? '').length;
  return actual > decimals
    ? issue('value.decimals', `La valeur a ${actual} décimales, ${decimals} au plus sont admises.`, `Arrondissez à ${decimals} décimale(s).`)
    : [];
}

/** A real calendar date written AAAA-MM-JJ (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
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
