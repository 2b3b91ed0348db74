import { z } from 'zod';

const text = z.string().trim().min(1, 'ne doit pas être vide');
const id = z.string().regex(/^[a-z0-9-]+$/, 'doit être en minuscules sans accent (lettres, chiffres, « - »)');

/** `src/data/parcours.yaml`: the partner's journey, strand by strand, as the checklist shows it. */
export const journeySchema = z
  .strictObject({
    strands: z
      .array(
        z.strictObject({
          id,
          label: text,
          steps: z.array(z.strictObject({ id, label: text, detail: text, link: z.string().regex(/^\/[a-z0-9/#-]*$/, 'doit être un chemin du site (ex. /guide/volet-juridique/)') })).min(1),
        }),
      )
      .min(1),
  })
  .refine((journey) => {
    const ids = journey.strands.flatMap((strand) => strand.steps.map((step) => step.id));
    return new Set(ids).size === ids.length;
  }, { message: 'contient deux étapes de même identifiant : chaque étape a le sien' });

export type Journey = z.infer<typeof journeySchema>;
export type JourneyStep = Journey['strands'][number]['steps'][number];

/** What the browser keeps: the ids ticked, with when. Versioned so a later format can migrate it. */
export interface Progress {
  version: 1;
  checked: Record<string, string>;
}

export const emptyProgress: Progress = { version: 1, checked: {} };

/**
 * Reads what localStorage holds. Anything unreadable starts afresh rather than breaking the page;
 * ids that no longer exist in the journey are dropped.
 */
export function parseProgress(stored: string | null, journey: Journey): Progress {
  if (!stored) return emptyProgress;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return emptyProgress;
  }
  const known = new Set(journey.strands.flatMap((strand) => strand.steps.map((step) => step.id)));
  const checked = (value as { version?: unknown; checked?: unknown } | null)?.checked;
  if ((value as { version?: unknown } | null)?.version !== 1 || !checked || typeof checked !== 'object') return emptyProgress;
  return {
    version: 1,
    checked: Object.fromEntries(Object.entries(checked).filter(([key, date]) => known.has(key) && typeof date === 'string' && !Number.isNaN(Date.parse(date)))),
  };
}

export function toggleStep(progress: Progress, stepId: string, done: boolean, now: Date): Progress {
  const { [stepId]: _, ...rest } = progress.checked;
  return { version: 1, checked: done ? { ...rest, [stepId]: now.toISOString() } : rest };
}

export interface StrandProgress {
  id: string;
  label: string;
  done: number;
  total: number;
}

export function progressSummary(journey: Journey, progress: Progress): { done: number; total: number; strands: StrandProgress[] } {
  const strands = journey.strands.map((strand) => ({
    id: strand.id,
    label: strand.label,
    done: strand.steps.filter((step) => step.id in progress.checked).length,
    total: strand.steps.length,
  }));
  return { done: strands.reduce((n, s) => n + s.done, 0), total: strands.reduce((n, s) => n + s.total, 0), strands };
}
