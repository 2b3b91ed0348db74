import { z } from 'zod';
import { frenchTextSchema, slugSchema, sourceRefsSchema } from './common.ts';

/** Check keys implemented in `src/core/referentials/` (rules.ts); a referential without one may still have rules by its id. */
export const checksumAlgorithms = ['siret', 'uai', 'nir'] as const;
export type ChecksumAlgorithm = (typeof checksumAlgorithms)[number];

/**
 * An external referential (SIRET, RNCP, Formacode…): the dictionary does not ship its values,
 * it states the format a code must have and who maintains the list.
 */
export const referentialSchema = z.strictObject({
  id: slugSchema,
  label: frenchTextSchema,
  description: frenchTextSchema,
  /** Who maintains the referential (« INSEE », « France compétences »…). */
  maintainer: frenchTextSchema,
  /** Anchored regular expression every code must match (JavaScript syntax, without slashes). */
  pattern: z.string().refine(isValidRegExp, 'doit être une expression régulière JavaScript valide'),
  /** The expected format in words, shown to partners (« 14 chiffres »). */
  format: frenchTextSchema,
  checksum: z.enum(checksumAlgorithms).optional(),
  example: z.string(),
  sources: sourceRefsSchema,
});

function isValidRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export const referentialsFileSchema = z.strictObject({
  referentials: z.array(referentialSchema).min(1, 'doit contenir au moins un référentiel'),
});

export type Referential = z.infer<typeof referentialSchema>;
