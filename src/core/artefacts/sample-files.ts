import ExcelJS from 'exceljs';
import type { Dictionary, Entity } from '../dictionary/model.ts';
import { parseCell } from './formats/cell-text.ts';
import { toCsv } from './formats/csv.ts';
import { sampleRecords } from './sample-extract.ts';
import { stableZip } from './formats/stable-zip.ts';

/** Rows of a sample extract: enough to see values vary and optional cells left empty. */
export const SAMPLE_ROWS = 20;
/** One seed for every version: a published sample never changes. */
const SAMPLE_SEED = 1;

const records = (dictionary: Dictionary, entity: Entity) => sampleRecords(dictionary, entity.id, SAMPLE_ROWS, SAMPLE_SEED);

/** A valid extract of the entity as French Excel opens it: field codes in the header, one record a row. */
export function sampleCsv(dictionary: Dictionary, entity: Entity): string {
  const codes = entity.fields.map((field) => field.code);
  return toCsv([codes, ...records(dictionary, entity).map((record) => codes.map((code) => record[code]))]);
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };

/**
 * The same extract as a workbook, each cell of its field's type: codes as text (leading zeros kept),
 * numbers as numbers, dates as dates shown AAAA-MM-JJ, booleans as the words the CSV uses.
 */
export async function sampleXlsx(dictionary: Dictionary, entity: Entity): Promise<Uint8Array> {
  const { date, version } = dictionary.manifest;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Portail partenaires AGORA';
  workbook.title = `Exemple d’extrait « ${entity.label} » — dictionnaire des données AGORA ${version}`;
  workbook.created = new Date(`${date}T00:00:00Z`);
  workbook.modified = workbook.created;
  // Sheet names are limited to 31 characters, without : \ / ? * [ ].
  const sheet = workbook.addWorksheet(entity.label.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  const rows = records(dictionary, entity);
  entity.fields.forEach((field, i) => {
    const column = sheet.getColumn(i + 1);
    const widest = Math.max(field.code.length, ...rows.map((record) => (record[field.code] ?? '').length));
    column.width = Math.min(60, widest + 2);
    if (field.type === 'date') column.numFmt = 'yyyy-mm-dd';
    const header = sheet.getCell(1, i + 1);
    header.value = field.code;
    header.note = `${field.label} (${field.obligation})`;
  });
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).fill = HEADER_FILL;
  rows.forEach((record, r) => {
    entity.fields.forEach((field, i) => {
      const text = record[field.code] ?? '';
      if (text === '') return;
      const value = parseCell(field, text);
      const cell = sheet.getCell(r + 2, i + 1);
      if (field.type === 'date') cell.value = new Date(Date.parse(`${text}T00:00:00Z`));
      else cell.value = typeof value === 'number' ? value : text;
      if (field.type === 'texte' || field.type === 'code') cell.numFmt = '@';
    });
  });
  return stableZip(new Uint8Array(await workbook.xlsx.writeBuffer()), date);
}
