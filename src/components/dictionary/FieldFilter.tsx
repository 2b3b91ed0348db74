import { computed, effect, signal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { emptyFilter, matchesFilter, type FieldFilterState, type FilterableRow } from '../../core/dictionary/filter.ts';
import { obligationLabels, obligations } from '../../core/dictionary/vocabulary.ts';
import type { UiStrings } from '../../ui/schema.ts';
import { fill } from '../../ui/fill.ts';

interface Props {
  /** id of the server-rendered table this island narrows; the table stays complete without JavaScript. */
  tableId: string;
  labels: UiStrings['dictionnaire'];
  entities: { id: string; label: string }[];
}

export default function FieldFilter({ tableId, labels, entities }: Props) {
  const state = useMemo(() => {
    const filter = signal<FieldFilterState>(emptyFilter);
    const rows = signal<{ element: HTMLTableRowElement; row: FilterableRow }[]>([]);
    const shown = computed(() => rows.value.filter(({ row }) => matchesFilter(row, filter.value)).length);
    return { filter, rows, shown };
  }, []);

  useEffect(() => {
    const table = document.getElementById(tableId);
    state.rows.value = [...(table?.querySelectorAll<HTMLTableRowElement>('tbody tr') ?? [])].map((element) => ({
      element,
      row: {
        entity: element.dataset.entity ?? '',
        obligation: element.dataset.obligation ?? '',
        personal: element.dataset.personal ?? '',
        text: element.dataset.text ?? element.textContent ?? '',
      },
    }));
    return effect(() => {
      for (const { element, row } of state.rows.value) element.hidden = !matchesFilter(row, state.filter.value);
    });
  }, [tableId, state]);

  const update = (patch: Partial<FieldFilterState>) => (state.filter.value = { ...state.filter.value, ...patch });
  const total = state.rows.value.length;
  const filter = state.filter.value;

  return (
    <form class="field-filter" role="search" aria-label={labels.filtres} onSubmit={(event) => event.preventDefault()}>
      <fieldset>
        <legend>{labels.filtres}</legend>
        <label>
          {labels.recherche}
          <input type="search" value={filter.text} onInput={(event) => update({ text: event.currentTarget.value })} />
        </label>
        <label>
          {labels.entite}
          <select value={filter.entity} onChange={(event) => update({ entity: event.currentTarget.value })}>
            <option value="">{labels.toutes}</option>
            {entities.map((entity) => (
              <option value={entity.id}>{entity.label}</option>
            ))}
          </select>
        </label>
        <label>
          {labels.obligation}
          <select value={filter.obligation} onChange={(event) => update({ obligation: event.currentTarget.value as FieldFilterState['obligation'] })}>
            <option value="">{labels.toutes}</option>
            {obligations.map((obligation) => (
              <option value={obligation}>{obligationLabels[obligation]}</option>
            ))}
          </select>
        </label>
        <label>
          {labels.donneesPersonnelles}
          <select value={filter.personal} onChange={(event) => update({ personal: event.currentTarget.value as FieldFilterState['personal'] })}>
            <option value="">{labels.toutes}</option>
            <option value="oui">{labels.oui}</option>
            <option value="non">{labels.non}</option>
          </select>
        </label>
        <button type="button" onClick={() => (state.filter.value = emptyFilter)}>
          {labels.reinitialiser}
        </button>
      </fieldset>
      <p role="status" aria-live="polite">
        {state.shown.value === 0 ? labels.aucunResultat : fill(labels.resultats, { n: state.shown.value, total })}
      </p>
    </form>
  );
}
