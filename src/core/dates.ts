/** The one French date formatter of the core: « 01/01/2017 », from an AAAA-MM-JJ text or a UTC date. */
export function frenchDate(date: string | Date): string {
  if (typeof date === 'string') return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
  return `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;
}

/** The AAAA-MM-JJ text of a UTC date. */
export const isoDate = (date: Date): string => date.toISOString().slice(0, 10);
