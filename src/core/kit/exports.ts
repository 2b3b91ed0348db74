import { verdictLabelsOf } from '../workbook/report.ts';
import { kitNames } from './layout.ts';
import type { CoverageRow } from './report.ts';

/** The verdicts as a kit's report says them. */
export const verdictLabels = verdictLabelsOf(kitNames);

/** Share of fields of one obligation stated available, partly or fully, for one pair (0–100). */
export function coverageShare(counts: CoverageRow['byObligation'][keyof CoverageRow['byObligation']]): number {
  const applicable = counts.total - counts.nonApplicable;
  return applicable <= 0 ? 100 : Math.round(((counts.disponible + counts.partiel) / applicable) * 1000) / 10;
}
