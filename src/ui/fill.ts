import { plural } from '../core/plural.ts';

/** Fills `{name}` placeholders of a UI string (kept apart from strings.ts so islands do not bundle the YAML loader). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}

/** Fills the form of a counted text that agrees with `n` (« 1 erreur », « 2 erreurs »); `n` is written the French way. */
export function fillCount(forms: { un: string; plusieurs: string }, n: number, values: Record<string, string | number> = {}): string {
  return fill(plural(n, forms.un, forms.plusieurs), { ...values, n: n.toLocaleString('fr-FR') });
}

/**
 * Sets up the French number and date formats while the page is idle: their first use costs tens of
 * milliseconds, which would otherwise fall on the rendering of a report and block the page.
 */
export function prepareFrenchFormats(): void {
  const warm = () => {
    (0).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
    new Date(0).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' });
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warm);
  else setTimeout(warm, 0);
}
