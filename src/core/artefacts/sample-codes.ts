import { luhn } from '../referentials/checksums.ts';

/**
 * Fictitious but well-formed codes of the external referentials, for sample extracts: their keys
 * are right (SIRET and its SIREN by Luhn, UAI letter, NIR key when asked) and their parts plausible
 * (real department numbers, months 01–12, real ISO country codes), so that they pass the strict
 * checks of the validators, not only the patterns of the dictionary.
 */

/** Values numbered 0…capacity−1, each number giving a different value. */
export interface ValueMaker {
  capacity: number;
  make(n: number): string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Mixed-radix digits of n, least significant first: one per radix. */
function digits(n: number, radices: readonly number[]): number[] {
  return radices.map((radix) => {
    const digit = n % radix;
    n = Math.floor(n / radix);
    return digit;
  });
}

const product = (radices: readonly number[]) => radices.reduce((total, radix) => total * radix, 1);

const DIGITS = [...'0123456789'];
/** The digit that makes `partial` followed by it pass the Luhn check. */
const luhnDigit = (partial: string): number => DIGITS.findIndex((digit) => luhn(`${partial}${digit}`));

/** Metropolitan departments as codes read them (Corsica is 2A and 2B since 1976). */
const DEPARTMENTS = [...Array.from({ length: 95 }, (_, i) => pad(i + 1, 2)).filter((d) => d !== '20'), '2A', '2B'];
/** Department part of a postal code: Corsica keeps 20. */
const POSTAL_DEPARTMENTS = Array.from({ length: 95 }, (_, i) => pad(i + 1, 2));
/** UAI start with the department on three characters; Corsica is 620 and 720, overseas 971–976. */
const UAI_DEPARTMENTS = [...POSTAL_DEPARTMENTS.filter((d) => d !== '20').map((d) => `0${d}`), '620', '720', '971', '972', '973', '974', '976'];
/** Real ISO 3166-1 alpha-2 codes, most frequent first in training files. */
const COUNTRIES = ['FR', 'BE', 'LU', 'CH', 'DE', 'ES', 'IT', 'PT', 'GB', 'NL', 'PL', 'RO', 'MA', 'DZ', 'TN', 'SN', 'CI', 'ML', 'CM', 'CD', 'MG', 'HT', 'TR', 'UA', 'VN', 'CN', 'BR', 'CA', 'US', 'SY', 'AF'];
const LA_POSTE_BODY = 35600000;
const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** SIREN 1xxxxxxxk…9xxxxxxxk (Luhn key k), then a small NIC 00ddk (Luhn key of the SIRET). */
const siret: ValueMaker = (() => {
  const radices = [100, 9e7 - 1];
  return {
    capacity: product(radices),
    make(n) {
      const [nic = 0, base = 0] = digits(n, radices);
      // La Poste's SIREN (356000000) follows another rule: step over it.
      const body = String(1e7 + base + (1e7 + base >= LA_POSTE_BODY ? 1 : 0));
      const siren = `${body}${luhnDigit(body)}`;
      const partial = `${siren}00${pad(nic, 2)}`;
      return `${partial}${luhnDigit(partial)}`;
    },
  };
})();

/** 7 digits (department, then a number) and the letter of their value modulo 23. */
const uai: ValueMaker = (() => {
  const radices = [1e4, UAI_DEPARTMENTS.length];
  return {
    capacity: product(radices),
    make(n) {
      const [number = 0, department = 0] = digits(n, radices);
      const seven = `${UAI_DEPARTMENTS[department]}${pad(number, 4)}`;
      return `${seven}${UAI_LETTERS[Number(seven) % 23]}`;
    },
  };
})();

/** NIR without key: sex 1 or 2, year, month 01–12, department, commune 001–899, order 001–999. */
function nir(withKey: boolean): ValueMaker {
  const radices = [999, 899, DEPARTMENTS.length, 12, 100, 2];
  return {
    capacity: product(radices),
    make(n) {
      const [order = 0, commune = 0, department = 0, month = 0, year = 0, sex = 0] = digits(n, radices);
      const place = DEPARTMENTS[department] ?? '75';
      const body = `${sex + 1}${pad(year, 2)}${pad(month + 1, 2)}${place}${pad(commune + 1, 3)}${pad(order + 1, 3)}`;
      if (!withKey) return body;
      // The key is computed on the number, Corsica's 2A and 2B read as 19 and 18.
      const numeric = Number(body.replace('2A', '19').replace('2B', '18'));
      return `${body}${pad(97 - (numeric % 97), 2)}`;
    },
  };
}

const communeInsee: ValueMaker = {
  capacity: DEPARTMENTS.length * 899,
  make: (n) => `${DEPARTMENTS[n % DEPARTMENTS.length]}${pad(Math.floor(n / DEPARTMENTS.length) + 1, 3)}`,
};

const postalCode: ValueMaker = {
  capacity: POSTAL_DEPARTMENTS.length * 1000,
  make: (n) => `${POSTAL_DEPARTMENTS[n % POSTAL_DEPARTMENTS.length]}${pad(Math.floor(n / POSTAL_DEPARTMENTS.length), 3)}`,
};

const country: ValueMaker = { capacity: COUNTRIES.length, make: (n) => COUNTRIES[n] ?? 'FR' };

/**
 * Makers for the referentials whose codes have a structure worth knowing, by referential id or
 * checksum algorithm; the others are derived from their example (see sample-extract.ts). Some
 * come in variants (the NIR with or without its key): the caller keeps the first its checks accept.
 */
export const referentialMakers: Record<string, readonly ValueMaker[]> = {
  siret: [siret],
  uai: [uai],
  nir: [nir(false), nir(true)],
  'code-commune-insee': [communeInsee],
  'code-postal': [postalCode],
  'code-pays': [country],
};
