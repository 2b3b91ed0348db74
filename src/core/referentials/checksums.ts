import type { ChecksumAlgorithm } from '../dictionary/schemas/referential.ts';

/** SIREN of La Poste: its establishments' SIRET break the Luhn rule, their digit sum is a multiple of 5. */
const LA_POSTE_SIREN = '356000000';

/** A SIRET is 14 digits whose Luhn key is valid, except for La Poste's establishments. */
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith(LA_POSTE_SIREN)) {
    const sum = [...siret].reduce((total, digit) => total + Number(digit), 0);
    return siret === `${LA_POSTE_SIREN}00012` || sum % 5 === 0;
  }
  return luhn(siret);
}

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** UAI check letter: the 7-digit number modulo 23, read in an alphabet without I, O and Q. */
const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export function isValidUai(uai: string): boolean {
  const match = /^(\d{7})([A-Z])$/.exec(uai);
  // Corsican UAI (02A…, 02B…) have no published numeric key: the pattern check is all we can do.
  if (!match) return /^02[AB]\d{4}[A-Z]$/.test(uai);
  return UAI_LETTERS[Number(match[1]) % 23] === match[2];
}

export const checksums: Record<ChecksumAlgorithm, (code: string) => boolean> = {
  siret: isValidSiret,
  uai: isValidUai,
};
