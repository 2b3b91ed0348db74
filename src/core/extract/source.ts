import type { Problem } from '../problems.ts';
import * as XLSX from '@e965/xlsx';
import { readCsvRows, sniffDelimiter, sniffEncoding, type CsvFormat, type Delimiter, type Encoding } from './csv.ts';
import { isBlankCell } from './cells.ts';
import { locateHeader, HEADER_SEARCH_ROWS, type HeaderCandidate, type MappingEntity } from './mapping.ts';
import type { ExtractFormat, ExtractPreview } from './report.ts';
import { clearTail, type ReadProgress, type RowSink } from './rows.ts';
import { loadSharedStrings, openXlsx, readSheetRows, XlsxError, type XlsxBook } from './xlsx.ts';
import { readZipDirectory, ZipError } from './zip.ts';
import { withoutFormatNotices } from '../workbook/sheet.ts';

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
  /**
   * Finds the header: in `sheet`, or else in the first visible sheet whose rows name fields of one of
   * `entities`, on the row that names the most (title lines above it are passed over). Without
   * `entities`, the first non-empty row of the first visible sheet.
   */
  preview(sheet?: string, entities?: readonly MappingEntity[]): Promise<ExtractPreview>;
  /** Streams every row of the sheet chosen in the preview; resolves with notes about the reading. */
  read(sink: RowSink, onProgress?: ReadProgress): Promise<Problem[]>;
  /** 1904 date system of a workbook (Mac Excel before 2011). */
  date1904: boolean;
  /** A CSV: the file and how it is read, to check it in ranges at once (parts.ts). */
  csv?: { file: Blob; format: CsvFormat };
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

/** Rows read for the preview: enough to find the header under title lines, and columns without one. */
const SAMPLE_ROWS = 200;

/** The first non-empty rows of a sheet or file, copied. */
async function sampleOf(read: (sink: RowSink) => Promise<unknown> | void): Promise<HeaderCandidate[]> {
  const rows: HeaderCandidate[] = [];
  await read((row, cells, width) => {
    let last = width;
    while (last > 0 && isBlankCell(cells[last - 1])) last -= 1;
    if (last > 0) rows.push({ row, cells: Array.from({ length: width }, (_, i) => cells[i] ?? '') });
    return rows.length < SAMPLE_ROWS;
  });
  return rows;
}

interface Header {
  headerRow: number;
  headers: string[];
  /** Fields of the best entity the headers name (0: none). */
  score: number;
  /** CSV: the header's field count. */
  recordWidth?: number;
  /** Non-empty rows the header was looked for in. */
  candidates: number;
  notes: Problem[];
}

/**
 * The header among the sampled rows, and its columns: every column that has a header or, below it, a
 * value (a column with data but no header is a column too, with an empty header). In a CSV, a record
 * longer than the header is not a column: it is an error at its row (see the checker).
 */
function headerOf(sample: readonly HeaderCandidate[], entities: readonly MappingEntity[], csv: boolean): Header | undefined {
  const located = locateHeader(sample, entities);
  if (!located) return undefined;
  const at = sample.findIndex((row) => row.row === located.row);
  const cells = sample[at]!.cells;
  const limit = csv ? cells.length : Infinity;
  let width = cells.length;
  while (width > 0 && isBlankCell(cells[width - 1])) width -= 1;
  for (const row of sample.slice(at + 1)) {
    for (let c = Math.min(row.cells.length, limit) - 1; c >= width; c -= 1) {
      if (!isBlankCell(row.cells[c])) {
        width = c + 1;
        break;
      }
    }
  }
  const notes: Problem[] = [];
  const first = sample[0]!.row;
  if (located.score > 0 && located.row > first) {
    const above = sample.slice(0, at).map((row) => row.row);
    notes.push({
      severity: 'information',
      rule: 'extrait.fichier.lignes-avant-en-tetes',
      place: 'En-têtes',
      message: `Les en-têtes sont en ligne ${located.row} : ${above.length > 1 ? `les lignes ${above.slice(0, -1).join(', ')} et ${above.at(-1)} qui les précèdent (titre, remarques) ne sont pas vérifiées` : `la ligne ${above[0]} qui les précède (titre, remarque) n’est pas vérifiée`}.`,
      fix: 'Rien à faire ; pour l’échange, la ligne d’en-têtes est de préférence la première du fichier.',
    });
  }
  const header: Header = { headerRow: located.row, headers: Array.from({ length: width }, (_, i) => (cells[i] ?? '').trim()), score: located.score, candidates: Math.min(sample.length, HEADER_SEARCH_ROWS), notes };
  if (csv) header.recordWidth = cells.length;
  return header;
}

