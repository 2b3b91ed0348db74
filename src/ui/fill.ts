/** Fills `{name}` placeholders of a UI string (kept apart from strings.ts so islands do not bundle the YAML loader). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}
