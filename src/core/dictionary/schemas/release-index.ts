import { z } from 'zod';
import { originSchema } from '../origin.ts';
import { frenchTextSchema, versionSchema } from './common.ts';

/**
 * Life of a published version: « en vigueur » (partners use it), « dépréciée » (replaced, still online).
 * The working copy, not yet published, is a « brouillon »: it has no entry here.
 */
export const releaseStatuses = ['en vigueur', 'dépréciée'] as const;
export type ReleaseStatus = (typeof releaseStatuses)[number];

export const releaseSchema = z.strictObject({
  version: versionSchema,
  status: z.enum(releaseStatuses, { message: `doit valoir ${releaseStatuses.map((s) => `« ${s} »`).join(' ou ')}` }),
  /** Publication date (AAAA-MM-JJ), the one in the frozen manifest. */
  date: z.iso.date({ message: 'doit être une date AAAA-MM-JJ' }),
  /** One or two sentences for the versions page. */
  summary: frenchTextSchema,
  /** The change log: pre-filled from the diff by the release command, completed by maintainers. */
  notes: z.array(frenchTextSchema).default([]),
  /** The origin of a version frozen before its manifest could say it (its bytes do not change); newer ones say it in their manifest. */
  origin: originSchema.optional(),
});

/**
 * `releases/index.yaml`: every published version, newest first. Unlike the frozen snapshots it
 * changes over a version's life (status, summary, notes), so it lives beside them.
 */
export const releaseIndexSchema = z.strictObject({
  releases: z.array(releaseSchema).min(1, 'doit contenir au moins une version'),
});

export type Release = z.infer<typeof releaseSchema>;
export type ReleaseIndex = z.infer<typeof releaseIndexSchema>;
