import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import type { Dictionary } from '../../src/core/dictionary/model.ts';
import { kitNames } from '../../src/core/kit/layout.ts';
import { readWorkbookFile } from '../../src/core/workbook/read-file.ts';
import { SheetView } from '../../src/core/workbook/sheet.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { convertWithLibreOffice } from '../fixtures/extract/libreoffice.ts';
import { runExtract } from '../fixtures/extract/run.ts';
import { optionalEmptied, sparseCsv, sparseExcelJs, sparseSheetJs, sparseTable, type SparseTable } from '../fixtures/extract/sparse.ts';

/**
 * The differential test of the readers: random sparse tables of every entity (cells empty anywhere,
 * wrong values of every type, XML's special characters), written as partners' tools write them, must
 * give the very findings of their CSV. A reader that carries a cell over from another row, drops one,
 * or moves one to another column gives a finding the CSV does not have, or loses one it has.
 */

const shipped = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
const SEEDS = [11, 29];
const ROWS = 30;

interface Copy {
  writer: string;
  name: string;
  bytes: Uint8Array;
}

/** Seed 0 is the valid extract with its optional cells empty, which must be clean in every copy. */
const VALID = 0;
const tables = shipped.entities.flatMap((entity) => [VALID, ...SEEDS].map((seed) => ({ entity: entity.id, seed, table: seed === VALID ? optionalEmptied(shipped, entity.id, ROWS, 3) : sparseTable(shipped, entity.id, ROWS, seed) })));
const copies = new Map<string, Copy[]>();
const key = (entity: string, seed: number) => `${entity}#${seed}`;

beforeAll(async () => {
  const made = await Promise.all(
    tables.map(async ({ entity, seed, table }) => {
      const sheetJs = sparseSheetJs(table, 'xlsx');
      const excelJs = await sparseExcelJs(table);
      return {
        id: key(entity, seed),
        list: [
          { writer: 'SheetJS', name: 'extrait.xlsx', bytes: sheetJs },
          { writer: 'ExcelJS', name: 'extrait.xlsx', bytes: excelJs },
          { writer: 'SheetJS', name: 'extrait.ods', bytes: sparseSheetJs(table, 'ods') },
          { writer: 'SheetJS', name: 'extrait.xls', bytes: sparseSheetJs(table, 'xls') },
        ],
        sources: { sheetJs, excelJs },
      };
    }),
  );
  // Every LibreOffice copy in one conversion run per format: soffice starts in seconds, converts in milliseconds.
  const conversions = made.flatMap(({ id, sources }) => [
    { name: `${id.replace('#', '-')}.xlsx`, bytes: sources.sheetJs, to: 'ods' as const },
    { name: `${id.replace('#', '-')}.xlsx`, bytes: sources.excelJs, to: 'xlsx' as const },
  ]);
  const converted = await convertWithLibreOffice(conversions);
  made.forEach(({ id, list }, i) => {
    copies.set(id, [...list, { writer: 'LibreOffice', name: 'extrait.ods', bytes: converted[2 * i]! }, { writer: 'LibreOffice', name: 'extrait.xlsx', bytes: converted[2 * i + 1]! }]);
  });
}, 180_000);

/** A finding as the partner reads it; numbers written with « , » or « . » are the same value. */
async function findings(bytes: Uint8Array, name: string, entity: string) {
  const { report } = await runExtract(bytes, name, shipped, entity);
  const value = (text: string | undefined) => (text !== undefined && /^-?\d+,\d+$/.test(text) ? text.replace(',', '.') : text);
  return {
    rows: report.rows,
    issues: report.issues.map((issue) => `${issue.place} ${issue.field} ${issue.rule} ${value(issue.value) ?? '∅'}`),
    // The note that .ods and .xls are read whole is about the format, not the data.
    file: report.fileIssues.filter((issue) => issue.rule !== 'extrait.fichier.format-entier').map((issue) => `${issue.place} ${issue.rule}`),
  };
}

describe('every writer’s copy of a sparse table gives its CSV’s findings', () => {
  it.each(shipped.entities.map((entity) => entity.id))('a valid extract with empty optional cells is clean in every copy (%s)', async (entity) => {
    const table = tables.find((t) => t.entity === entity && t.seed === VALID)!.table;
    const clean = { rows: ROWS, issues: [], file: [] };
    expect(await findings(sparseCsv(table), 'extrait.csv', entity)).toEqual(clean);
    for (const copy of copies.get(key(entity, VALID)) ?? []) expect(await findings(copy.bytes, copy.name, entity), `${copy.writer} ${copy.name}`).toEqual(clean);
  });

  it.each(tables.filter(({ seed }) => seed !== VALID).map(({ entity, seed, table }) => [entity, seed, table] as const))('%s (seed %i)', async (entity, seed, table: SparseTable) => {
    const oracle = await findings(sparseCsv(table), 'extrait.csv', entity);
    // The table is sparse and wrong in places: the oracle has findings to agree on.
    expect(oracle.rows).toBeGreaterThan(ROWS / 2);
    expect(oracle.issues.length).toBeGreaterThan(0);
    for (const copy of copies.get(key(entity, seed)) ?? []) {
      expect(await findings(copy.bytes, copy.name, entity), `${copy.writer} ${copy.name}`).toEqual(oracle);
    }
  });

  it('the workbooks’ reader (kit, état des lieux) sees each cell of every copy where the CSV has it, quietly', () => {
    const console = vi.spyOn(globalThis.console, 'error');
    for (const { entity, seed, table } of tables) {
      for (const copy of copies.get(key(entity, seed)) ?? []) {
        // Read as the workbooks' validators read a file, and seen through the view their checks use.
        const read = readWorkbookFile(copy.bytes, copy.name, kitNames);
        if (!read.ok) throw new Error(`${copy.writer} ${copy.name}: ${read.issue.message}`);
        const view = new SheetView('Extrait', read.workbook.Sheets[read.workbook.SheetNames[0]!]!);
        const width = table.text[0]!.length;
        const seen = table.text.map((_, r) => Array.from({ length: width }, (__, c) => (view.isEmpty(r + 1, c + 1) ? '' : 'x')));
        const held = table.text.map((row) => row.map((cell) => (cell.trim() === '' ? '' : 'x')));
        expect(seen, `${copy.writer} ${copy.name}, ${entity} seed ${seed}`).toEqual(held);
      }
    }
    // SheetJS's notices about LibreOffice's number formats would land in the page's console.
    expect(console).not.toHaveBeenCalled();
    console.mockRestore();
  });
});
