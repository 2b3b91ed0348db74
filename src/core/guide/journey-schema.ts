import { z } from 'zod';

const text = z.string().trim().min(1, 'ne doit pas être vide');
const id = z.string().regex(/^[a-z0-9-]+$/, 'doit être en minuscules sans accent (lettres, chiffres, « - »)');

const link = z.string().regex(/^\/[a-z0-9/#-]*$/, 'doit être un chemin du site (ex. /guide/volet-juridique/)');

/** `src/data/parcours.yaml`: the partner's journey, strand by strand, as the checklist shows it. */
export const journeySchema = z
  .strictObject({
    strands: z
      .array(
        z.strictObject({
          id,
          label: text,
          steps: z.array(z.strictObject({ id, label: text, detail: text, link })).min(1, 'doit contenir au moins une étape'),
        }),
      )
      .min(1, 'doit contenir au moins un volet'),
  })
  .superRefine((journey, context) => {
    // Ids are the keys of what partners' browsers keep: a duplicate would tick two steps at once.
    const seen = new Set<string>();
    journey.strands.forEach((strand, i) =>
      strand.steps.forEach((step, j) => {
        if (seen.has(step.id)) {
          context.addIssue({ code: 'custom', path: ['strands', i, 'steps', j, 'id'], message: `reprend l’identifiant « ${step.id} » d’une étape précédente : chaque étape doit avoir le sien` });
        }
        seen.add(step.id);
      }),
    );
  });
