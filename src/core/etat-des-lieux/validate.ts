import { validateWorkbook, type ValidateOptions, type WorkbookDeclaration } from '../workbook/validate.ts';
import { checkEtat } from './checks.ts';
import { etatShape } from './layout.ts';
import type { EtatExtra, EtatReport } from './report.ts';

/** The état des lieux as a partner workbook: its sheets, its checks, what its report and receipt add. */
export const etatWorkbook: WorkbookDeclaration<EtatExtra> = {
  ...etatShape,
  unchecked: { partner: {}, inventory: { dispositifs: [], systemes: [], couples: [] } },
  check: checkEtat,
  // Counts only: the names of dispositifs and systems are the partner's data.
  receiptFigures: ({ inventory }) => ({ inventaire: { dispositifs: inventory.dispositifs.length, systemes: inventory.systemes.length, couples: inventory.couples.length } }),
};

/** Checks an état des lieux end to end; never throws on bad input. Pure: runs in a Worker and in Node tests alike. */
export function validateEtat(bytes: Uint8Array, fileName: string, options: ValidateOptions): Promise<EtatReport> {
  return validateWorkbook(bytes, fileName, etatWorkbook, options);
}
