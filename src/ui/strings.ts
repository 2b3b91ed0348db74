import { loadDataFile } from '../core/data-file.ts';
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

/** The islands' French labels; pages pass the section an island needs as props. */
export const ui = typeset(loadDataFile('src/ui/fr.yaml', source, uiStringsSchema)) as UiStrings;

export { fill } from './fill.ts';
