import { z } from 'zod';
import { fieldSchema } from './field.ts';
import { frenchTextSchema, slugSchema, sourceRefsSchema } from './common.ts';

/** `dictionary/entities/<id>.yaml`: one entity of a training-file exchange and its fields. */
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
  fields: z.array(fieldSchema).min(1, 'doit contenir au moins un champ'),
});

export type EntitySource = z.infer<typeof entitySchema>;
