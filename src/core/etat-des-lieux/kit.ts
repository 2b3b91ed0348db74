import type { Dictionary } from '../dictionary/model.ts';
import { kitTemplateWorkbook } from '../kit/template.ts';
import { MAX_PAIRS, pairColumns, pairFirstRow, partnerRows as kitPartnerRows, sheetNames as kitSheets } from '../kit/layout.ts';
import { partnerFirstRow, partnerValueColumn } from '../workbook/partner.ts';
import { templateBytes, type ExcelModule, type TemplateOptions } from '../workbook/template.ts';
import { etatSheets } from './layout.ts';
import type { EtatReport } from './report.ts';

/** How many kits the état des lieux's pairs need: a kit holds MAX_PAIRS pairs. */
export const kitCount = (report: EtatReport): number => Math.max(1, Math.ceil(report.inventory.couples.length / MAX_PAIRS));

const column = (key: (typeof pairColumns)[number]['key']) => pairColumns.findIndex((c) => c.key === key) + 1;

/**
 * The kit de diagnostic pre-filled from a checked état des lieux: « Partenaire » with the same answers,
 * « Dispositifs » with its pairs (part `part` of kitCount when there are more than a kit holds), each
 * named by its codes and labels so that the cross-check recognises it. Built in the browser: the
 * partner's data never leaves it.
 */
export async function kitFromEtat(excel: ExcelModule, dictionary: Dictionary, report: EtatReport, part: number, options: TemplateOptions = {}): Promise<{ bytes: Uint8Array; fileName: string }> {
  const workbook = await kitTemplateWorkbook(excel, dictionary, options);
  const partner = workbook.getWorksheet(kitSheets.partner);
  kitPartnerRows.forEach((row, i) => {
    const value = row.key === 'siret' ? report.siret?.value : report.partner[row.key];
    if (value && partner) partner.getCell(partnerFirstRow + i, partnerValueColumn).value = value;
  });
  const { dispositifs, systemes, couples } = report.inventory;
  const pairs = workbook.getWorksheet(kitSheets.pairs);
  couples.slice(part * MAX_PAIRS, (part + 1) * MAX_PAIRS).forEach((couple, i) => {
    const dispositif = dispositifs.find((d) => d.code === couple.dispositif);
    const systeme = systemes.find((s) => s.code === couple.si);
    const r = pairFirstRow + i;
    if (!pairs || !dispositif || !systeme) return;
    pairs.getCell(r, column('dispositif')).value = `${dispositif.code} — ${dispositif.libelle}`;
    pairs.getCell(r, column('si')).value = `${systeme.code} — ${systeme.nom}`;
    pairs.getCell(r, column('financement')).value = dispositif.financements.join(' ; ');
    pairs.getCell(r, column('commentaire')).value = `Repris de l’état des lieux (feuille « ${etatSheets.perimetre} », ligne ${couple.row}).`;
  });
  const count = kitCount(report);
  const base = report.fileName.replace(/\.(xlsx|xlsm|xls|ods)$/i, '');
  const fileName = `${base}-kit-diagnostic-${dictionary.manifest.version}${count > 1 ? `-${part + 1}-sur-${count}` : ''}.xlsx`;
  return { bytes: await templateBytes(workbook, dictionary.manifest.date), fileName };
}
