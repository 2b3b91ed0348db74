/**
 * Check keys of the external referentials, as published by the bodies that allocate the codes.
 * Each function takes a code already in its canonical shape (digits, no separator).
 */

/** SIREN of La Poste: its establishments' SIRET do not follow the Luhn rule (see isValidSiret). */
export const LA_POSTE_SIREN = '356000000';
/** La Poste's head office keeps an ordinary Luhn key. */
export const LA_POSTE_HEAD_OFFICE = '35600000000048';

/** Luhn: from the right, every second digit doubled (minus 9 above 9); the sum is a multiple of 10. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) sum += digits.charCodeAt(i) - 48;
  return sum;
}

/**
 * How a 14-digit SIRET is wrong, if it is. The SIREN (9 first digits) carries its own Luhn key,
 * and so does the whole SIRET. La Poste's establishments share one SIREN and are numbered so that
 * the sum of the 14 digits is a multiple of 5 instead; its head office keeps the Luhn key.
 * Rule as implemented by python-stdnum (`stdnum/fr/siret.py`); see ../shared/agora-facts.md.
 */
export function siretFault(siret: string): 'zero' | 'siren-key' | 'la-poste-key' | 'key' | undefined {
  const siren = siret.slice(0, 9);
  // 000000000 passes Luhn (its sum is 0) but is no one's SIREN.
  if (siren === '000000000') return 'zero';
  if (siren === LA_POSTE_SIREN && siret !== LA_POSTE_HEAD_OFFICE) return digitSum(siret) % 5 === 0 ? undefined : 'la-poste-key';
  if (!luhn(siren)) return 'siren-key';
  return luhn(siret) ? undefined : 'key';
}

export function isValidSiret(siret: string): boolean {
  return /^\d{14}$/.test(siret) && siretFault(siret) === undefined;
}

/**
 * UAI check letter: the 7-digit number modulo 23, read in an alphabet without I, O and Q. Corsican
 * establishments are numbered 620…/720… and follow the same rule (no « 02A » in a UAI).
 */
const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export function isValidUai(uai: string): boolean {
  const match = /^(\d{7})([A-Z])$/.exec(uai);
  return match !== null && UAI_LETTERS[Number(match[1]) % 23] === match[2];
}

/**
 * NIR key: 97 minus the 13-character number modulo 97, Corsica's « 2A » and « 2B » read as 19 and 18.
 * 13 digits stay below 2^53: the arithmetic is exact in a double.
 */
export function nirKey(nir13: string): number {
  const numeric = Number(nir13.slice(0, 5) + nir13.slice(5, 7).replace('2A', '19').replace('2B', '18') + nir13.slice(7, 13));
  return 97 - (numeric % 97);
}

/**
 * How the parts of a NIR (13 characters, or 15 with the key) are wrong, if they are:
 * - month (4th–5th characters): 01–12, or a « pseudo-month » 20–42 or 50–99 that INSEE allocates when
 *   the civil-status record gives no month (numéro d'inscription au répertoire, INSEE; summarised in
 *   the Wikipedia article « Numéro de sécurité sociale en France », section « Signification des
 *   chiffres du NIR »). Some libraries read only 20 and 30–42 as pseudo-months; we accept 21–29 too,
 *   so that no real NIR is refused. 00, 13–19 and 43–49 are never allocated;
 * - order number (11th–13th characters): 001–999, never 000;
 * - key (14th–15th characters), when given: nirKey.
 */
export function nirFault(nir: string): 'month' | 'order' | 'key' | undefined {
  const month = Number(nir.slice(3, 5));
  if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50)) return 'month';
  if (nir.slice(10, 13) === '000') return 'order';
  if (nir.length === 15 && Number(nir.slice(13)) !== nirKey(nir)) return 'key';
  return undefined;
}
