import { z } from 'zod';

const text = z.string().trim().min(1, 'ne doit pas être vide');
const url = z.url({ protocol: /^https$/, message: 'doit être une adresse https://…' });

/**
 * What a contact answers: the onboarding as a whole, one of its strands, or the site itself (accessibility, personal data,
 * a problem on a page). A contact without topics is the general one.
 */
export const contactTopics = ['accrochage', 'juridique', 'technique', 'donnees', 'site'] as const;
export type ContactTopic = (typeof contactTopics)[number];

const contactSchema = z
  .strictObject({
    role: text,
    name: text.optional(),
    email: z.email({ message: 'doit être une adresse électronique' }).optional(),
    url: url.optional(),
    details: text.optional(),
    topics: z.array(z.enum(contactTopics, { message: `doit valoir ${contactTopics.map((t) => `« ${t} »`).join(', ')}` })).optional(),
  })
  .refine((contact) => contact.email ?? contact.url, { message: 'doit indiquer « email » ou « url »' });

/** Who answers for the site in its legal notice (LCEN): a name, and where to reach them when published. */
const legalPartySchema = z.strictObject({ name: text, address: text.optional(), phone: text.optional(), url: url.optional() });

/**
 * `src/config/plateforme.yaml`: what only the platform team can supply (contacts, documents, the legal
 * notice's publisher, publication director and host). Empty lists and absent entries are valid: each
 * place then says what the public sources say, or that the entry is to be supplied.
 */
export const platformConfigSchema = z.strictObject({
  contacts: z.array(contactSchema),
  documents: z.array(z.strictObject({ title: text, description: text, url: url.optional(), strand: z.enum(['juridique', 'technique', 'donnees', 'general']) })),
  legal: z
    .strictObject({
      publisher: legalPartySchema.optional(),
      director: z.strictObject({ name: text, role: text.optional() }).optional(),
      host: legalPartySchema.optional(),
    })
    .default({}),
});

export type PlatformConfig = z.infer<typeof platformConfigSchema>;
export type PlatformContact = PlatformConfig['contacts'][number];

/**
 * The one entry each place that sends a partner to the platform team reads: the contact for that topic,
 * else the general one (no topics), else none — the place then says what the public sources say.
 */
export function contactFor(config: Pick<PlatformConfig, 'contacts'>, topic: ContactTopic): PlatformContact | undefined {
  return config.contacts.find((contact) => contact.topics?.includes(topic)) ?? config.contacts.find((contact) => !contact.topics || contact.topics.length === 0);
}

/** The public help space of the platform: the only address the public sources give (shared/agora-facts.md). */
export const HUB_URL = 'https://hub-agora.moncompteformation.gouv.fr/';
