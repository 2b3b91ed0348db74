import { describe, expect, it } from 'vitest';
import { parseCell } from '../../src/core/artefacts/formats/cell-text.ts';
import { cellParser } from '../../src/core/extract/cells.ts';
import { CsvParser, readCsvRows, sniffDelimiter, sniffEncoding } from '../../src/core/extract/csv.ts';
import { KeySet } from '../../src/core/extract/keys.ts';
import { recordKey, type EntityRules } from '../../src/core/dictionary/check-value.ts';
import { serialToIsoDate } from '../../src/core/extract/rows.ts';
import { openExtract, ExtractFileError } from '../../src/core/extract/source.ts';
import { isDateFormat, openXlsx, readSheetRows } from '../../src/core/extract/xlsx.ts';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import type { Dictionary } from '../../src/core/dictionary/model.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { csvText, handmadeXlsx, sampleTable, utf16le, windows1252, xlsxBytes } from '../fixtures/extract/files.ts';
import { runExtract } from '../fixtures/extract/run.ts';

const shipped = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
const blob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);

/** Every row a reader hands over, copied (readers reuse their arrays). */
async function rowsOf(read: (sink: Parameters<typeof readCsvRows>[2]) => Promise<unknown>): Promise<[number, (string | undefined)[], number[]][]> {
  const rows: [number, (string | undefined)[], number[]][] = [];
  await read((row, cells, width, numeric) => {
    rows.push([row, cells.slice(0, width), numeric ? [...numeric.subarray(0, width)] : []]);
  });
  return rows;
}

describe('the CSV reader', () => {
  const tricky = 'a;b;c\r\n1;"deux; avec ""guillemets""";3\r\n\r\n"sur\r\ndeux lignes";;"fin"\r\nx;y;z';

  it.each([1, 2, 3, 5, 7, 64, 4096])('cuts records the same way whatever the piece size (%i bytes)', async (pieceBytes) => {
    const rows = await rowsOf((sink) => readCsvRows(blob(new TextEncoder().encode(tricky)), { encoding: 'utf-8', bom: 0, delimiter: ';' }, sink, { pieceBytes }));
    expect(rows.map(([row, cells]) => [row, cells])).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', 'deux; avec "guillemets"', '3']],
      [4, ['sur\r\ndeux lignes', '', 'fin']],
      [5, ['x', 'y', 'z']],
    ]);
  });

  it('reads LF and CR-only line ends', () => {
    for (const newline of ['\n', '\r']) {
      const rows: string[][] = [];
      const parser = new CsvParser(',', (_, cells, width) => void rows.push(cells.slice(0, width) as string[]));
      parser.push(`a,b${newline}"1${newline}2",3${newline}`, true);
      expect(rows).toEqual([['a', 'b'], [`1${newline}2`, '3']]);
    }
  });

  it('recognises encodings: BOM, UTF-16 without BOM, Windows-1252 by invalid UTF-8', () => {
    expect(sniffEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf-8', bom: 3 });
    expect(sniffEncoding(utf16le('Nom;Prénom\r\n'))).toEqual({ encoding: 'utf-16le', bom: 2 });
    expect(sniffEncoding(utf16le('Nom;Prénom\r\nMartin;Zoé\r\n', false))).toEqual({ encoding: 'utf-16le', bom: 0 });
    expect(sniffEncoding(windows1252('Nom;Prénom\r\n'))).toEqual({ encoding: 'windows-1252', bom: 0 });
    expect(sniffEncoding(new TextEncoder().encode('Nom;Prénom\r\n'))).toEqual({ encoding: 'utf-8', bom: 0 });
  });

  it.each([1, 2, 7, 65_536])('switches to Windows-1252 when the first non-ASCII byte comes after the sample (pieces of %i bytes)', async (pieceBytes) => {
    const text = `${'code;nom\r\n'}${'A;Martin\r\n'.repeat(20_000)}B;Lefèvre\r\n`;
    // Cut anywhere, the « è » may end a piece: the byte the UTF-8 decoder was holding must not be lost.
    const bytes = windows1252(text);
    const format = { ...sniffEncoding(bytes.subarray(0, 65_536)), delimiter: ';' as const };
    expect(format.encoding).toBe('utf-8');
    const seen: string[] = [];
    const result = await readCsvRows(blob(bytes), format, (_, cells) => void seen.push(cells[1] as string), { pieceBytes });
    expect(seen.at(-1)).toBe('Lefèvre');
    expect(seen).toHaveLength(20_002);
    expect(result).toEqual({ invalidCharacters: 0, switchedToWindows1252: true });
  });

  it('picks the separator that gives every line the header’s column count', () => {
    expect(sniffDelimiter('a;b;c\n1;2,5;3\n')).toBe(';');
    expect(sniffDelimiter('a,b,c\n1,"2;5",3\n')).toBe(',');
    expect(sniffDelimiter('a\tb\tc\n1\t2,5\t3\n')).toBe('\t');
    expect(sniffDelimiter('Nom, prénom;Date\nMartin, Zoé;2025-01-01\n')).toBe(';');
  });

  it('reads UTF-16 files exported by Excel (« Texte Unicode »)', async () => {
    const table = sampleTable(shipped, 'session', 20);
    const { report, preview } = await runExtract(utf16le(csvText(table, '\t')), 'sessions.txt', shipped);
    expect(preview.readAs).toBe('CSV, UTF-16, séparateur tabulation');
    expect(report.rows).toBe(20);
    expect(report.issues).toEqual([]);
  });
});