/** Where the header was looked for: « Aucune des 3 lignes du fichier », « Aucune feuille du classeur (…) ». */
function searched(where: string, rows: number): string {
  if (rows === 1) return `La seule ligne ${where} ne nomme`;
  return rows < HEADER_SEARCH_ROWS ? `Aucune des ${rows} lignes ${where} ne nomme` : `Aucune des ${HEADER_SEARCH_ROWS} premières lignes ${where} ne nomme`;
}

/** Why no entity was recognised, and what to do: said once, in the preview and in the report. */
function unrecognised(lead: string, entities: readonly MappingEntity[]): Problem {
  const example = entities.flatMap((entity) => entity.fields.slice(0, 1))[0];
  const sample = example ? ` (le code ${example.code} ou le libellé « ${example.label} », par exemple)` : '';
  return {
    severity: 'avertissement',
    rule: 'extrait.fichier.en-tetes-inconnus',
    place: 'En-têtes',
    message: `${lead} un champ du dictionnaire${sample} : l’entité décrite par le fichier n’a pas pu être reconnue.`,
    fix: 'Donnez à chaque colonne pour en-tête le code ou le libellé de son champ, tels que les publie la page de l’entité ; ou bien choisissez ci-dessous l’entité, puis le champ de chaque colonne.',
  };
}

