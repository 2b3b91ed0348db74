import type { Problem } from '../problems.ts';
import type { WorkbookReport } from '../workbook/report.ts';

/** An issue of a kit: the one shape every partner workbook reports in. */
export type KitIssue = Problem;

export type Availability = 'Disponible' | 'Partiellement disponible' | 'Non disponible' | 'Non applicable';

/** For one dispositif × SI: how many fields of each obligation are available, partly or not. */
export interface CoverageRow {
  dispositif: string;
  byObligation: Record<'obligatoire' | 'conditionnelle' | 'facultative', { total: number; disponible: number; partiel: number; nonDisponible: number; nonApplicable: number; vide: number }>;
}

/** What a kit's report adds to every workbook's: the coverage of the dictionary, pair by pair. */
export interface KitExtra {
  coverage: CoverageRow[];
  /** Each declared pair as typed in « Dispositifs », with its row: the cross-check with the état des lieux reads them. */
  pairs: { number: number; dispositif: string; si: string; row: number }[];
  /** The partner's SIRET and where it stands, for the same cross-check. */
  siret?: { value: string; place: string };
}

export type KitReport = WorkbookReport & KitExtra;
