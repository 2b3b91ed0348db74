import type { z } from 'zod';
import type { Finding } from '../../problems.ts';
import type { DataType } from '../vocabulary.ts';

/**
 * What a constraint of the dictionary is, in one place: its keys under a field's `constraints`, what
 * the lint says of a misuse, its checks of a value, its words on the reference pages and in the change
 * log, and what it becomes in each download. `index.ts` lists the constraints; every consumer reads
 * that list, so adding a constraint is this module and one line there.
 *
 * Hooks receive the field as `Carrier` rather than the dictionary's `Field`: the field schema is built
 * from these modules, and the model built from that schema.
 */
export interface Carrier<C> {
  readonly type: DataType;
  readonly constraints: C;
  readonly example?: string | number | boolean;
}

/** Which change of a key narrows what is accepted: a raised lower bound, a lowered upper bound, any change of an exact rule. */
export type Narrowing = 'raised' | 'lowered' | 'changed';

export interface KeyInfo {
  /** As the change log names it: « longueur minimale ». */
  readonly label: string;
  readonly narrows: Narrowing;
  /**
   * Its column in the « Liste des champs » CSV. `later`: a key introduced after 1.0.0, whose column
   * comes after those of 1.0.0 and only in versions that use it (a published file keeps its bytes).
   */
  readonly column: { readonly header: string; readonly later?: boolean };
}

/** A misuse the lint reports, at `keys` below the field's `constraints`. */
export interface ConstraintProblem {
  readonly keys: readonly PropertyKey[];
  readonly message: string;
  readonly fix: string;
}

/** What the lint knows of the field's entity: `cite` resolves a code of it, reporting a self-citation or a foreign code itself. */
export interface LintContext {
  cite(code: string, keys: readonly PropertyKey[]): { readonly type: DataType } | undefined;
}

export interface SampleRange {
  readonly low?: number | string;
  readonly high?: number | string;
  readonly decimals?: number;
}

export type Check<V> = (value: V) => Finding | undefined;

/** A rule between two fields of one record, checked only when both values passed their own checks. */
export interface BetweenFields {
  readonly other: string;
  readonly issue: Finding;
  fails(value: unknown, other: unknown): boolean;
}

/**
 * What the schemas build a constraint's keys with, handed over by `schemas/field.ts`: the validators
 * run these modules in the browser, which ships no zod.
 */
export interface SchemaKit {
  readonly z: typeof z;
  readonly fieldCode: z.ZodString;
}

export interface ConstraintKind<S extends z.ZodRawShape, C> {
  /** Its keys, in the order the dictionary's downloads write them. */
  shape(kit: SchemaKit): S;
  readonly keys: { readonly [K in keyof S]: KeyInfo };
  lint(field: Carrier<C>, context: LintContext): ConstraintProblem[];
  /** Sentences of the reference pages. */
  describe(field: Carrier<C>): string[];
  /**
   * Checks of a value already read as the field's type: a finite number (`entier`, `decimal`), a real
   * AAAA-MM-JJ date, a non-blank text (`texte`, `code`). Undefined when the constraint does not apply.
   */
  number?(field: Carrier<C>): Check<number> | undefined;
  date?(field: Carrier<C>): Check<string> | undefined;
  text?(field: Carrier<C>): Check<string> | undefined;
  /** `label` names a field of the entity as findings do: « Date d’entrée (DOS_DATE_ENTREE) ». */
  between?(field: Carrier<C> & { readonly label: string }, label: (code: string) => string): BetweenFields | undefined;
  /** Adds its keywords to a field's JSON Schema; `bindingPattern` is the pattern of the field's referential. */
  jsonSchema?(field: Carrier<C>, schema: Record<string, unknown>, bindingPattern: string | undefined): void;
  /** Adds its Table Schema constraints. */
  tableSchema?(field: Carrier<C>, constraints: Record<string, unknown>, bindingPattern: string | undefined): void;
  /**
   * Where the sample files draw the field's values from (every drawn value still passes the field's
   * checks; this only keeps the generator from drawing in vain): bounds, and digits after the point.
   */
  sample?(field: Carrier<C>): SampleRange;
  /** Phrases for what the validators check and Table Schema cannot say. */
  tableNotes?(field: Carrier<C>): string[];
}

/** The fix of a constraint that does not fit its field's type. */
export const removeOrRetype = 'Retirez la contrainte ou changez le type du champ.';

/** Keeps the literal shape of a constraint's keys, from which the field schema's type is inferred. */
export const defineConstraint = <S extends z.ZodRawShape, C>(kind: ConstraintKind<S, C>): ConstraintKind<S, C> => kind;
