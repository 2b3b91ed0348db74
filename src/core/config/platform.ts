import { z } from 'zod';

const text = z.string().trim().min(1, 'ne doit pas être vide');
const url = z.url({ protocol: /^https$/, message: 'doit être une adresse https://…' });

/**
 * `src/config/plateforme.yaml`: what only the platform team can supply (contacts, documents).
 * Empty lists are valid: the site then shows each block as « à fournir ».
 */
export const platformConfigSchema = z.strictObject({
  contacts: z.array(
    z
      .strictObject({ role: text, name: text.optional(), email: z.email({ message: 'doit être une adresse électronique' }).optional(), url: url.optional(), details: text.optional() })
      .refine((contact) => contact.email ?? contact.url, { message: 'doit indiquer « email » ou « url »' }),
  ),
  documents: z.array(z.strictObject({ title: text, description: text, url: url.optional(), strand: z.enum(['juridique', 'technique', 'donnees', 'general']) })),
});

export type PlatformConfig = z.infer<typeof platformConfigSchema>;
