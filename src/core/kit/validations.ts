import type ExcelJS from 'exceljs';

/**
 * A worksheet's data validations keyed by cell or range (« F3:F123 »). ExcelJS keeps them so but does not
 * declare the property in its types.
 */
export interface SheetValidations {
  model: Record<string, ExcelJS.DataValidation | undefined>;
  add(address: string, validation: ExcelJS.DataValidation): ExcelJS.DataValidation;
}

export const validationsOf = (sheet: ExcelJS.Worksheet): SheetValidations => (sheet as unknown as { dataValidations: SheetValidations }).dataValidations;
