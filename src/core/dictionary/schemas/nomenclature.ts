import { z } from 'zod';
import { frenchTextSchema, slugSchema, sourceRefsSchema, versionSchema } from './common.ts';

export const nomenclatureValueSchema = z.strictObject({
  /** The code sent in the data (kept as text: « 01 » and « 1 » are different codes). */
  code: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'doit être un code sans espace (lettres, chiffres, « _ », « . », « - »)'),
  label: frenchTextSchema,
  description: frenchTextSchema.optional(),
  /** The version that added the code, when later than the nomenclature's own. */
  since: versionSchema.optional(),
  /** The version that withdraws the code, announced while it is still valid (deprecation). */
  until: versionSchema.optional(),
});

/** `dictionary/nomenclatures/<id>.yaml`: a closed list of codes shipped with the dictionary. */
export const nomenclatureSchema = z.strictObject({
  id: slugSchema,
  label: frenchTextSchema,
  description: frenchTextSchema,
  sources: sourceRefsSchema,
  since: versionSchema,
  values: z.array(nomenclatureValueSchema).min(2, 'doit contenir au moins deux valeurs'),
});

export type NomenclatureValue = z.infer<typeof nomenclatureValueSchema>;
export type Nomenclature = z.infer<typeof nomenclatureSchema>;
