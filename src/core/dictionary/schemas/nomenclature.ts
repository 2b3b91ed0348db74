import { z } from 'zod';
import { frenchTextSchema, slugSchema, sourceRefsSchema, versionSchema } from './common.ts';

/** A code of a LHÉO dictionary, with its label there when it helps a reader. */
export const lheoCodeSchema = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'doit être un code LHÉO sans espace (ex. « 11 »)'),
  label: frenchTextSchema.optional(),
});

export const nomenclatureValueSchema = z.strictObject({
  /** The code sent in the data (kept as text: « 01 » and « 1 » are different codes). */
  code: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'doit être un code sans espace (lettres, chiffres, « _ », « . », « - »)'),
  label: frenchTextSchema,
  description: frenchTextSchema.optional(),
  /** The version that added the code, when later than the nomenclature's own. */
  since: versionSchema.optional(),
  /** The version that withdraws the code, announced while it is still valid (deprecation). */
  until: versionSchema.optional(),
  /** The codes of the nomenclature's LHÉO dictionary this code corresponds to; absent when none does. */
  lheo: z.array(lheoCodeSchema).min(1, 'doit contenir au moins un code, ou être retiré quand aucun code LHÉO ne correspond').optional(),
});

/** The LHÉO dictionary whose codes a nomenclature's codes correspond to, when they differ. */
export const lheoCorrespondenceSchema = z.strictObject({
  /** Its name in LHÉO 2.3 (« dict-niveaux »). */
  dictionary: z.string().regex(/^dict-[A-Za-z0-9-]+$/, 'doit être le nom d’une table LHÉO (ex. « dict-niveaux »)'),
  /** How the two lists relate, what a reader must not confuse. */
  note: frenchTextSchema.optional(),
});

/** `dictionary/nomenclatures/<id>.yaml`: a closed list of codes shipped with the dictionary. */
export const nomenclatureSchema = z.strictObject({
  id: slugSchema,
  label: frenchTextSchema,
  description: frenchTextSchema,
  sources: sourceRefsSchema,
  since: versionSchema,
  /** Correspondence of the codes with a LHÉO dictionary: each value then gives its LHÉO codes. */
  lheo: lheoCorrespondenceSchema.optional(),
  values: z.array(nomenclatureValueSchema).min(2, 'doit contenir au moins deux valeurs'),
}).superRefine((nomenclature, ctx) => {
  if (nomenclature.lheo) return;
  nomenclature.values.forEach((value, i) => {
    if (value.lheo) ctx.addIssue({ code: 'custom', path: ['values', i, 'lheo'], message: 'suppose une table LHÉO : indiquez « lheo: { dictionary: dict-… } » au niveau de la nomenclature' });
  });
});

export type NomenclatureValue = z.infer<typeof nomenclatureValueSchema>;
export type Nomenclature = z.infer<typeof nomenclatureSchema>;
export type LheoCode = z.infer<typeof lheoCodeSchema>;
