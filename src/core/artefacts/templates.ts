import ExcelJS from 'exceljs';
import type { Dictionary } from '../dictionary/model.ts';
import { etatTemplate } from '../etat-des-lieux/template.ts';
import { kitTemplate } from '../kit/template.ts';
import type { TemplateOptions } from '../workbook/template.ts';

/**
 * The partner workbook templates as build artefacts: ExcelJS is bundled here, at build time. In the
 * browser the templates are built from the same code with ExcelJS loaded on demand.
 */
export const buildKitTemplate = (dictionary: Dictionary, options: TemplateOptions = {}): Promise<Uint8Array> => kitTemplate(ExcelJS, dictionary, options);
export const buildEtatTemplate = (dictionary: Dictionary, options: TemplateOptions = {}): Promise<Uint8Array> => etatTemplate(ExcelJS, dictionary, options);
