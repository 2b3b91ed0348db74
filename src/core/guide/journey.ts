import type { z } from 'zod';
import { frenchTypography } from '../typography.ts';
import type { journeySchema } from './journey-schema.ts';

// Islands import this module: the schema stays in journey-schema.ts so that zod is never bundled for the browser.

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

/** What localStorage receives; `null` means remove the key, so a cleared checklist leaves no trace. */
export function serializeProgress(progress: Progress): string | null {
  return Object.keys(progress.checked).length === 0 ? null : JSON.stringify(progress);
}

export function toggleStep(progress: Progress, stepId: string, done: boolean, now: Date): Progress {
  const { [stepId]: _, ...rest } = progress.checked;
  return { version: 1, checked: done ? { ...rest, [stepId]: now.toISOString() } : rest };
}

export interface SummaryStep {
  id: string;
  label: string;
  /** ISO date of the tick; absent while the step is still to do. */
  checkedOn?: string;
}

export interface StrandSummary {
  id: string;
  label: string;
  done: number;
  total: number;
  steps: SummaryStep[];
}

export interface Summary {
  done: number;
  total: number;
  strands: StrandSummary[];
}

/**
 * Counts and the printable recap as plain data, HTML-free: the island only lays it out, so the counts,
 * the progress bar and the printed recap cannot disagree.
 */
export function progressSummary(journey: Journey, progress: Progress): Summary {
  const strands = journey.strands.map((strand) => {
    const steps = strand.steps.map((step): SummaryStep => {
      const checkedOn = progress.checked[step.id];
      return checkedOn === undefined ? { id: step.id, label: step.label } : { id: step.id, label: step.label, checkedOn };
    });
    return { id: strand.id, label: strand.label, done: steps.filter((step) => step.checkedOn !== undefined).length, total: steps.length, steps };
  });
  return { done: strands.reduce((n, s) => n + s.done, 0), total: strands.reduce((n, s) => n + s.total, 0), strands };
}

/**
 * Islands render their text in the browser, after the build's typography pass: the journey's sentences
 * get their no-break spaces here instead.
 */
export function typesetJourney(journey: Journey): Journey {
  return {
    strands: journey.strands.map((strand) => ({
      ...strand,
      label: frenchTypography(strand.label),
      steps: strand.steps.map((step) => ({ ...step, label: frenchTypography(step.label), detail: frenchTypography(step.detail) })),
    })),
  };
}
