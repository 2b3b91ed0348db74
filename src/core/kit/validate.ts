import { validatePartnerRecord } from './schemas.ts';
import { checkPartnerAnswers } from '../workbook/partner.ts';
import type { SheetView } from '../workbook/sheet.ts';
import { validateWorkbook, type ValidateOptions, type WorkbookDeclaration } from '../workbook/validate.ts';
import { checkAnswers } from './coherence.ts';
import { coverageShare } from './exports.ts';
import { kitShape, partnerRows, sheetNames } from './layout.ts';
import { readPairs } from './pairs.ts';
import type { KitExtra, KitReport } from './report.ts';
import { dateRules } from './rules.ts';
import { checkFingerprint, checkStructure } from './structure.ts';

export { ValidationCancelled, type ValidateOptions } from '../workbook/validate.ts';

/** The kit de diagnostic as a partner workbook: its sheets, its checks, what its report and receipt add. */
export const kitWorkbook: WorkbookDeclaration<KitExtra> = {
  ...kitShape,
  unchecked: { coverage: [], pairs: [] },
  async check({ workbook, sheets, dictionaries, now, values, issues, step }) {
    const sheet = (name: string) => sheets.get(name) as SheetView;
    const kitSheets = { partner: sheet(sheetNames.partner), pairs: sheet(sheetNames.pairs), diagnostic: sheet(sheetNames.diagnostic) };
    const structure = checkStructure(workbook, kitSheets, dictionaries, issues);
    const { version } = structure;
    if (version?.metadata) await checkFingerprint(version.metadata, version.dictionary, issues);
    await step('Valeurs et cohérence', 0.7);
    const partner = checkPartnerAnswers(kitSheets.partner, partnerRows, structure.partnerRowsRead, validatePartnerRecord, dateRules.diagnostic, now, values, issues);
    const extra: KitExtra = { coverage: [], pairs: [], ...(partner.siret ? { siret: partner.siret } : {}) };
    if (!structure.pairsReadable) return { ...(version ? { version } : {}), dispositifs: [], extra };
    const pairs = readPairs(kitSheets.pairs, issues);
    extra.pairs = [...pairs.values()].map(({ number, dispositif, si, row }) => ({ number, dispositif, si, row }));
    if (version) extra.coverage = checkAnswers(kitSheets.diagnostic, structure, pairs, now, values, issues);
    return { ...(version ? { version } : {}), dispositifs: [...pairs.values()].map((pair) => pair.label), extra };
  },
  // Pairs are numbered, not named: their names are the partner's data.
  receiptFigures: ({ coverage }) => ({
    couverture: coverage.map((row, i) => ({
      couple: i + 1,
      obligatoires: coverageShare(row.byObligation.obligatoire),
      conditionnelles: coverageShare(row.byObligation.conditionnelle),
      facultatives: coverageShare(row.byObligation.facultative),
    })),
  }),
};

/**
 * Checks a kit de diagnostic end to end. Never throws on bad input: an unreadable file is a report
 * with the verdict « illisible » and the reason. Pure: runs in the Worker and in Node tests alike.
 */
export function validateKit(bytes: Uint8Array, fileName: string, options: ValidateOptions): Promise<KitReport> {
  return validateWorkbook(bytes, fileName, kitWorkbook, options);
}
