import { z } from 'zod';
import { dataTypes, obligations, sensitivities } from '../vocabulary.ts';
import { frenchTextSchema, slugSchema, sourceRefsSchema, versionSchema } from './common.ts';

// Data types are named as partners read them; `code` values come from a nomenclature or a referential.
export { dataTypeLabels, dataTypes, obligations, sensitivities, type DataType, type Obligation, type Sensitivity } from '../vocabulary.ts';

const quoted = (values: readonly string[]) => values.map((v) => `« ${v} »`).join(', ');

export const constraintsSchema = z.strictObject({
  minLength: z.int().nonnegative().optional(),
  maxLength: z.int().positive().optional(),
  /** Anchored regular expression (JavaScript syntax, without slashes). */
  pattern: z.string().optional(),
  /** Bounds: numbers for `entier`/`decimal`, AAAA-MM-JJ dates for `date`. */
  min: z.union([z.number(), z.iso.date()]).optional(),
  max: z.union([z.number(), z.iso.date()]).optional(),
  /** Maximum number of digits after the decimal point, for `decimal`. */
  decimals: z.int().nonnegative().optional(),
});

export const bindingSchema = z.union(
  [z.strictObject({ nomenclature: slugSchema }), z.strictObject({ referential: slugSchema })],
  { message: 'doit être « nomenclature: <id> » ou « referential: <id> »' },
);

/** One field of the dictionary, as written in `dictionary/entities/<entity>.yaml`. */
export const fieldSchema = z
  .strictObject({
    /** Stable code: the entity prefix, « _ », then capitals, digits and « _ » (ex. TIT_NIR). */
    code: z.string().regex(/^[A-Z]{3}_[A-Z0-9_]+$/, 'doit être de la forme PRÉFIXE_NOM en capitales (ex. TIT_NIR)'),
    label: frenchTextSchema,
    definition: frenchTextSchema,
    type: z.enum(dataTypes, { message: `doit valoir l’un de ${quoted(dataTypes)}` }),
    constraints: constraintsSchema.optional(),
    binding: bindingSchema.optional(),
    obligation: z.enum(obligations, { message: `doit valoir l’un de ${quoted(obligations)}` }),
    /** When the field becomes mandatory, in words; required for `conditionnelle`. */
    condition: frenchTextSchema.optional(),
    personalData: z.boolean({ message: 'doit valoir true ou false' }),
    sensitivity: z.enum(sensitivities, { message: `doit valoir l’un de ${quoted(sensitivities)}` }).optional(),
    /** A fictitious value that satisfies the field's own rules. */
    example: z.union([z.string(), z.number(), z.boolean()], { message: 'doit être un texte, un nombre ou un booléen' }),
    since: versionSchema,
    sources: sourceRefsSchema,
  })
  .superRefine((field, ctx) => {
    if (field.obligation === 'conditionnelle' && !field.condition) {
      ctx.addIssue({ code: 'custom', path: ['condition'], message: 'est obligatoire quand l’obligation est « conditionnelle » : décrivez la condition' });
    }
    if (field.obligation !== 'conditionnelle' && field.condition) {
      ctx.addIssue({ code: 'custom', path: ['condition'], message: 'n’a de sens que pour une obligation « conditionnelle » : retirez-la ou changez l’obligation' });
    }
    if (field.sensitivity && !field.personalData) {
      ctx.addIssue({ code: 'custom', path: ['sensitivity'], message: 'ne s’applique qu’aux données personnelles : mettez personalData à true ou retirez sensitivity' });
    }
    if (field.type === 'code' && !field.binding) {
      ctx.addIssue({ code: 'custom', path: ['binding'], message: 'est obligatoire pour le type « code » : indiquez la nomenclature ou le référentiel' });
    }
  });

export type Constraints = z.infer<typeof constraintsSchema>;
export type Binding = z.infer<typeof bindingSchema>;
export type FieldSource = z.infer<typeof fieldSchema>;
