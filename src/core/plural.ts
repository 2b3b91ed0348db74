/** French agreement in number: 0 and 1 take the singular (« 0 erreur », « 1 erreur », « 2 erreurs »). */
export function plural(n: number, one: string, other: string): string {
  return Math.abs(n) < 2 ? one : other;
}

/** « 3 erreurs », « 1 234 cellules »: the count written the French way, and its noun agreed. */
export function countOf(n: number, one: string, other: string): string {
  return `${n.toLocaleString('fr-FR')} ${plural(n, one, other)}`;
}
