import * as XLSX from '@e965/xlsx';
import type ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { countOf } from '../plural.ts';
import { severityLabels, type Severity, type Problem } from '../problems.ts';
import { verdictLabelsOf, type WorkbookReport } from './report.ts';
import type { ExcelModule } from './template.ts';
import { validationsOf } from './validations.ts';

const fills: Record<Severity, string> = { erreur: 'FFFFC7CE', avertissement: 'FFFFEB9C', information: 'FFDDEBF7' };
const rank: Record<Severity, number> = { erreur: 0, avertissement: 1, information: 2 };
/** Shown by Excel and LibreOffice as the author of each note. */
export const NOTE_AUTHOR = 'Portail partenaires AGORA';

/** The cells an issue marks: each of its cells, or its one cell. */
const cellsOf = (issue: Problem): string[] => issue.cells?.map((each) => each.cell) ?? (issue.cell ? [issue.cell] : []);

/**
 * A new workbook: the partner's content, each cell with an issue highlighted and noted, plus a
 * « Rapport » sheet listing every issue with a link to its cell. Nothing else changes: no other cell,
 * format, list, width or sheet state. `bytes` is copied, never changed. ExcelJS is heavy: the page loads
 * it only when a partner asks for the copy, and passes it in.
 */
export async function annotateWorkbook(bytes: Uint8Array, report: WorkbookReport, excel: ExcelModule): Promise<{ bytes: Uint8Array; fileName: string }> {
  const xlsx = /\.(xls|ods)$/i.test(report.fileName) ? toXlsx(bytes) : bytes.slice();
  const workbook = new excel.Workbook();
  await workbook.xlsx.load(xlsx.buffer as ArrayBuffer);
  // ExcelJS drops the template's « recompute on opening »: titles computed by formulas must show today's values.
  workbook.calcProperties.fullCalcOnLoad = true;

  const byCell = new Map<string, { sheet: string; cell: string; issues: Problem[] }>();
  for (const issue of report.issues) {
    if (!issue.sheet) continue;
    for (const cell of cellsOf(issue)) {
      const key = `${issue.sheet}!${cell}`;
      const entry = byCell.get(key) ?? { sheet: issue.sheet, cell, issues: [] };
      entry.issues.push(issue);
      byCell.set(key, entry);
    }
  }
  for (const { sheet: sheetName, cell: ref, issues } of byCell.values()) {
    const sheet = workbook.getWorksheet(sheetName);
    if (!sheet) continue;
    const worst = issues.reduce((a, b) => (rank[b.severity] < rank[a.severity] ? b : a));
    const cell = sheet.getCell(ref);
    // ExcelJS gives every cell of one style the same style object: changing its fill in place would
    // colour all those cells. The cell gets its own copy instead.
    cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: fills[worst.severity] } } };
    cell.note = issues.map((issue) => `${severityLabels[issue.severity]} : ${issue.message}${issue.fix ? `\n→ ${issue.fix}` : ''}`).join('\n\n');
  }
  workbook.eachSheet((sheet) => compressValidations(sheet));

  let name = 'Rapport';
  for (let n = 2; workbook.getWorksheet(name); n += 1) name = `Rapport ${n}`;
  const sheet = workbook.addWorksheet(name, { properties: { tabColor: { argb: 'FFC00000' } }, views: [{ state: 'frozen', ySplit: 4 }] });
  sheet.columns = [{ width: 16 }, { width: 20 }, { width: 34 }, { width: 22 }, { width: 24 }, { width: 70 }, { width: 60 }];
  sheet.getCell('A1').value = `Rapport de vérification — ${verdictLabelsOf(report.names)[report.verdict]}`;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  const { erreur, avertissement, information } = report.counts;
  sheet.getCell('A2').value = `${report.fileName} — dictionnaire ${report.dictionaryVersion ?? 'non reconnu'} — ${countOf(erreur, 'erreur', 'erreurs')}, ${countOf(avertissement, 'avertissement', 'avertissements')}, ${countOf(information, 'information', 'informations')}`;
  const header = sheet.getRow(4);
  header.values = ['Gravité', 'Emplacement', `${report.names.group[0]?.toUpperCase() ?? ''}${report.names.group.slice(1)}`, 'Code du champ', 'Valeur trouvée', 'Problème', 'Comment corriger'];
  header.font = { bold: true };
  report.issues.forEach((issue, i) => {
    const row = sheet.getRow(5 + i);
    const target = issue.sheet && issue.cell ? `#'${issue.sheet.replace(/'/g, "''")}'!${issue.cell}` : undefined;
    row.values = [severityLabels[issue.severity], target ? { text: issue.place, hyperlink: target } : issue.place, issue.dispositif ?? '', issue.field ?? '', issue.value ?? '', issue.message, issue.fix ?? ''];
    row.alignment = { wrapText: true, vertical: 'top' };
    const first = row.getCell(1);
    first.style = { ...first.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: fills[issue.severity] } } };
  });

  const base = report.fileName.replace(/\.(xlsx|xlsm|xls|ods)$/i, '');
  return { bytes: withNoteAuthor(new Uint8Array(await workbook.xlsx.writeBuffer())), fileName: `${base}-annote.xlsx` };
}

/**
 * ExcelJS reads a list or date check as one entry per cell and writes them back in ranges it builds in
 * text order (F10 before F3), which declares most cells twice. Each check is given back one range per
 * column run, as the template declares it.
 */
function compressValidations(sheet: ExcelJS.Worksheet): void {
  const validations = validationsOf(sheet);
  const runs = new Map<ExcelJS.DataValidation, Map<string, number[]>>();
  for (const [address, validation] of Object.entries(validations.model)) {
    const match = /^([A-Z]+)(\d+)$/.exec(address);
    if (!validation || !match) continue;
    const byColumn = runs.get(validation) ?? new Map<string, number[]>();
    byColumn.set(match[1] ?? '', [...(byColumn.get(match[1] ?? '') ?? []), Number(match[2])]);
    runs.set(validation, byColumn);
  }
  const model: Record<string, ExcelJS.DataValidation> = Object.fromEntries(Object.entries(validations.model).filter(([address, validation]) => validation && !/^[A-Z]+\d+$/.test(address))) as Record<string, ExcelJS.DataValidation>;
  for (const [validation, byColumn] of runs) {
    for (const [column, rows] of byColumn) {
      rows.sort((a, b) => a - b);
      for (let i = 0; i < rows.length; ) {
        let j = i;
        while (j + 1 < rows.length && rows[j + 1] === (rows[j] ?? 0) + 1) j += 1;
        model[i === j ? `${column}${rows[i]}` : `${column}${rows[i]}:${column}${rows[j]}`] = validation;
        i = j + 1;
      }
    }
  }
  validations.model = model;
}

/** ExcelJS signs every note « Author »: the notes are the portal's. */
function withNoteAuthor(bytes: Uint8Array): Uint8Array {
  const parts = unzipSync(bytes);
  for (const [name, data] of Object.entries(parts)) {
    if (/^xl\/comments\d*\.xml$/.test(name)) parts[name] = strToU8(strFromU8(data).replace(/<author>Author<\/author>/g, `<author>${NOTE_AUTHOR}</author>`));
  }
  return zipSync(parts, { level: 6 });
}

function toXlsx(bytes: Uint8Array): Uint8Array {
  const workbook = XLSX.read(bytes, { type: 'array', cellDates: true });
  return new Uint8Array(XLSX.write(workbook, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}