describe('the streaming .xlsx reader', () => {
  it('reads a workbook with typed cells: numbers, Excel dates, booleans', async () => {
    const fields = shipped.entities.find((e) => e.id === 'dossier')!.fields;
    const table = sampleTable(shipped, 'dossier', 100, 2);
    const typed = table.map((row, r) =>
      r === 0
        ? row
        : row.map((text, i) => {
            const type = fields[i]!.type;
            if (text === '') return undefined;
            if (type === 'decimal' || type === 'entier') return Number(text.replace(',', '.'));
            if (type === 'date') return new Date(`${text}T00:00:00Z`);
            if (type === 'booleen') return text === 'oui';
            return text;
          }),
    );
    const { report } = await runExtract(xlsxBytes(typed), 'dossiers.xlsx', shipped);
    expect(report.issues.map((issue) => `${issue.place} ${issue.rule} ${issue.value}`)).toEqual([]);
    expect(report.rows).toBe(100);
  });

  it('handles prefixes, rich text, phonetic guides, inline strings, missing references, entities, 1904 dates', async () => {
    const xlsx = handmadeXlsx({
      prefix: 'x:',
      date1904: true,
      sharedStrings:
        '<x:si><x:t>Nom</x:t></x:si>' +
        '<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>Lef</x:t></x:r><x:r><x:t xml:space="preserve">èvre &amp; fils</x:t></x:r></x:si>' +
        '<x:si><x:t>漢字</x:t><x:rPh sb="0" eb="2"><x:t>かんじ</x:t></x:rPh></x:si>' +
        '<x:si><x:t>ligne_x000D_deux</x:t></x:si><x:si/>',
      styles: '<x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></x:numFmts><x:cellXfs count="3"><x:xf numFmtId="0"/><x:xf numFmtId="164"/><x:xf numFmtId="4"/></x:cellXfs>',
      sheet:
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>Date</x:t></x:is></x:c></x:row>' +
        '<x:row><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c><x:c s="1"><x:v>0</x:v></x:c><x:c s="2"><x:v>1234.5</x:v></x:c></x:row>' +
        '<x:row r="5" spans="1:4"><x:c r="B5" t="s"><x:v>3</x:v></x:c><x:c r="D5" t="b"><x:v>1</x:v></x:c><x:c r="E5" t="str"><x:f>A1</x:f><x:v>&lt;calculé&gt;</x:v></x:c><x:c r="F5" t="e"><x:v>#N/A</x:v></x:c><x:c r="G5" t="s"><x:v>4</x:v></x:c></x:row>' +
        '<x:row r="6"/>',
    });
    const book = await openXlsx(blob(xlsx));
    expect(book.sheets.map((s) => [s.name, s.hidden, s.part])).toEqual([
      ['Cachée', true, 'xl/worksheets/hidden.xml'],
      ['Données & co', false, 'xl/worksheets/data.xml'],
    ]);
    expect(book.date1904).toBe(true);
    const rows = await rowsOf((sink) => readSheetRows(book, book.sheets[1]!, sink));
    expect(rows).toEqual([
      [1, ['Nom', undefined, 'Date'], [0, 0, 0]],
      [2, ['Lefèvre & fils', '漢字', '1904-01-01', '1234.5'], [0, 0, 0, 1]],
      [5, [undefined, 'ligne\rdeux', undefined, '1', '<calculé>', '#N/A', ''], [0, 0, 0, 0, 0, 0, 0]],
    ]);
    // The first visible sheet is the one proposed.
    expect((await (await openExtract(blob(xlsx), 'a.xlsx')).preview()).sheet).toBe('Données & co');
  });

  it('recognises date formats, not numbers or text', () => {
    expect(['dd/mm/yyyy', 'd-mmm-yy', '[$-40C]dddd d mmmm yyyy', 'hh:mm', 'yyyy-mm-dd;@'].map(isDateFormat)).toEqual([true, true, true, true, true]);
    expect(['0.00', '#,##0 "jours"', '[Red]0.00', '@', 'General', '0.00\\ "h"'].map(isDateFormat)).toEqual([false, false, false, false, false, false]);
  });

  it('converts Excel serial numbers in both date systems', () => {
    expect([1, 59, 61, 45_658, 45_658.75].map((serial) => serialToIsoDate(serial))).toEqual(['1900-01-01', '1900-02-28', '1900-03-01', '2025-01-01', '2025-01-01']);
    expect(serialToIsoDate(0, true)).toBe('1904-01-01');
    expect(serialToIsoDate(-5)).toBeUndefined();
  });

  it('reads .ods and .xls through SheetJS', async () => {
    const table = sampleTable(shipped, 'action', 30);
    for (const [type, name] of [['ods', 'actions.ods'], ['xls', 'actions.xls']] as const) {
      const { report, preview } = await runExtract(xlsxBytes(table, 'Actions', type), name, shipped);
      expect(preview.format).toBe(type);
      expect(report.issues).toEqual([]);
      expect(report.rows).toBe(30);
    }
  });
});

