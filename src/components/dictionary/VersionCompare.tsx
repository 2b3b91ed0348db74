import { signal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { diffDictionaries, type DictionaryDiff } from '../../core/dictionary/diff.ts';
import type { Dictionary } from '../../core/dictionary/model.ts';
import { compareVersions } from '../../core/dictionary/semver.ts';
import { dictionaryJsonUrl } from '../../core/dictionary/urls.ts';
import type { UiStrings } from '../../ui/schema.ts';
import { fill } from '../../ui/fill.ts';
import ChangeList from './ChangeList.tsx';

interface Props {
  /** Every version with a published JSON, newest first, as « 1.1.0 (en vigueur) ». */
  versions: { version: string; label: string }[];
  initialFrom: string;
  initialTo: string;
  labels: UiStrings['versions'];
}

type Outcome = { kind: 'idle' } | { kind: 'loading'; from: string; to: string } | { kind: 'failed'; message: string } | { kind: 'done'; diff: DictionaryDiff; swapped: boolean };

/**
 * Compares any two versions in the browser, from the JSON downloads each version publishes, with the
 * same diff as the release command and the diff pages. Nothing but those public files is fetched.
 */
export default function VersionCompare({ versions, initialFrom, initialTo, labels }: Props) {
  const state = useMemo(() => ({ from: signal(initialFrom), to: signal(initialTo), outcome: signal<Outcome>({ kind: 'idle' }), cache: new Map<string, Promise<Dictionary>>() }), [initialFrom, initialTo]);

  const load = (version: string) => {
    const cached = state.cache.get(version);
    if (cached) return cached;
    const pending = fetch(dictionaryJsonUrl(version)).then(async (response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as Dictionary;
    });
    // A failed download is tried again next time rather than remembered.
    pending.catch(() => state.cache.delete(version));
    state.cache.set(version, pending);
    return pending;
  };

  const compare = async () => {
    const [from, to] = [state.from.value, state.to.value];
    if (from === to) {
      state.outcome.value = { kind: 'failed', message: labels.memeVersion };
      return;
    }
    const swapped = compareVersions(from, to) > 0;
    const [older, newer] = swapped ? [to, from] : [from, to];
    state.outcome.value = { kind: 'loading', from: older, to: newer };
    let failed = older;
    try {
      const before = await load(older);
      failed = newer;
      const after = await load(newer);
      state.outcome.value = { kind: 'done', diff: diffDictionaries(before, after), swapped };
    } catch (error) {
      state.outcome.value = { kind: 'failed', message: fill(labels.echec, { version: failed, message: error instanceof Error ? error.message : String(error) }) };
    }
  };

  useEffect(() => void compare(), []);

  const outcome = state.outcome.value;
  const select = (value: typeof state.from, label: string) => (
    <label>
      {label}
      <select value={value.value} onChange={(event) => (value.value = event.currentTarget.value)}>
        {versions.map((v) => (
          <option value={v.version}>{v.label}</option>
        ))}
      </select>
    </label>
  );
  return (
    <div class="version-compare">
      <form
        aria-label={labels.formulaire}
        onSubmit={(event) => {
          event.preventDefault();
          void compare();
        }}
      >
        <fieldset>
          <legend>{labels.formulaire}</legend>
          {select(state.from, labels.depuis)}
          {select(state.to, labels.vers)}
          <button type="submit">{labels.comparer}</button>
        </fieldset>
      </form>
      <div role="status" aria-live="polite">
        {outcome.kind === 'loading' && <p>{fill(labels.chargement, { from: outcome.from, to: outcome.to })}</p>}
        {outcome.kind === 'failed' && <p class="version-compare-failed">{outcome.message}</p>}
        {outcome.kind === 'done' && outcome.swapped && <p>{fill(labels.ordre, { from: outcome.diff.from, to: outcome.diff.to })}</p>}
      </div>
      {outcome.kind === 'done' && <ChangeList diff={outcome.diff} labels={labels} />}
    </div>
  );
}
