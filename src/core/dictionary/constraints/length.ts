import { finding } from '../../problems.ts';
import { countOf } from '../../plural.ts';
import { defineConstraint, removeOrRetype, type Carrier, type ConstraintProblem } from './kind.ts';

type Length = { minLength?: number | undefined; maxLength?: number | undefined };

const characters = (n: number) => countOf(n, 'caractère', 'caractères');
const textual = (field: Carrier<Length>) => field.type === 'texte' || field.type === 'code';

/** `minLength`, `maxLength`: counted in characters (code points), for text and codes. */
export const length = defineConstraint({
  shape: ({ z }) => ({
    minLength: z.int().nonnegative().optional(),
    maxLength: z.int().positive().optional(),
  }),
  keys: {
    minLength: { label: 'longueur minimale', narrows: 'raised', column: { header: 'longueur min' } },
    maxLength: { label: 'longueur maximale', narrows: 'lowered', column: { header: 'longueur max' } },
  },
  lint(field: Carrier<Length>) {
    const { minLength, maxLength } = field.constraints;
    const problems: ConstraintProblem[] = [];
    for (const [key, value] of [['minLength', minLength], ['maxLength', maxLength]] as const) {
      if (value !== undefined && !textual(field)) problems.push({ keys: [key], message: `La contrainte « ${key} » ne s’applique qu’aux types texte et code.`, fix: removeOrRetype });
    }
    if (minLength !== undefined && maxLength !== undefined && minLength > maxLength) problems.push({ keys: ['minLength'], message: 'La longueur minimale dépasse la longueur maximale.', fix: 'Donnez une longueur minimale inférieure ou égale à la longueur maximale.' });
    return problems;
  },
  describe({ constraints: { minLength, maxLength } }) {
    if (minLength !== undefined && minLength === maxLength) return [`Exactement ${characters(minLength)}.`];
    return [...(minLength === undefined ? [] : [`Au moins ${characters(minLength)}.`]), ...(maxLength === undefined ? [] : [`Au plus ${characters(maxLength)}.`])];
  },
  text({ constraints: { minLength, maxLength } }) {
    // A one-character minimum says « not empty », which the blank check already says.
    const tooShort = minLength !== undefined && minLength > 1 ? finding('value.length', `La valeur compte moins de ${characters(minLength)}.`, 'Complétez la valeur.') : undefined;
    const tooLong = maxLength !== undefined ? finding('value.length', `La valeur dépasse ${characters(maxLength)}.`, `Raccourcissez-la à ${characters(maxLength)} au plus.`) : undefined;
    if (!tooShort && !tooLong) return undefined;
    const low = minLength ?? 0;
    const high = maxLength ?? Infinity;
    return (value) => {
      // Code points, not UTF-16 units: « 𝔸 » is one character but two units, so a text has between half
      // its length and its length in characters. Counted only when that range straddles a limit.
      const units = value.length;
      if (tooShort && units < low) return tooShort;
      const count = (tooShort && units < 2 * low) || (tooLong && units > high) ? codePoints(value) : units;
      if (tooShort && count < low) return tooShort;
      if (tooLong && count > high) return tooLong;
      return undefined;
    };
  },
  jsonSchema({ type, constraints: { minLength, maxLength } }, schema) {
    if (type !== 'texte' && type !== 'code') return;
    if (minLength !== undefined) schema.minLength = minLength;
    if (maxLength !== undefined) schema.maxLength = maxLength;
  },
  tableSchema({ constraints: { minLength, maxLength } }, constraints) {
    if (minLength !== undefined) constraints.minLength = minLength;
    if (maxLength !== undefined) constraints.maxLength = maxLength;
  },
});

/** Characters of a text (a surrogate pair is one, as `[...text]` counts), by a scan: no array per cell. */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count -= 1;
        i += 1;
      }
    }
  }
  return count;
}
