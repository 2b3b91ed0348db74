import * as XLSX from '@e965/xlsx';
import type ExcelJS from 'exceljs';
import { severityLabels, type Severity } from '../problems.ts';
import { verdictLabels } from './exports.ts';
import type { KitIssue, KitReport } from './report.ts';

const fills: Record<Severity, string> = { erreur: 'FFFFC7CE', avertissement: 'FFFFEB9C', information: 'FFDDEBF7' };
const rank: Record<Severity, number> = { erreur: 0, avertissement: 1, information: 2 };

/** ExcelJS is heavy: loaded only when a partner asks for the annotated copy. */
type ExcelModule = { Workbook: new () => ExcelJS.Workbook };

/**
 * A new workbook: the partner's content, each cell with an issue highlighted and noted, plus a
 * « Rapport » sheet listing every issue with a link to its cell. `bytes` is copied, never changed.
 */
export async function annotateWorkbook(bytes: Uint8Array, report: KitReport, excel: ExcelModule): Promise<{ bytes: Uint8Array; fileName: string }> {
  const xlsx = /\.(xls|ods)$/i.test(report.fileName) ? toXlsx(bytes) : bytes.slice();
  const workbook = new excel.Workbook();
  await workbook.xlsx.load(xlsx.buffer as ArrayBuffer);

  const byCell = new Map<string, KitIssue[]>();
  for (const issue of report.issues) {
    if (!issue.sheet || !issue.cell) continue;
    const key = `${issue.sheet}!${issue.cell}`;
    byCell.set(key, [...(byCell.get(key) ?? []), issue]);
  }
  for (const [key, issues] of byCell) {
    const [sheetName, cellRef] = key.split('!') as [string, string];
    const sheet = workbook.getWorksheet(sheetName);
    if (!sheet) continue;
    const worst = issues.reduce((a, b) => (rank[b.severity] < rank[a.severity] ? b : a));
    const cell = sheet.getCell(cellRef);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fills[worst.severity] } };
    cell.note = issues.map((issue) => `${severityLabels[issue.severity]} : ${issue.message}${issue.fix ? `\n→ ${issue.fix}` : ''}`).join('\n\n');
  }

  let name = 'Rapport';
  for (let n = 2; workbook.getWorksheet(name); n += 1) name = `Rapport ${n}`;
  const sheet = workbook.addWorksheet(name, { properties: { tabColor: { argb: 'FFC00000' } }, views: [{ state: 'frozen', ySplit: 4 }] });
  sheet.columns = [{ width: 16 }, { width: 20 }, { width: 34 }, { width: 22 }, { width: 24 }, { width: 70 }, { width: 60 }];
  sheet.getCell('A1').value = `Rapport de vérification — ${verdictLabels[report.verdict]}`;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = `${report.fileName} — dictionnaire ${report.dictionaryVersion ?? 'non reconnu'} — ${report.counts.erreur} erreur(s), ${report.counts.avertissement} avertissement(s), ${report.counts.information} information(s)`;
  const header = sheet.getRow(4);
  header.values = ['Gravité', 'Emplacement', 'Couple dispositif × SI', 'Code du champ', 'Valeur trouvée', 'Problème', 'Comment corriger'];
  header.font = { bold: true };
  report.issues.forEach((issue, i) => {
    const row = sheet.getRow(5 + i);
    const target = issue.sheet && issue.cell ? `#'${issue.sheet.replace(/'/g, "''")}'!${issue.cell}` : undefined;
    row.values = [severityLabels[issue.severity], target ? { text: issue.place, hyperlink: target } : issue.place, issue.dispositif ?? '', issue.fieldCode ?? '', issue.value ?? '', issue.message, issue.fix ?? ''];
    row.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fills[issue.severity] } };
    row.alignment = { wrapText: true, vertical: 'top' };
  });

  const base = report.fileName.replace(/\.(xlsx|xlsm|xls|ods)$/i, '');
  return { bytes: new Uint8Array(await workbook.xlsx.writeBuffer()), fileName: `${base}-annote.xlsx` };
}

function toXlsx(bytes: Uint8Array): Uint8Array {
  const workbook = XLSX.read(bytes, { type: 'array', cellDates: true });
  return new Uint8Array(XLSX.write(workbook, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}