describe('files that are not extracts', () => {
  const cases: [string, Uint8Array, string][] = [
    ['vide.csv', new Uint8Array(0), 'extrait.fichier.vide'],
    ['rapport.pdf', new TextEncoder().encode('%PDF-1.7 ...'), 'extrait.fichier.format'],
    ['image.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'extrait.fichier.format'],
    ['tronque.xlsx', xlsxBytes([['a']]).subarray(0, 200), 'extrait.fichier.endommage'],
  ];
  it.each(cases)('%s gets a French message naming the fix', async (name, bytes, rule) => {
    const error = await openExtract(blob(bytes), name).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ExtractFileError);
    expect((error as ExtractFileError).issue.rule).toBe(rule);
    expect((error as ExtractFileError).issue.fix?.length).toBeGreaterThan(10);
  });
});

describe('the duplicate-key table', () => {
  it('finds repeated keys among a million without keeping them', () => {
    const keys = new KeySet();
    let repeated = 0;
    for (let i = 0; i < 1_000_000; i += 1) if (keys.add(`DOS-${i}`, i + 2) !== 0) repeated += 1;
    expect(repeated).toBe(0);
    expect(keys.add('DOS-123456', 2_000_000)).toBe(123_458);
    expect(keys.add('DOS-999999', 2_000_001)).toBe(1_000_001);
  });

  it('hashes a record key part by part as the joined key it stands for, and skips a key with a part missing', () => {
    const rules = { key: [2, 0] } as unknown as EntityRules;
    const records: unknown[][] = [['A', 'x', 'DOS-1'], ['A', 'y', 'DOS-1'], ['B', 'x', 'DOS-1'], [7, 'x', 'DOS-2'], ['7', 'x', 'DOS-2'], [undefined, 'x', 'DOS-3'], ['A', 'x', 'DOS-1\u001fA']];
    const joined = new KeySet();
    const parts = new KeySet();
    records.forEach((values, i) => {
      const key = recordKey(rules, values);
      expect(parts.addRecord(values, rules.key, i + 2)).toBe(key === undefined ? 0 : joined.add(key, i + 2));
    });
    // The number 7 and the text « 7 » are the same cell value once read, and a missing part adds nothing.
    expect(parts.addRecord(['7', 'z', 'DOS-2'], rules.key, 20)).toBe(5);
    expect(parts.addRecord([undefined, 'z', 'DOS-3'], rules.key, 21)).toBe(0);
  });
});

describe('reading decimal cells', () => {
  it('agrees with the published cell conventions (parseCell) on every shape', () => {
    const notes = { serialDates: 0 };
    const parse = cellParser({ type: 'decimal' }, notes);
    const shapes = ['12', '-3,5', '+0.25', '.5', ',5', '5.', '5,', '1 234,50', '1\u00a0234,5', '12,5,3', '1.2.3', '-', '+', ',', '1e5', '0x1A', 'Infinity', '12 €', '--1', '1-', ' 12', '12 ', '١٢'];
    for (const shape of shapes) expect([shape, parse(shape, false)]).toEqual([shape, parseCell({ type: 'decimal' }, shape)]);
  });
});
