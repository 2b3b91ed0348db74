import type { Ref } from 'preact';
import type { Severity } from '../../core/problems.ts';
import { fillCount } from '../../ui/fill.ts';

type Counted = { un: string; plusieurs: string };

interface Props {
  id: string;
  headingRef: Ref<HTMLHeadingElement>;
  verdict: string;
  verdictLabel: string;
  labels: { resultat: string; erreurs: Counted; avertissements: Counted; informations: Counted };
  counts: Record<Severity, number>;
}

/** What every validator's report says first: its verdict (focused when the report appears) and its counts by severity. */
export default function Verdict({ id, headingRef, verdict, verdictLabel, labels, counts }: Props) {
  return (
    <>
      <h2 id={id} ref={headingRef} tabIndex={-1} class={`kit-verdict kit-verdict-${verdict}`}>
        {labels.resultat} : {verdictLabel}
      </h2>
      <ul class="kit-counts">
        <li class="is-erreur">{fillCount(labels.erreurs, counts.erreur)}</li>
        <li class="is-avertissement">{fillCount(labels.avertissements, counts.avertissement)}</li>
        <li class="is-information">{fillCount(labels.informations, counts.information)}</li>
      </ul>
    </>
  );
}
