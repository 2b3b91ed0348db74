import type { Problem } from '../problems.ts';
import * as XLSX from '@e965/xlsx';
import { readCsvRows, sniffDelimiter, sniffEncoding, type CsvFormat, type Delimiter, type Encoding } from './csv.ts';
import { isBlankCell } from './cells.ts';
import type { ExtractFormat, ExtractPreview } from './report.ts';
import type { ReadProgress, RowSink } from './rows.ts';
import { loadSharedStrings, openXlsx, readSheetRows, XlsxError, type XlsxBook } from './xlsx.ts';
import { readZipDirectory, ZipError } from './zip.ts';

/**
 * An extract file, whatever its format, as a source of rows: CSV and .xlsx are streamed (any size);
 * .ods and .xls, which SheetJS reads whole, are limited in size. Opening reads only what is needed to
 * show the header; reading streams the rows to a sink.
 */

/** SheetJS holds the whole workbook: beyond this, ask for .xlsx or CSV (which stream). */
export const WHOLE_FILE_LIMIT = 40 * 1024 * 1024;

export class ExtractFileError extends Error {
  readonly issue: Problem;

  constructor(issue: Problem) {
    super(issue.message);
    this.issue = issue;
  }
}

const fail = (rule: string, message: string, fix: string) => new ExtractFileError({ severity: 'erreur', rule: `extrait.fichier.${rule}`, place: 'Fichier', message, fix });

const encodingLabels: Record<Encoding, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16 (gros-boutiste)', 'windows-1252': 'Windows-1252 (ANSI)' };
const delimiterLabels: Record<Delimiter, string> = { ';': 'point-virgule', ',': 'virgule', '\t': 'tabulation' };

export interface ExtractSource {
  format: ExtractFormat;
  /** Reads the header of a sheet (the first sheet by default). */
  preview(sheet?: string): Promise<ExtractPreview>;
  /** Streams every row of the sheet chosen in the preview; resolves with notes about the reading. */
  read(sink: RowSink, onProgress?: ReadProgress): Promise<Problem[]>;
  /** 1904 date system of a workbook (Mac Excel before 2011). */
  date1904: boolean;
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** Recognises the format from the bytes (the name only breaks ties) and prepares reading. */
export async function openExtract(file: Blob, fileName: string): Promise<ExtractSource> {
  if (file.size === 0) throw fail('vide', `Le fichier « ${fileName} » est vide (0 octet).`, 'Exportez de nouveau l’extrait, puis déposez le fichier obtenu.');
  const head = new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer());
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return openZip(file, fileName);
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return openWhole(file, fileName, 'xls');
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) throw fail('format', `« ${fileName} » est un document PDF, pas un extrait de données.`, 'Exportez les données au format CSV ou Excel (.xlsx).');
  const { encoding, bom } = sniffEncoding(head);
  // Text has no NUL byte (except in UTF-16): anything else is a binary format we do not read.
  if (!encoding.startsWith('utf-16') && head.subarray(0, 4096).includes(0)) {
    throw fail('format', `« ${fileName} » n’est ni un fichier CSV ni un classeur (.xlsx, .ods, .xls).`, 'Exportez les données au format CSV (séparateur point-virgule) ou Excel (.xlsx).');
  }
  return openCsv(file, fileName, { encoding, bom, delimiter: sniffDelimiter(new TextDecoder(encoding).decode(head.subarray(bom), { stream: true })) });
}

/** First non-empty row: its number and its cells as header texts. */
function headerOf(rowNumber: number, cells: readonly (string | undefined)[], width: number): { headerRow: number; headers: string[] } | undefined {
  let last = width;
  while (last > 0 && isBlankCell(cells[last - 1])) last -= 1;
  if (last === 0) return undefined;
  return { headerRow: rowNumber, headers: Array.from({ length: last }, (_, i) => (cells[i] ?? '').trim()) };
}

