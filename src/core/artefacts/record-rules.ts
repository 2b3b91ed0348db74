import type { Entity, Field } from '../dictionary/model.ts';

/**
 * The record rules of the dictionary format shared between lanes (CONTRACTS.md): optional keys a
 * version may carry, read here in one place for the generators.
 */
export interface FieldRules {
  /** A date of the same entity this one may not precede. */
  notBefore?: string | undefined;
  /** The field is required when that field holds one of these codes. */
  requiredWhen?: { field: string; in: readonly string[] } | undefined;
  /** Withdrawn or deprecated field. */
  until?: string | undefined;
}

type WithRules = Field & { constraints?: { notBefore?: string }; requiredWhen?: { field: string; in: readonly string[] }; until?: string };

export function fieldRules(field: Field): FieldRules {
  const ruled = field as WithRules;
  return { notBefore: ruled.constraints?.notBefore, requiredWhen: ruled.requiredWhen, until: ruled.until };
}

/** Fields whose values together identify one record (empty when the entity declares none). */
export const entityKey = (entity: Entity): readonly string[] => (entity as Entity & { key?: readonly string[] }).key ?? [];