function openCsv(file: Blob, fileName: string, format: CsvFormat): ExtractSource {
  const readAs = `CSV, ${encodingLabels[format.encoding]}, séparateur ${delimiterLabels[format.delimiter]}`;
  return {
    format: 'csv',
    date1904: false,
    csv: { file, format },
    async preview(_sheet, entities = []) {
      const sample = await sampleOf((sink) => readCsvRows(file, format, sink));
      const header = headerOf(sample, entities, true);
      if (!header) throw fail('vide', `Le fichier « ${fileName} » ne contient aucune ligne.`, 'Exportez de nouveau l’extrait, avec sa ligne d’en-têtes.');
      const notes = header.notes;
      if (sample.every((row) => row.cells.length <= 1)) {
        notes.push({ severity: 'avertissement', rule: 'extrait.fichier.une-colonne', place: 'Fichier', message: `Aucun séparateur (point-virgule, virgule ou tabulation) n’a été trouvé dans les premières lignes : le fichier est lu comme une seule colonne.`, fix: 'Séparez les colonnes par des points-virgules, des virgules ou des tabulations.' });
      } else if (entities.length > 0 && header.score === 0) notes.push(unrecognised(searched('du fichier', header.candidates), entities));
      const preview: ExtractPreview = { fileName, fileSize: file.size, format: 'csv', readAs, sheets: [], sheet: undefined, headerRow: header.headerRow, headers: header.headers, notes };
      if (header.recordWidth !== undefined) preview.recordWidth = header.recordWidth;
      return preview;
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
  const visible = book.sheets.filter((s) => !s.hidden);
  return {
    format: 'xlsx',
    date1904: book.date1904,
    async preview(name, entities = []) {
      await loadSharedStrings(book);
      const chosen = await chooseSheet(
        visible.length > 0 ? visible : book.sheets,
        book.sheets.find((s) => s.name === name),
        async (candidate) => headerOf(await sampleOf((sink) => readSheetRows(book, candidate, sink)), entities, false),
        entities,
      );
      sheet = chosen.sheet;
      const header = chosen.header;
      if (!header) throw emptySheet(sheet.name, book.sheets.length);
      return { fileName, fileSize: file.size, format: 'xlsx', readAs: `Excel (.xlsx), feuille « ${sheet.name} »`, sheets: book.sheets.map((s) => s.name), sheet: sheet.name, headerRow: header.headerRow, headers: header.headers, notes: [...chosen.notes, ...header.notes] };
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
    const bytes = new Uint8Array(await file.arrayBuffer());
    workbook = withoutFormatNotices(() => XLSX.read(bytes, { type: 'array', dense: true, cellDates: true, cellStyles: false, cellFormula: false, cellHTML: false }));
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(text)) throw fail('mot-de-passe', 'Le classeur est protégé par un mot de passe à l’ouverture : il ne peut pas être lu.', 'Retirez le mot de passe d’ouverture, enregistrez, puis déposez le fichier.');
    throw fail('endommage', 'Le fichier est endommagé : son contenu ne peut pas être lu comme un classeur.', 'Ouvrez-le dans votre tableur ; s’il s’ouvre, enregistrez-le au format .xlsx et déposez cette copie.');
  }
  const hidden = (name: string) => Boolean(workbook.Workbook?.Sheets?.find((s) => s.name === name)?.Hidden);
  let sheetName = workbook.SheetNames.find((name) => !hidden(name)) ?? workbook.SheetNames[0] ?? '';
  const rowsOf = (sink: RowSink, name = sheetName) => {
    const data = (workbook.Sheets[name]?.['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
    const cells: (string | undefined)[] = [];
    const numeric = new Uint8Array(16_384);
    let filled = 0;
    for (let r = 0; r < data.length; r += 1) {
      const row = data[r] ?? [];
      for (let c = 0; c < row.length; c += 1) {
        const cell = row[c];
        numeric[c] = cell?.t === 'n' ? 1 : 0;
        // An error cell (« #N/A »…) keeps its text, which the value engine reports: its code number is no data.
        cells[c] = cell === undefined || cell.v === undefined || cell.v === null ? undefined : cell.t === 'e' ? (cell.w ?? '#N/A') : cell.v instanceof Date ? isoDay(cell.v) : String(cell.v);
      }
      if (row.length < filled) clearTail(cells, numeric, row.length, filled);
      filled = row.length;
      if (sink(r + 1, cells, row.length, numeric) === false) return;
    }
  };
  return {
    format,
    date1904: false,
    async preview(name, entities = []) {
      const named = workbook.SheetNames.map((n) => ({ name: n }));
      const shown = named.filter((n) => !hidden(n.name));
      const chosen = await chooseSheet(
        shown.length > 0 ? shown : named,
        named.find((n) => n.name === name),
        async (candidate) => headerOf(await sampleOf((sink) => rowsOf(sink, candidate.name)), entities, false),
        entities,
      );
      sheetName = chosen.sheet.name;
      const header = chosen.header;
      if (!header) throw emptySheet(sheetName, workbook.SheetNames.length);
      const notes: Problem[] = [
        ...chosen.notes,
        ...header.notes,
        { severity: 'information', rule: 'extrait.fichier.format-entier', place: 'Fichier', message: `Le classeur est au format ${label} : il est lu en entier (${WHOLE_FILE_LIMIT / 1024 / 1024} Mo au plus).`, fix: 'Pour de gros extraits, préférez le format .xlsx ou CSV.' },
      ];
      return { fileName, fileSize: file.size, format, readAs: `${label}, feuille « ${sheetName} »`, sheets: workbook.SheetNames, sheet: sheetName, headerRow: header.headerRow, headers: header.headers, notes };
    },
    async read(sink, onProgress) {
      rowsOf(sink);
      onProgress?.(file.size, file.size);
      return [];
    },
  };
}

const emptySheet = (name: string, sheets: number) =>
  fail('vide', sheets > 1 ? `Aucune feuille du classeur ne contient de données ; la feuille « ${name} » est vide.` : `La feuille « ${name} » est vide.`, 'Exportez de nouveau l’extrait, avec sa ligne d’en-têtes et ses enregistrements.');

/**
 * The sheet to read: the one asked for; else the first visible sheet whose header names a field (a
 * « Lisez-moi » or a cover sheet first is passed over, and that is said); else the first non-empty one.
 */
async function chooseSheet<S extends { name: string }>(
  sheets: readonly S[],
  asked: S | undefined,
  headerIn: (sheet: S) => Promise<Header | undefined>,
  entities: readonly MappingEntity[],
): Promise<{ sheet: S; header: Header | undefined; notes: Problem[] }> {
  const first = sheets[0]!;
  if (asked) return { sheet: asked, header: await headerIn(asked), notes: [] };
  let fallback: { sheet: S; header: Header } | undefined;
  for (const sheet of sheets) {
    const header = await headerIn(sheet);
    if (!header) continue;
    if (header.score > 0 || entities.length === 0) {
      const notes: Problem[] =
        sheet === first
          ? []
          : [
              {
                severity: 'information',
                rule: 'extrait.fichier.feuille-choisie',
                place: `Feuille « ${sheet.name} »`,
                message: `La feuille « ${sheet.name} » est lue : ${sheets.indexOf(sheet) > 1 ? `les feuilles qui la précèdent (${sheets.slice(0, sheets.indexOf(sheet)).map((s) => `« ${s.name} »`).join(', ')}) ne nomment` : `la première feuille, « ${first.name} », ne nomme`} aucun champ du dictionnaire.`,
                fix: 'Si l’extrait est sur une autre feuille, choisissez-la dans la liste des feuilles.',
              },
            ];
      return { sheet, header, notes };
    }
    fallback ??= { sheet, header };
  }
  if (!fallback) return { sheet: first, header: undefined, notes: [] };
  const lead = sheets.length > 1 ? `Aucune feuille du classeur (${sheets.map((sheet) => `« ${sheet.name} »`).join(', ')}) ne nomme, dans ses premières lignes,` : searched(`de la feuille « ${fallback.sheet.name} »`, fallback.header.candidates);
  return { ...fallback, notes: [unrecognised(lead, entities)] };
}

/** SheetJS gives dates at local midnight: the calendar day is read in local time. */
function isoDay(date: Date): string {
  return `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
