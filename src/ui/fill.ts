/** Fills `{name}` placeholders of a UI string (kept apart from strings.ts so islands do not bundle the YAML loader). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}

/** A count and its noun agreed: the « un » form for 0 and 1, « autres » from 2; `{n}` written the French way. */
export function fillCount(forms: { un: string; autres: string }, n: number, values: Record<string, string | number> = {}): string {
  return fill(Math.abs(n) < 2 ? forms.un : forms.autres, { ...values, n: n.toLocaleString('fr-FR') });
}
