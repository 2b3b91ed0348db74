import { frenchDate } from '../../dates.ts';
import { finding } from '../../problems.ts';
import { defineConstraint, removeOrRetype, type Carrier, type ConstraintProblem } from './kind.ts';

type Bound = number | string;
type Bounds = { min?: Bound | undefined; max?: Bound | undefined };

const numeric = (type: string) => type === 'entier' || type === 'decimal';

/** `min`, `max`: numbers for `entier` and `decimal`, AAAA-MM-JJ dates for `date` (which compare as text). */
export const bounds = defineConstraint({
  shape: ({ z }) => ({
    /** Bounds: numbers for `entier`/`decimal`, AAAA-MM-JJ dates for `date`. */
    min: z.union([z.number(), z.iso.date()]).optional(),
    max: z.union([z.number(), z.iso.date()]).optional(),
  }),
  keys: {
    min: { label: 'minimum', narrows: 'raised', column: { header: 'min' } },
    max: { label: 'maximum', narrows: 'lowered', column: { header: 'max' } },
  },
  lint({ type, constraints: { min, max } }: Carrier<Bounds>) {
    const problems: ConstraintProblem[] = [];
    for (const [key, bound] of [['min', min], ['max', max]] as const) {
      if (bound === undefined) continue;
      const fits = numeric(type) ? typeof bound === 'number' : type === 'date' && typeof bound === 'string';
      if (!fits) problems.push({ keys: [key], message: `La contrainte « ${key} » doit être un nombre pour un type numérique, une date pour le type date, et ne s’applique pas aux autres.`, fix: removeOrRetype });
    }
    if (min !== undefined && max !== undefined && min > max) problems.push({ keys: ['min'], message: 'Le minimum est supérieur au maximum.', fix: 'Donnez un minimum inférieur ou égal au maximum.' });
    return problems;
  },
  describe({ type, constraints: { min, max } }) {
    const unit = type === 'date' ? 'le' : '';
    if (min !== undefined && max !== undefined) return [`Compris entre ${unit} ${min} et ${unit} ${max}.`.replace(/\s+/g, ' ')];
    if (min !== undefined) return [`Supérieur ou égal à ${min}.`];
    if (max !== undefined) return [`Inférieur ou égal à ${max}.`];
    return [];
  },
  number({ constraints: { min, max } }) {
    const tooLow = typeof min === 'number' ? finding('value.range', `La valeur est inférieure au minimum admis (${min}).`, `Indiquez une valeur supérieure ou égale à ${min}.`) : undefined;
    const tooHigh = typeof max === 'number' ? finding('value.range', `La valeur dépasse le maximum admis (${max}).`, `Indiquez une valeur inférieure ou égale à ${max}.`) : undefined;
    if (!tooLow && !tooHigh) return undefined;
    return (value) => {
      if (tooLow && value < (min as number)) return tooLow;
      if (tooHigh && value > (max as number)) return tooHigh;
      return undefined;
    };
  },
  date({ constraints: { min, max } }) {
    const tooEarly = typeof min === 'string' ? finding('value.range', `La date est antérieure au ${frenchDate(min)}, première date admise.`, 'Vérifiez l’année saisie.') : undefined;
    const tooLate = typeof max === 'string' ? finding('value.range', `La date est postérieure au ${frenchDate(max)}, dernière date admise.`, 'Vérifiez l’année saisie.') : undefined;
    if (!tooEarly && !tooLate) return undefined;
    return (value) => {
      if (tooEarly && value < (min as string)) return tooEarly;
      if (tooLate && value > (max as string)) return tooLate;
      return undefined;
    };
  },
  sample: ({ constraints: { min, max } }) => ({ ...(min === undefined ? {} : { low: min }), ...(max === undefined ? {} : { high: max }) }),
  jsonSchema({ type, constraints: { min, max } }, schema) {
    if (numeric(type)) {
      if (typeof min === 'number') schema.minimum = min;
      if (typeof max === 'number') schema.maximum = max;
    } else if (type === 'date') {
      if (typeof min === 'string') schema.formatMinimum = min;
      if (typeof max === 'string') schema.formatMaximum = max;
    }
  },
  tableSchema({ constraints: { min, max } }, constraints) {
    if (min !== undefined) constraints.minimum = min;
    if (max !== undefined) constraints.maximum = max;
  },
});