function openCsv(file: Blob, fileName: string, format: CsvFormat): ExtractSource {
  const readAs = `CSV, ${encodingLabels[format.encoding]}, séparateur ${delimiterLabels[format.delimiter]}`;
  return {
    format: 'csv',
    date1904: false,
    async preview() {
      let header: ReturnType<typeof headerOf>;
      await readCsvRows(file, format, (row, cells, width) => {
        header = headerOf(row, cells, width);
        return header === undefined;
      });
      if (!header) throw fail('vide', `Le fichier « ${fileName} » ne contient aucune ligne.`, 'Exportez de nouveau l’extrait, avec sa ligne d’en-têtes.');
      const notes: Problem[] = [];
      if (header.headers.length === 1) {
        notes.push({ severity: 'avertissement', rule: 'extrait.fichier.une-colonne', place: 'Fichier', message: 'La ligne d’en-têtes ne contient qu’une colonne : le séparateur n’a pas été reconnu.', fix: 'Séparez les colonnes par des points-virgules, des virgules ou des tabulations.' });
      }
      return { fileName, fileSize: file.size, format: 'csv', readAs, sheets: [], sheet: undefined, headerRow: header.headerRow, headers: header.headers, notes };
    },
    async read(sink, onProgress) {
      const result = await readCsvRows(file, format, sink, onProgress ? { onProgress } : {});
      const notes: Problem[] = [];
      if (result.switchedToWindows1252) {
        notes.push({ severity: 'information', rule: 'extrait.fichier.encodage', place: 'Fichier', message: 'Le fichier est encodé en Windows-1252 (ANSI) : ses accents ont été lus comme tels.', fix: 'Rien à faire ; pour l’échange, préférez l’UTF-8.' });
      }
      if (result.invalidCharacters > 0) {
        notes.push({ severity: 'avertissement', rule: 'extrait.fichier.caracteres', place: 'Fichier', message: `${result.invalidCharacters.toLocaleString('fr-FR')} caractère${result.invalidCharacters > 1 ? 's ne sont' : ' n’est'} pas de l’UTF-8 valide et ${result.invalidCharacters > 1 ? 'ont été remplacés' : 'a été remplacé'} par « � ».`, fix: 'Le fichier mélange deux encodages : exportez-le de nouveau en UTF-8.' });
      }
      return notes;
    },
  };
}

async function openZip(file: Blob, fileName: string): Promise<ExtractSource> {
  let names: Set<string>;
  try {
    names = new Set((await readZipDirectory(file)).keys());
  } catch (error) {
    if (error instanceof ZipError) throw fail('endommage', 'Le fichier est endommagé ou incomplet : son sommaire interne est illisible (téléchargement interrompu, copie tronquée ?).', 'Ouvrez-le dans votre tableur ; s’il s’ouvre, enregistrez-le sous un nouveau nom et déposez cette copie.');
    throw error;
  }
  if (names.has('mimetype') && names.has('content.xml')) return openWhole(file, fileName, 'ods');
  if (names.has('xl/workbook.bin')) throw fail('format', 'Le fichier est un classeur binaire Excel (.xlsb), format que le validateur ne lit pas.', 'Dans Excel, « Fichier › Enregistrer sous », choisissez « Classeur Excel (.xlsx) » ou « CSV UTF-8 », puis déposez ce fichier.');
  if (!names.has('[Content_Types].xml')) throw fail('format', `« ${fileName} » est une archive zip mais pas un classeur (ni .xlsx, ni .ods).`, 'Déposez l’extrait au format CSV ou Excel (.xlsx).');
  let book: XlsxBook;
  try {
    book = await openXlsx(file);
  } catch (error) {
    if (error instanceof XlsxError || error instanceof ZipError) throw fail('endommage', 'Le classeur est endommagé : sa structure interne ne peut pas être lue.', 'Ouvrez-le dans Excel ; s’il s’ouvre, enregistrez-le sous un nouveau nom au format .xlsx et déposez cette copie.');
    throw error;
  }
  let sheet = book.sheets.find((s) => !s.hidden) ?? book.sheets[0]!;
  return {
    format: 'xlsx',
    date1904: book.date1904,
    async preview(name) {
      sheet = book.sheets.find((s) => s.name === name) ?? sheet;
      await loadSharedStrings(book);
      let header: ReturnType<typeof headerOf>;
      await readSheetRows(book, sheet, (row, cells, width) => {
        header = headerOf(row, cells, width);
        return header === undefined;
      });
      if (!header) throw fail('vide', `La feuille « ${sheet.name} » est vide.`, book.sheets.length > 1 ? 'Choisissez la feuille qui contient l’extrait.' : 'Exportez de nouveau l’extrait, avec sa ligne d’en-têtes.');
      return { fileName, fileSize: file.size, format: 'xlsx', readAs: `Excel (.xlsx), feuille « ${sheet.name} »`, sheets: book.sheets.map((s) => s.name), sheet: sheet.name, headerRow: header.headerRow, headers: header.headers, notes: [] };
    },
    async read(sink, onProgress) {
      await readSheetRows(book, sheet, sink, onProgress ? { onProgress } : {});
      return [];
    },
  };
}

