import { z } from 'zod';
import { originSchema } from './origin.ts';
import { frenchTextSchema, versionSchema } from './common.ts';

export const dictionaryStatuses = ['brouillon', 'publiée'] as const;

/** `dictionary/manifest.yaml`: the one place the version of the dictionary is read from. */
export const manifestSchema = z.strictObject({
  version: versionSchema,
  status: z.enum(dictionaryStatuses, { message: `doit valoir ${dictionaryStatuses.map((s) => `« ${s} »`).join(' ou ')}` }),
  /** Publication date (AAAA-MM-JJ). */
  date: z.iso.date({ message: 'doit être une date AAAA-MM-JJ' }),
  title: frenchTextSchema,
  description: frenchTextSchema,
  /**
   * « composé » (by this portal, from public texts) or « officiel » (the platform's). Required of every new
   * version (the repository check says so); versions frozen before it existed carry it in releases/index.yaml.
   */
  origin: originSchema.optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;
