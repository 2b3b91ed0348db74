import type { Change, DictionaryDiff } from '../../core/dictionary/diff.ts';
import { itemUrl } from '../../core/dictionary/urls.ts';
import type { UiStrings } from '../../ui/schema.ts';
import { fill, fillCount } from '../../ui/fill.ts';

interface Props {
  diff: DictionaryDiff;
  labels: UiStrings['versions'];
}

type Group = keyof UiStrings['versions']['groupes'];
/** The section of the list a change belongs to, by the kind of item it is about. */
export const groupOfChange = (change: Change): Group => {
  const [prefix] = change.type.split('-');
  return prefix === 'entity' ? 'entites' : prefix === 'field' ? 'champs' : prefix === 'referential' ? 'referentiels' : prefix === 'source' ? 'sources' : 'nomenclatures';
};
const groups: Group[] = ['entites', 'champs', 'nomenclatures', 'referentiels', 'sources'];

/**
 * The changes between two versions, grouped by kind of item, each linked to the item in both versions
 * and flagged when it breaks compatibility. Rendered at build time on the diff pages (no JavaScript) and
 * in the browser by the comparison island.
 */
export default function ChangeList({ diff, labels }: Props) {
  const breaking = diff.changes.filter((change) => change.bump === 'majeure').length;
  if (diff.changes.length === 0) return <p>{fill(labels.aucunChangement, { from: diff.from, to: diff.to })}</p>;
  return (
    <div class="change-list">
      <p>{fillCount(labels.resume, diff.changes.length, { from: diff.from, to: diff.to, niveau: labels.niveaux[diff.bump] })}</p>
      {breaking > 0 && <p class="change-breaking-summary">{fillCount(labels.ruptures, breaking, { from: diff.from, to: diff.to })}</p>}
      {groups.map((group) => {
        const changes = diff.changes.filter((change) => groupOfChange(change) === group);
        if (changes.length === 0) return null;
        const id = `changements-${group}`;
        return (
          <section aria-labelledby={id}>
            <h2 id={id}>
              {labels.groupes[group]} ({changes.length})
            </h2>
            <ul>
              {changes.map((change) => (
                <li data-change={change.type} data-subject={change.subject} data-bump={change.bump} class={change.bump === 'majeure' ? 'is-breaking' : undefined}>
                  <code>{change.subject}</code> — {change.message}{' '}
                  {change.bump === 'majeure' && <strong class="change-flag">{labels.rupture}</strong>}{' '}
                  <span class="change-links">
                    {change.before && <a href={itemUrl(diff.from, change.before)}>{fill(labels.lienVersion, { version: diff.from })}</a>}
                    {change.before && change.after && ' · '}
                    {change.after && <a href={itemUrl(diff.to, change.after)}>{fill(labels.lienVersion, { version: diff.to })}</a>}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
