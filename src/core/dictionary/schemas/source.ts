import { z } from 'zod';
import { frenchTextSchema, slugSchema } from './common.ts';

/**
 * A public text the dictionary content is grounded in (law, decree, official nomenclature).
 * Entities, fields and nomenclatures cite sources by id so every statement can be traced.
 */
export const sourceSchema = z.strictObject({
  id: slugSchema,
  title: frenchTextSchema,
  /** Publisher or official reference (« Légifrance », « JO du 6 mai 2017 »…). */
  reference: frenchTextSchema,
  url: z.url({ message: 'doit être une adresse web complète (https://…)' }).optional(),
});

export const sourcesFileSchema = z.strictObject({
  sources: z.array(sourceSchema).min(1, 'doit contenir au moins une source'),
});

export type Source = z.infer<typeof sourceSchema>;
