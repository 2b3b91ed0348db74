import { z } from 'zod';

const text = z.string().trim().min(1, 'ne doit pas être vide');

/** `src/data/glossaire.yaml`: each term's id is its anchor on /ressources/glossaire/. */
export const glossarySchema = z.strictObject({
  terms: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9-]+$/, 'doit être en minuscules sans accent (lettres, chiffres, « - »)'),
        term: text,
        definition: text,
        source: text,
        /** The term's entry states the legal basis as the dictionary in force cites it (src/core/guide/legal-basis.ts). */
        legalBasis: z.literal(true).optional(),
      }),
    )
    .min(1)
    .refine((terms) => new Set(terms.map((t) => t.id)).size === terms.length, { message: 'contient deux fois le même identifiant' }),
});

export type Glossary = z.infer<typeof glossarySchema>;
