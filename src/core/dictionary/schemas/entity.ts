import { z } from 'zod';
import type { FieldSource } from './field.ts';
import { fieldCodeSchema, frenchTextSchema, slugSchema, sourceRefsSchema } from './common.ts';

/**
 * `dictionary/entities/<id>.yaml`: one entity of a training-file exchange and its fields.
 * Fields are checked one by one (`fieldSchema`) so that one broken field does not hide the others.
 */
export const entitySchema = z.strictObject({
  /** Used in URLs: /dictionnaire/<version>/<id>/. */
  id: slugSchema,
  /** Three capitals every field code of the entity starts with. */
  prefix: z.string().regex(/^[A-Z]{3}$/, 'doit être composé de trois lettres capitales (ex. TIT)'),
  label: frenchTextSchema,
  description: frenchTextSchema,
  /** Position in menus and tables (1 first). */
  order: z.int().positive(),
  sources: sourceRefsSchema,
  /** Fields whose values together identify one record in an extract (duplicate check, Table Schema primaryKey). */
  key: z.array(fieldCodeSchema).min(1, 'doit contenir au moins un code de champ').optional(),
  fields: z.array(z.unknown()).min(1, 'doit contenir au moins un champ'),
});

export type EntitySource = Omit<z.infer<typeof entitySchema>, 'fields'> & { fields: FieldSource[] };
