import { z } from 'zod';
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
});

export type Manifest = z.infer<typeof manifestSchema>;
