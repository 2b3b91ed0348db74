import { computed, signal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { emptyProgress, parseProgress, progressSummary, serializeProgress, toggleStep, type Journey, type Progress } from '../../core/guide/journey.ts';
import { fill } from '../../ui/fill.ts';
import type { UiStrings } from '../../ui/schema.ts';

interface Props {
  journey: Journey;
  labels: UiStrings['guide'];
}

/** The only key this site writes: progress never leaves the browser. */
export const STORAGE_KEY = 'agora:parcours:v1';

function readStorage(): { stored: string | null; available: boolean } {
  try {
    return { stored: window.localStorage.getItem(STORAGE_KEY), available: true };
  } catch {
    return { stored: null, available: false };
  }
}

const formatDate = (iso: string) => new Date(iso).toLocaleDateString('fr-FR', { dateStyle: 'long' });

export default function Checklist({ journey, labels }: Props) {
  const state = useMemo(() => {
    const { stored, available } = readStorage();
    const progress = signal<Progress>(parseProgress(stored, journey));
    const saving = signal(available);
    const confirming = signal(false);
    const announcement = signal('');
    // Taken again just before printing: a page left open overnight must not print yesterday's date.
    const printedOn = signal(new Date());
    return { progress, confirming, announcement, printedOn, saving, summary: computed(() => progressSummary(journey, progress.value)) };
  }, [journey]);
  const clearButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  const save = (next: Progress) => {
    state.progress.value = next;
    if (!state.saving.value) return;
    try {
      const serialized = serializeProgress(next);
      if (serialized === null) window.localStorage.removeItem(STORAGE_KEY);
      else window.localStorage.setItem(STORAGE_KEY, serialized);
    } catch {
      // Storage full or revoked mid-session: the ticks stay on screen and the notice tells they will not last.
      state.saving.value = false;
    }
  };

  useEffect(() => {
    if (state.confirming.value) confirmButton.current?.focus();
  }, [state.confirming.value]);

  useEffect(() => {
    const stamp = () => (state.printedOn.value = new Date());
    window.addEventListener('beforeprint', stamp);
    return () => window.removeEventListener('beforeprint', stamp);
  }, [state]);

  const { done, total, strands } = state.summary.value;
  // French counts 0 and 1 in the singular (« 0 étape sur 14 faite »).
  const progressText = fill(done < 2 ? labels.progressionSingulier : labels.progression, { done, total });

  return (
    <div class="checklist">
      {!state.saving.value && <p class="checklist-warning">{labels.stockageIndisponible}</p>}
      <div class="checklist-progress">
        <label for="checklist-bar">{labels.barre}</label>
        <progress id="checklist-bar" max={total} value={done}>
          {progressText}
        </progress>
        <p role="status" aria-live="polite" class="checklist-status">
          {state.announcement.value || progressText}
        </p>
      </div>
      {journey.strands.map((strand, i) => (
        <fieldset class="checklist-strand" key={strand.id}>
          <legend>
            {strand.label} — {fill(labels.progressionVolet, { done: strands[i]?.done ?? 0, total: strand.steps.length })}
          </legend>
          <ul>
            {strand.steps.map((step) => {
              const id = `etape-${step.id}`;
              const date = state.progress.value.checked[step.id];
              return (
                <li key={step.id} class={date ? 'is-done' : undefined}>
                  <input
                    type="checkbox"
                    id={id}
                    checked={date !== undefined}
                    aria-describedby={`${id}-detail`}
                    onChange={(event) => {
                      state.announcement.value = '';
                      save(toggleStep(state.progress.value, step.id, event.currentTarget.checked, new Date()));
                    }}
                  />
                  <label for={id}>{step.label}</label>
                  <p class="checklist-detail">
                    <span id={`${id}-detail`}>
                      {step.detail}
                      {date && <span class="checklist-date"> ({fill(labels.faiteLe, { date: formatDate(date) })})</span>}
                    </span>{' '}
                    <a href={step.link}>
                      {labels.voirPage}
                      <span class="sr-only"> — {step.label}</span>
                    </a>
                  </p>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
      <div class="checklist-actions">
        <button type="button" onClick={() => window.print()}>
          {labels.imprimer}
        </button>
        {state.confirming.value ? (
          <div class="checklist-confirm" role="group" aria-labelledby="checklist-question">
            <p id="checklist-question">{labels.questionEffacement}</p>
            <button
              type="button"
              ref={confirmButton}
              onClick={() => {
                save(emptyProgress);
                state.confirming.value = false;
                state.announcement.value = labels.progressionEffacee;
                requestAnimationFrame(() => clearButton.current?.focus());
              }}
            >
              {labels.confirmerEffacement}
            </button>
            <button
              type="button"
              onClick={() => {
                state.confirming.value = false;
                requestAnimationFrame(() => clearButton.current?.focus());
              }}
            >
              {labels.annuler}
            </button>
          </div>
        ) : (
          <button type="button" ref={clearButton} onClick={() => (state.confirming.value = true)}>
            {labels.effacer}
          </button>
        )}
      </div>
      <section class="checklist-print" aria-hidden="true">
        <h2>{labels.recapitulatif}</h2>
        <p>
          {fill(labels.recapitulatifDate, { date: state.printedOn.value.toLocaleDateString('fr-FR', { dateStyle: 'long' }) })} — {progressText}
        </p>
        {strands.map((strand) => (
          <div key={strand.id}>
            <h3>
              {strand.label} — {fill(labels.progressionVolet, { done: strand.done, total: strand.total })}
            </h3>
            <ul>
              {strand.steps.map((step) => (
                <li key={step.id}>
                  {step.checkedOn ? `☑ ${labels.fait}` : `☐ ${labels.aFaire}`} — {step.label}
                  {step.checkedOn && ` (${fill(labels.faiteLe, { date: formatDate(step.checkedOn) })})`}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </div>
  );
}
