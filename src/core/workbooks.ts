import { etatShape } from './etat-des-lieux/layout.ts';
import { kitShape } from './kit/layout.ts';
import type { WorkbookDeclaration } from './workbook/validate.ts';
import type { WorkbookShape } from './workbook/sheets.ts';

/**
 * Every kind of partner workbook the portal knows: its shape, by which a workbook dropped on the wrong
 * page is named for what it is, and its declaration (its checks), loaded only where a workbook of any
 * kind may come (the command line) — a page's Worker imports its own kind's only. A new kind of
 * workbook is one entry here.
 */
export interface WorkbookKind {
  readonly shape: WorkbookShape;
  declaration(): Promise<WorkbookDeclaration<object>>;
}

const kinds = [
  { shape: kitShape, declaration: async () => (await import('./kit/validate.ts')).kitWorkbook },
  { shape: etatShape, declaration: async () => (await import('./etat-des-lieux/validate.ts')).etatWorkbook },
] as const satisfies readonly WorkbookKind[];

export const workbookKinds: readonly WorkbookKind[] = kinds;

/** « kit », « etat-des-lieux »: the kinds by the name they go by in rule ids, pages and reports. */
export type WorkbookSlug = (typeof kinds)[number]['shape']['names']['slug'];

export const workbookShapes: readonly WorkbookShape[] = kinds.map((kind) => kind.shape);

/** Every kind's declaration, in the list's order. */
export const workbookDeclarations = (): Promise<WorkbookDeclaration<object>[]> => Promise.all(kinds.map((kind) => kind.declaration()));
