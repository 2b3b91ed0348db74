import type { WorkbookReport } from '../workbook/report.ts';

/** A dispositif as the état des lieux declares it, with its row in « Dispositifs ». */
export interface InventoryDispositif {
  code: string;
  libelle: string;
  /** Its funding sources, as the list writes them (« Autre » completed by its précision). */
  financements: string[];
  row: number;
}

export interface InventorySysteme {
  code: string;
  nom: string;
  row: number;
}

/** A dispositif × SI pair of « Périmètre », by codes, with its row. */
export interface InventoryCouple {
  dispositif: string;
  si: string;
  row: number;
}

/**
 * What an état des lieux's report adds to every workbook's: the inventory it declares and the partner's
 * answers. They are the partner's data: kept in the page's memory to build the kit and cross-check it,
 * never written to a receipt.
 */
export interface EtatExtra {
  partner: Record<string, string>;
  siret?: { value: string; place: string };
  inventory: { dispositifs: InventoryDispositif[]; systemes: InventorySysteme[]; couples: InventoryCouple[] };
}

export type EtatReport = WorkbookReport & EtatExtra;