/** .ods and .xls: SheetJS reads the whole workbook, then rows are handed over like the others. */
async function openWhole(file: Blob, fileName: string, format: 'ods' | 'xls'): Promise<ExtractSource> {
  const label = format === 'ods' ? 'OpenDocument (.ods)' : 'Excel 97-2003 (.xls)';
  if (file.size > WHOLE_FILE_LIMIT) {
    throw fail('trop-volumineux', `Le classeur ${label} pèse ${(file.size / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo : ce format se lit en entier, au-delà de ${WHOLE_FILE_LIMIT / 1024 / 1024} Mo le navigateur risquerait de saturer.`, 'Enregistrez l’extrait au format Excel (.xlsx) ou CSV, qui se vérifient sans limite de taille.');
  }
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(new Uint8Array(await file.arrayBuffer()), { type: 'array', dense: true, cellDates: true, cellStyles: false, cellFormula: false, cellHTML: false });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(text)) throw fail('mot-de-passe', 'Le classeur est protégé par un mot de passe à l’ouverture : il ne peut pas être lu.', 'Retirez le mot de passe d’ouverture, enregistrez, puis déposez le fichier.');
    throw fail('endommage', 'Le fichier est endommagé : son contenu ne peut pas être lu comme un classeur.', 'Ouvrez-le dans votre tableur ; s’il s’ouvre, enregistrez-le au format .xlsx et déposez cette copie.');
  }
  let sheetName = workbook.SheetNames.find((name) => !workbook.Workbook?.Sheets?.find((s) => s.name === name)?.Hidden) ?? workbook.SheetNames[0] ?? '';
  const rowsOf = (sink: RowSink) => {
    const data = (workbook.Sheets[sheetName]?.['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
    const cells: (string | undefined)[] = [];
    const numeric = new Uint8Array(16_384);
    for (let r = 0; r < data.length; r += 1) {
      const row = data[r] ?? [];
      for (let c = 0; c < row.length; c += 1) {
        const cell = row[c];
        numeric[c] = cell?.t === 'n' ? 1 : 0;
        // An error cell (« #N/A »…) keeps its text, which the value engine reports: its code number is no data.
        cells[c] = cell === undefined || cell.v === undefined || cell.v === null ? undefined : cell.t === 'e' ? (cell.w ?? '#N/A') : cell.v instanceof Date ? isoDay(cell.v) : String(cell.v);
      }
      if (sink(r + 1, cells, row.length, numeric) === false) return;
    }
  };
  return {
    format,
    date1904: false,
    async preview(name) {
      if (name !== undefined && workbook.SheetNames.includes(name)) sheetName = name;
      let header: ReturnType<typeof headerOf>;
      rowsOf((row, cells, width) => {
        header = headerOf(row, cells, width);
        return header === undefined;
      });
      if (!header) throw fail('vide', `La feuille « ${sheetName} » est vide.`, 'Choisissez la feuille qui contient l’extrait.');
      const notes: Problem[] = [{ severity: 'information', rule: 'extrait.fichier.format-entier', place: 'Fichier', message: `Le classeur est au format ${label} : il est lu en entier (${WHOLE_FILE_LIMIT / 1024 / 1024} Mo au plus).`, fix: 'Pour de gros extraits, préférez le format .xlsx ou CSV.' }];
      return { fileName, fileSize: file.size, format, readAs: `${label}, feuille « ${sheetName} »`, sheets: workbook.SheetNames, sheet: sheetName, headerRow: header.headerRow, headers: header.headers, notes };
    },
    async read(sink, onProgress) {
      rowsOf(sink);
      onProgress?.(file.size, file.size);
      return [];
    },
  };
}

/** SheetJS gives dates at local midnight: the calendar day is read in local time. */
function isoDay(date: Date): string {
  return `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
