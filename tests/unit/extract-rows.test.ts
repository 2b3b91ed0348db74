import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../../src/core/extract/csv.ts';
import type { RowSink } from '../../src/core/extract/rows.ts';
import { openExtract } from '../../src/core/extract/source.ts';
import { openXlsx, readSheetRows } from '../../src/core/extract/xlsx.ts';
import { csvText, handmadeXlsx, xlsxBytes } from '../fixtures/extract/files.ts';

/**
 * The contract every reader keeps with the validator (src/core/extract/rows.ts): a row is what the file
 * holds — each cell at its column, absent cells empty wherever they are — and nothing of a longer row
 * read before it shows through the reused arrays. The sink reads past `width` on purpose, as a careless
 * consumer would.
 */

const blob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);
const WIDE = 8;
const blank = Array.from({ length: WIDE }, () => '');

/** Every row as the sink sees it, over WIDE columns whatever its width; undefined and '' both read ''. */
function collect(): { sink: RowSink; rows: Map<number, string[]> } {
  const rows = new Map<number, string[]>();
  return {
    rows,
    sink: (row, cells, width, numeric) => {
      const seen = Array.from({ length: WIDE }, (_, i) => cells[i] ?? '');
      rows.set(row, seen);
      for (let i = width; i < WIDE; i += 1) {
        expect(cells[i], `row ${row}, column ${i + 1} past the row's width`).toBeUndefined();
        if (numeric) expect(numeric[i], `row ${row}, numeric flag of column ${i + 1}`).toBe(0);
      }
    },
  };
}

/** A header of five, then rows that end early, have holes, are empty. */
const table = [
  ['A', 'B', 'C', 'D', 'E'],
  ['a2', 'b2', 'c2', 'd2', 'e2'],
  ['a3', '', '', '', ''],
  ['', '', 'c4', '', ''],
  ['', '', '', '', ''],
  ['a6', 'b6', '', 'd6', ''],
  ['', '', '', '', 'e7'],
  ['a8'],
];
const expected = new Map(table.map((row, i) => [i + 1, Array.from({ length: WIDE }, (_, c) => row[c] ?? '')]));

describe('every reader yields exactly the cells of each row', () => {
  it('CSV, short lines and holes', async () => {
    const text = table.map((row) => row.join(';').replace(/;+$/, '')).join('\r\n');
    const { sink, rows } = collect();
    await readCsvRows(blob(new TextEncoder().encode(text)), { encoding: 'utf-8', bom: 0, delimiter: ';' }, sink);
    // A blank line is no record: the empty row is absent, every other one is as written.
    expect(rows).toEqual(new Map([...expected].filter(([row]) => row !== 5)));
  });

  it('CSV, quoted and unquoted lines mixed', async () => {
    const text = csvText([['A', 'B', 'C'], ['1', '"x"', '3'], ['4'], ['"5"', '6'], ['7']]);
    const { sink, rows } = collect();
    await readCsvRows(blob(new TextEncoder().encode(text)), { encoding: 'utf-8', bom: 0, delimiter: ';' }, sink);
    expect([...rows.values()].map((row) => row.slice(0, 3))).toEqual([['A', 'B', 'C'], ['1', '"x"', '3'], ['4', '', ''], ['"5"', '6', ''], ['7', '', '']]);
  });

  it.each(['xlsx', 'ods', 'xls'] as const)('a workbook written by SheetJS (%s), which omits empty cells', async (bookType) => {
    const source = await openExtract(blob(xlsxBytes(table.map((row) => row.map((cell) => (cell === '' ? undefined : cell))), 'Extrait', bookType)), `extrait.${bookType}`);
    await source.preview();
    const { sink, rows } = collect();
    await source.read(sink);
    for (const [row, cells] of expected) if (row !== 5) expect(rows.get(row), `row ${row}`).toEqual(cells);
    expect(rows.get(5) ?? blank).toEqual(blank);
  });

  const cell = (ref: string | undefined, text: string) => `<c${ref ? ` r="${ref}"` : ''} t="inlineStr"><is><t>${text}</t></is></c>`;
  const shapes: [string, string][] = [
    ['cells omitted at the end, in the middle, whole rows missing', `<row r="1">${['A', 'B', 'C', 'D', 'E'].map((c) => cell(`${c}1`, c)).join('')}</row><row r="2">${cell('A2', 'a2')}</row><row r="4">${cell('C4', 'c4')}</row><row r="6">${cell('E6', 'e6')}</row><row r="7">${cell('B7', 'b7')}</row>`],
    ['spans, empty cells written as <c/>, self-closed rows', `<row r="1" spans="1:5">${['A', 'B', 'C', 'D', 'E'].map((c) => cell(`${c}1`, c)).join('')}</row><row r="2" spans="1:5"><c r="A2" s="0"/>${cell('B2', 'b2')}<c r="C2"/></row><row r="3" spans="1:5"/><row r="4" spans="1:5">${cell('D4', 'd4')}</row>`],
    [
      'pretty-printed XML: line ends and tabs between attributes and elements',
      `\n  <row\n    r="1">\n${['A', 'B', 'C', 'D', 'E'].map((c) => `    <c\n\tr="${c}1"\n\tt="inlineStr"><is><t>${c}</t></is></c>`).join('\n')}\n  </row>\n  <row\tr="3">\n    <c\tr="B3"\tt="inlineStr"><is><t>b3</t></is></c>\n    <c\r\n r="E3" t="inlineStr"><is><t>e3</t></is></c>\n  </row>\n`,
    ],
    ['cells and rows without references', `<row>${['A', 'B', 'C', 'D', 'E'].map((c) => cell(undefined, c)).join('')}</row><row>${cell(undefined, 'a2')}${cell(undefined, 'b2')}</row><row>${cell('C3', 'c3')}${cell(undefined, 'd3')}</row><row>${cell(undefined, 'a4')}</row>`],
  ];
  it.each(shapes)('the streaming .xlsx reader: %s', async (_, sheet) => {
    const book = await openXlsx(blob(handmadeXlsx({ sheet })));
    const { sink, rows } = collect();
    await readSheetRows(book, book.sheets.find((s) => !s.hidden)!, sink);
    // What each row holds, read back from the XML itself: the reader must agree cell for cell.
    const held = new Map<number, string[]>();
    let rowNumber = 0;
    for (const match of sheet.matchAll(/<row\b([^>]*?)(\/>|>([\s\S]*?)<\/row>)/g)) {
      rowNumber = Number(/\sr="(\d+)"/.exec(match[1] ?? '')?.[1] ?? rowNumber + 1);
      const cells = Array.from({ length: WIDE }, () => '');
      let column = 0;
      for (const c of (match[3] ?? '').matchAll(/<c\b([^>]*?)(\/>|>[\s\S]*?<\/c>)/g)) {
        const ref = /\sr="([A-Z]+)\d+"/.exec(c[1] ?? '')?.[1];
        column = ref ? ref.charCodeAt(0) - 64 : column + 1;
        cells[column - 1] = /<t>([^<]*)<\/t>/.exec(c[2] ?? '')?.[1] ?? '';
      }
      held.set(rowNumber, cells);
    }
    // A row with no value is not handed over, or handed over empty.
    for (const [row, cells] of held) expect(rows.get(row) ?? blank, `row ${row}`).toEqual(cells);
    expect([...rows.keys()].every((row) => held.has(row))).toBe(true);
  });
});
