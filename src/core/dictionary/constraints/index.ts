import type { z } from 'zod';
import { bounds } from './bounds.ts';
import { decimals } from './decimals.ts';
import type { BetweenFields, Carrier, Check, ConstraintKind, ConstraintProblem, KeyInfo, LintContext, SampleRange, SchemaKit } from './kind.ts';
import { length } from './length.ts';
import { notBefore } from './not-before.ts';
import { pattern } from './pattern.ts';

/**
 * The constraints of the dictionary, in the order their keys appear in the downloads (and their
 * sentences on the reference pages, and their checks of a value). A new constraint is a module of
 * this folder and one entry here; every consumer below reads this list.
 */
const kinds = [length, pattern, bounds, decimals, notBefore] as const;

/** The keys of a field's `constraints`, for `schemas/field.ts` to build its schema with. */
export const constraintsShape = (kit: SchemaKit) => ({ ...length.shape(kit), ...pattern.shape(kit), ...bounds.shape(kit), ...decimals.shape(kit), ...notBefore.shape(kit) });
export type Constraints = z.infer<z.ZodObject<ReturnType<typeof constraintsShape>, z.core.$strict>>;

/** The hooks see the field with its constraints always present (none: an empty object). */
type Field = { readonly type: Carrier<Constraints>['type']; readonly constraints?: Constraints | undefined; readonly example?: string | number | boolean };
type AnyKind = ConstraintKind<z.ZodRawShape, Constraints>;
const all: readonly AnyKind[] = kinds;
const carrier = (field: Field): Carrier<Constraints> => ({ type: field.type, constraints: field.constraints ?? {}, ...(field.example === undefined ? {} : { example: field.example }) });

/** Each key of `constraints`, as the change log and the fields CSV name it. */
export const constraintKeys: ReadonlyMap<string, KeyInfo> = new Map(all.flatMap((kind) => Object.entries(kind.keys)));

export function constraintProblems(field: Field, context: LintContext): ConstraintProblem[] {
  return all.flatMap((kind) => kind.lint(carrier(field), context));
}

/** The field's constraints in words, one sentence each, as the reference pages show them. */
export function constraintSentences(field: Field): string[] {
  return all.flatMap((kind) => kind.describe(carrier(field)));
}

/** Runs checks in turn, the first finding winning; built for the usual case of none or one. */
function chain<V>(checks: readonly (Check<V> | undefined)[]): Check<V> | undefined {
  const present = checks.filter((check): check is Check<V> => check !== undefined);
  if (present.length <= 1) return present[0];
  return (value) => {
    for (const check of present) {
      const found = check(value);
      if (found) return found;
    }
    return undefined;
  };
}

/** The constraints' checks of a value already read as the field's type (see `ConstraintKind`). */
export const numberChecks = (field: Field): Check<number> | undefined => chain(all.map((kind) => kind.number?.(carrier(field))));
export const dateChecks = (field: Field): Check<string> | undefined => chain(all.map((kind) => kind.date?.(carrier(field))));
export const textChecks = (field: Field): Check<string> | undefined => chain(all.map((kind) => kind.text?.(carrier(field))));

/** The rules between this field and others of its record. */
export function betweenFields(field: Field & { readonly label: string }, label: (code: string) => string): BetweenFields[] {
  return all.flatMap((kind) => kind.between?.({ ...carrier(field), label: field.label }, label) ?? []);
}

/** Where sample values are drawn from, every constraint's part together. */
export function sampleRange(field: Field): SampleRange {
  return Object.assign({}, ...all.map((kind) => kind.sample?.(carrier(field)) ?? {})) as SampleRange;
}

export function constraintsJsonSchema(field: Field, schema: Record<string, unknown>, bindingPattern: string | undefined): void {
  for (const kind of all) kind.jsonSchema?.(carrier(field), schema, bindingPattern);
}

export function constraintsTableSchema(field: Field, constraints: Record<string, unknown>, bindingPattern: string | undefined): void {
  for (const kind of all) kind.tableSchema?.(carrier(field), constraints, bindingPattern);
}

export function constraintsTableNotes(field: Field): string[] {
  return all.flatMap((kind) => kind.tableNotes?.(carrier(field)) ?? []);
}
