import { parse } from 'yaml';
import { frenchTypography } from '../core/typography.ts';
import source from './fr.yaml?raw';
import { uiStringsSchema, type UiStrings } from './schema.ts';

/** Applies French typography to every string of a parsed tree. */
function typeset(value: unknown): unknown {
  if (typeof value === 'string') return frenchTypography(value);
  if (Array.isArray(value)) return value.map(typeset);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeset(v)]));
  return value;
}

const parsed = uiStringsSchema.safeParse(typeset(parse(source)));
if (!parsed.success) {
  throw new Error(`src/ui/fr.yaml : ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(' ; ')}`);
}

/** The islands' French labels; pages pass the section an island needs as props. */
export const ui: UiStrings = parsed.data;

export { fill } from './fill.ts';
