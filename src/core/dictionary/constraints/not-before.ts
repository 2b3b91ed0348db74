import { finding } from '../../problems.ts';
import { dataTypeLabels } from '../vocabulary.ts';
import { defineConstraint, removeOrRetype, type Carrier } from './kind.ts';

type NotBefore = { notBefore?: string | undefined };

/** `notBefore`: a date no earlier than another date field of the same record, when both are given. */
export const notBefore = defineConstraint({
  shape: ({ fieldCode }) => ({
    /** For `date`: the value must be on or after this date field of the same entity, when both are given. */
    notBefore: fieldCode.optional(),
  }),
  keys: {
    notBefore: { label: 'date non antérieure à', narrows: 'changed', column: { header: 'postérieure à', later: true } },
  },
  lint({ type, constraints: { notBefore: earliest } }: Carrier<NotBefore>, { cite }) {
    if (earliest === undefined) return [];
    if (type !== 'date') return [{ keys: ['notBefore'], message: 'La contrainte « notBefore » ne s’applique qu’au type date.', fix: removeOrRetype }];
    const target = cite(earliest, ['notBefore']);
    return target && target.type !== 'date'
      ? [{ keys: ['notBefore'], message: `« ${earliest} » est de type « ${dataTypeLabels[target.type]} » : « notBefore » doit citer un champ de type date.`, fix: 'Citez le champ date qui doit précéder celui-ci.' }]
      : [];
  },
  describe: ({ constraints: { notBefore: earliest } }) => (earliest === undefined ? [] : [`Égale ou postérieure à ${earliest} quand les deux dates sont renseignées.`]),
  between({ type, label: own, constraints: { notBefore: earliest } }, label) {
    if (type !== 'date' || !earliest) return undefined;
    return {
      other: earliest,
      issue: finding('record.not-before', `La date précède celle du champ ${label(earliest)} sur la même ligne.`, `Vérifiez les deux dates : ${own} ne peut pas être antérieure à ${label(earliest)}.`),
      // AAAA-MM-JJ dates compare as text.
      fails: (date, other) => typeof date === 'string' && typeof other === 'string' && date < other,
    };
  },
  tableNotes: ({ constraints: { notBefore: earliest } }) => (earliest ? [`date égale ou postérieure à ${earliest} quand les deux sont renseignées`] : []),
});
