/** Closed lists as a person types their values: how a typed value is matched, and the closest entry suggested. */

/** Compares list values the way a reader does: case, accents, apostrophes and spaces do not count. */
export function normalizeChoice(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function distance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j] ?? 0;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

export type ChoiceMatch = { kind: 'exact' } | { kind: 'loose'; value: string } | { kind: 'none'; suggestion?: string };

/** Matches a typed value against a closed list and, when it is not in it, finds the closest entry. */
export function matchChoice(text: string, choices: readonly string[]): ChoiceMatch {
  if (choices.includes(text)) return { kind: 'exact' };
  const wanted = normalizeChoice(text);
  const loose = choices.find((choice) => normalizeChoice(choice) === wanted);
  if (loose) return { kind: 'loose', value: loose };
  const ranked = choices
    .map((choice) => {
      const normal = normalizeChoice(choice);
      const prefix = wanted.length >= 3 && normal.startsWith(wanted) ? 0 : distance(wanted, normal);
      return { choice, score: prefix / Math.max(normal.length, 1) };
    })
    .sort((a, b) => a.score - b.score);
  const best = ranked[0];
  return best && best.score <= 0.5 ? { kind: 'none', suggestion: best.choice } : { kind: 'none' };
}
