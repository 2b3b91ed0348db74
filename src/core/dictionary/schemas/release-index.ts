import { z } from 'zod';
import { originSchema } from './origin.ts';
import { frenchTextSchema, versionSchema } from './common.ts';

/**
 * Life of a published version, as partners read it (all stay online at their address):
 * - « en vigueur »: the version to use;
 * - « remplacée »: a newer minor or patch version exists; its data stay valid;
 * - « dépréciée »: a newer major version exists; its data are accepted until `until`, the end of the overlap;
 * - « retirée »: withdrawn after a mistake, with the reason and the version that replaces it.
 * The working copy, not yet published, is a « brouillon »: it has no entry here.
 */
export const releaseStatuses = ['en vigueur', 'remplacée', 'dépréciée', 'retirée'] as const;
export type ReleaseStatus = (typeof releaseStatuses)[number];

const day = z.iso.date({ message: 'doit être une date AAAA-MM-JJ' });

export const releaseSchema = z
  .strictObject({
    version: versionSchema,
    status: z.enum(releaseStatuses, { message: `doit valoir ${releaseStatuses.map((s) => `« ${s} »`).join(', ').replace(/, (?=[^,]*$)/, ' ou ')}` }),
    /** Publication date (AAAA-MM-JJ), the one in the frozen manifest. */
    date: day,
    /** For « dépréciée »: the last day its data are accepted (end of the overlap with the newer major version). */
    until: day.optional(),
    /** For « retirée »: why, in a sentence partners read. */
    reason: frenchTextSchema.optional(),
    /** For « retirée »: the version to use instead. */
    replacement: versionSchema.optional(),
    /** One or two sentences for the versions page. */
    summary: frenchTextSchema,
    /** The change log: pre-filled from the diff by the release command, completed by maintainers. */
    notes: z.array(frenchTextSchema).default([]),
    /**
     * The commit this version is frozen to, when its files were published again before the freeze was
     * checked against git history; otherwise the commit that added its hash list (or its tag) is used.
     */
    /** The origin of a version frozen before its manifest could say it (its bytes do not change); newer ones say it in their manifest. */
    origin: originSchema.optional(),
    commit: z.string().regex(/^[0-9a-f]{7,40}$/, 'doit être l’identifiant d’un commit (7 à 40 caractères hexadécimaux)').optional(),
  })
  .superRefine((release, ctx) => {
    if (release.status === 'retirée') {
      for (const key of ['reason', 'replacement'] as const) {
        if (!release[key]) ctx.addIssue({ code: 'custom', path: [key], message: `est obligatoire pour une version retirée : ${key === 'reason' ? 'dites pourquoi elle est retirée' : 'indiquez la version à utiliser à la place'}` });
      }
    } else {
      for (const key of ['reason', 'replacement'] as const) {
        if (release[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'ne s’applique qu’à une version « retirée » : retirez-la ou changez le statut' });
      }
    }
    if (release.until && release.status !== 'dépréciée') ctx.addIssue({ code: 'custom', path: ['until'], message: 'ne s’applique qu’à une version « dépréciée » (fin de la période de transition) : retirez-la ou changez le statut' });
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
