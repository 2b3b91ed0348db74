import { finding } from '../../problems.ts';
import { countOf } from '../../plural.ts';
import { defineConstraint, removeOrRetype, type Carrier } from './kind.ts';

type Decimals = { decimals?: number | undefined };

/**
 * Digits after the decimal point of a number as a person wrote it. Numbers travel as doubles: a value
 * typed 0,3 may be stored 0.30000000000000004 (Excel writes 17 significant digits), and 1e-7 has seven
 * decimals although `String(1e-7)` shows none. Counted on the value rounded to 15 significant digits,
 * the precision Excel keeps, exponent included.
 */
export function decimalPlaces(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const [mantissa = '', exponent = '0'] = value.toPrecision(15).split('e');
  const fraction = (mantissa.split('.')[1] ?? '').replace(/0+$/, '');
  return Math.max(0, fraction.length - Number(exponent));
}

/**
 * `decimalPlaces(value) > decimals`, without building its text for the values that are clearly within or
 * clearly beyond: scaled by 10^decimals, a value within the limit is an integer up to the last bits of a
 * double (below the 15th significant digit), one beyond it is off by far more.
 */
export function exceedsDecimals(value: number, decimals: number): boolean {
  if (Number.isInteger(value)) return false;
  const scaled = value * 10 ** decimals;
  const off = Math.abs(scaled - Math.round(scaled));
  const size = Math.abs(scaled);
  if (off <= size * 5e-16) return false;
  if (off >= size * 1e-9) return true;
  return decimalPlaces(value) > decimals;
}

const places = (n: number) => countOf(n, 'décimale', 'décimales');

/** `decimals`: the most digits after the decimal point, for `decimal`. */
export const decimals = defineConstraint({
  shape: ({ z }) => ({
    /** Maximum number of digits after the decimal point, for `decimal`. */
    decimals: z.int().nonnegative().optional(),
  }),
  keys: {
    decimals: { label: 'nombre de décimales', narrows: 'lowered', column: { header: 'décimales' } },
  },
  lint: ({ type, constraints: { decimals: n } }: Carrier<Decimals>) =>
    n !== undefined && type !== 'decimal' ? [{ keys: ['decimals'], message: 'La contrainte « decimals » ne s’applique qu’au type décimal.', fix: removeOrRetype }] : [],
  describe: ({ constraints: { decimals: n } }) => (n === undefined ? [] : [`${places(n)} au plus.`]),
  number({ type, constraints: { decimals: n } }) {
    if (n === undefined || type !== 'decimal') return undefined;
    const tooPrecise = n === 0 ? finding('value.decimals', 'La valeur a des décimales ; aucune n’est admise.', 'Arrondissez à l’unité.') : finding('value.decimals', `La valeur a plus de ${places(n)}.`, `Arrondissez à ${places(n)}.`);
    return (value) => (exceedsDecimals(value, n) ? tooPrecise : undefined);
  },
  sample: ({ constraints: { decimals: n } }) => (n === undefined ? {} : { decimals: n }),
  jsonSchema({ type, constraints: { decimals: n } }, schema) {
    if (type === 'decimal' && n !== undefined) schema.multipleOf = 10 ** -n;
  },
  tableNotes: ({ type, constraints: { decimals: n } }) => (type === 'decimal' && n !== undefined ? [n === 0 ? 'sans décimale' : n === 1 ? 'une décimale au plus' : `${n} décimales au plus`] : []),
});
