/**
 * Version numbers of the dictionary (« MAJEUR.MINEUR.CORRECTIF ») and the bump each kind of change
 * requires. No zod: the in-browser comparison of versions uses it too.
 */

/** The bump a change requires, from the strongest: breaking, compatible addition, wording. */
export const bumps = ['majeure', 'mineure', 'correctif'] as const;
export type Bump = (typeof bumps)[number];

export const bumpLabels: Record<Bump, string> = {
  majeure: 'version majeure',
  mineure: 'version mineure',
  correctif: 'version corrective',
};

/** « 2.1.0 »: three numbers, no « v », no suffix. */
export const isVersion = (text: string) => /^\d+\.\d+\.\d+$/.test(text);

/** An AAAA-MM-JJ day that exists in the calendar (« 2026-13-45 » and « 2026-02-30 » do not). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

export function parseVersion(version: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  return [major, minor, patch];
}

/** Negative when a < b, positive when a > b, 0 when equal. */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** Newest first. */
export const newestFirst = (a: string, b: string) => compareVersions(b, a);

/** The strongest of several bumps (`correctif` for none). */
export function strongestBump(levels: Iterable<Bump>): Bump {
  let strongest: Bump = 'correctif';
  for (const level of levels) if (bumps.indexOf(level) < bumps.indexOf(strongest)) strongest = level;
  return strongest;
}

/** The number that follows `previous` for a given bump: 1.2.3 → 2.0.0, 1.3.0 or 1.2.4. */
export function nextVersion(previous: string, bump: Bump): string {
  const [major, minor, patch] = parseVersion(previous);
  if (bump === 'majeure') return `${major + 1}.0.0`;
  if (bump === 'mineure') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/**
 * The bump from `previous` to `next`, or why `next` cannot follow `previous` at all: it must be
 * greater, and a raised part resets the parts after it (semantic versioning, items 7 and 8).
 */
export function bumpBetween(previous: string, next: string): { bump: Bump } | { problem: string } {
  if (compareVersions(next, previous) <= 0) return { problem: `la version ${next} n’est pas postérieure à la version publiée ${previous}` };
  const [a, b, c] = parseVersion(previous);
  const [x, y, z] = parseVersion(next);
  if (x > a) return y === 0 && z === 0 ? { bump: 'majeure' } : { problem: `une version majeure remet à zéro les deux autres nombres (${x}.0.0)` };
  if (y > b) return z === 0 ? { bump: 'mineure' } : { problem: `une version mineure remet à zéro le dernier nombre (${x}.${y}.0)` };
  return z > c ? { bump: 'correctif' } : { problem: `la version ${next} n’est pas postérieure à la version publiée ${previous}` };
}

/** Whether `given` is at least as strong as `required`. */
export const covers = (given: Bump, required: Bump) => bumps.indexOf(given) <= bumps.indexOf(required);
