import { z } from 'zod';
import { dataTypes, legalBasisPending, obligations, sensitivities } from '../vocabulary.ts';
import { constraintsShape } from '../constraints/index.ts';
import { fieldCodeSchema, frenchTextSchema, lheoPathSchema, slugSchema, sourceRefsSchema, versionSchema } from './common.ts';

// Data types are named as partners read them; `code` values come from a nomenclature or a referential.
export type { Constraints } from '../constraints/index.ts';
export { dataTypeLabels, dataTypes, obligations, sensitivities, type DataType, type Obligation, type Sensitivity } from '../vocabulary.ts';

const quoted = (values: readonly string[]) => values.map((v) => `« ${v} »`).join(', ');

export const constraintsSchema = z.strictObject(constraintsShape({ z, fieldCode: fieldCodeSchema }));

/**
 * The machine-checkable part of a `conditionnelle` obligation: the field is required when that field
 * of the same entity holds one of these codes (`condition` still says it in words).
 */
export const requiredWhenSchema = z.strictObject({
  field: fieldCodeSchema,
  in: z.array(z.string()).min(1, 'doit contenir au moins un code'),
});

export const bindingSchema = z.union(
  [z.strictObject({ nomenclature: slugSchema }), z.strictObject({ referential: slugSchema })],
  { message: 'doit être « nomenclature: <id> » ou « referential: <id> »' },
);

/** One field of the dictionary, as written in `dictionary/entities/<entity>.yaml`. */
export const fieldSchema = z
  .strictObject({
    code: fieldCodeSchema,
    label: frenchTextSchema,
    definition: frenchTextSchema,
    type: z.enum(dataTypes, { message: `doit valoir l’un de ${quoted(dataTypes)}` }),
    constraints: constraintsSchema.optional(),
    binding: bindingSchema.optional(),
    obligation: z.enum(obligations, { message: `doit valoir l’un de ${quoted(obligations)}` }),
    /** When the field becomes mandatory, in words; required for `conditionnelle`. */
    condition: frenchTextSchema.optional(),
    requiredWhen: requiredWhenSchema.optional(),
    personalData: z.boolean({ message: 'doit valoir true ou false' }),
    sensitivity: z.enum(sensitivities, { message: `doit valoir l’un de ${quoted(sensitivities)}` }).optional(),
    /** A fictitious value that satisfies the field's own rules. */
    example: z.union([z.string(), z.number(), z.boolean()], { message: 'doit être un texte, un nombre ou un booléen' }),
    since: versionSchema,
    /**
     * The version that withdraws the field, announced while it is still valid (deprecation): data may
     * carry it until that version is in force. Withdrawn fields leave the file; the site keeps their history.
     */
    until: versionSchema.optional(),
    /** The field's code in earlier versions when it was renamed: a rename is declared, never guessed. */
    formerly: fieldCodeSchema.optional(),
    /**
     * The matching element of LHÉO, the Carif-Oref network's exchange language: its path from the offer's
     * `formation` element (« formation/certification/code-RNCP »), since one name can sit under several
     * parents. Versions up to 2.0.0 recorded the bare name.
     */
    lheo: lheoPathSchema.optional(),
    /** What carrying the value into that element involves: its codes, its length, where LHÉO puts it. */
    lheoNote: frenchTextSchema.optional(),
    sources: sourceRefsSchema,
    /** No public text found supports the field: the platform team must state its legal basis. */
    legalBasis: z.literal(legalBasisPending, { message: `ne peut valoir que « ${legalBasisPending} »` }).optional(),
  })
  .superRefine((field, ctx) => {
    if (field.obligation === 'conditionnelle' && !field.condition) {
      ctx.addIssue({ code: 'custom', path: ['condition'], message: 'est obligatoire quand l’obligation est « conditionnelle » : décrivez la condition' });
    }
    if (field.obligation !== 'conditionnelle' && field.condition) {
      ctx.addIssue({ code: 'custom', path: ['condition'], message: 'n’a de sens que pour une obligation « conditionnelle » : retirez-la ou changez l’obligation' });
    }
    if (field.requiredWhen && field.obligation !== 'conditionnelle') {
      ctx.addIssue({ code: 'custom', path: ['requiredWhen'], message: 'n’a de sens que pour une obligation « conditionnelle » : retirez-la ou changez l’obligation' });
    }
    if (field.sensitivity && !field.personalData) {
      ctx.addIssue({ code: 'custom', path: ['sensitivity'], message: 'ne s’applique qu’aux données personnelles : mettez personalData à true ou retirez sensitivity' });
    }
    if (field.type === 'code' && !field.binding) {
      ctx.addIssue({ code: 'custom', path: ['binding'], message: 'est obligatoire pour le type « code » : indiquez la nomenclature ou le référentiel' });
    }
  });

export type Binding = z.infer<typeof bindingSchema>;
export type RequiredWhen = z.infer<typeof requiredWhenSchema>;
export type FieldSource = z.infer<typeof fieldSchema>;
