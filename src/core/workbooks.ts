import { etatShape } from './etat-des-lieux/layout.ts';
import { kitShape } from './kit/layout.ts';
import type { WorkbookShape } from './workbook/sheets.ts';

/**
 * Every kind of partner workbook the portal knows, by its shape: a workbook dropped on the wrong page is
 * named for what it is. A new kind of workbook adds its layout here.
 */
export const workbookShapes: readonly WorkbookShape[] = [kitShape, etatShape];
