import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { dictionaryCsv } from '../../src/core/artefacts/fields-csv.ts';
import { toCsv } from '../../src/core/artefacts/formats/csv.ts';
import { allFields } from '../../src/core/dictionary/model.ts';
import { annotateWorkbook, NOTE_AUTHOR } from '../../src/core/workbook/annotate.ts';
import { buildReceipt, reportCsv } from '../../src/core/workbook/exports.ts';
import { sha256Hex } from '../../src/core/workbook/fingerprint.ts';
import { answerColumn, diagnosticFirstRow, sheetNames } from '../../src/core/kit/layout.ts';
import type { KitReport } from '../../src/core/kit/report.ts';
import { buildKitTemplate } from '../../src/core/artefacts/templates.ts';
import { validateKit } from '../../src/core/kit/validate.ts';
import { fillValidKit, plant, rowAnswered, sheet, validPairs, validPartner } from '../fixtures/kit/fill.ts';
import { frozenDictionary } from '../fixtures/kit/dictionary.ts';

const dictionary = frozenDictionary;
const fieldCount = allFields(dictionary).length;
const now = new Date(Date.UTC(2026, 10, 25));
let kit: Uint8Array;
let report: KitReport;

/** Answers of pair 2 planted wrong, a declared pair 4 left unanswered: issues on three sheets, one covering 121 cells. */
const PARTIAL = rowAnswered('Partiellement disponible', 2);
const AVAILABLE = rowAnswered('Disponible', 2);

beforeAll(async () => {
  kit = await plant(await fillValidKit(await buildKitTemplate(dictionary)), (w) => {
    sheet(w, sheetNames.partner).getCell('B3').value = '73282932000075';
    sheet(w, sheetNames.partner).getCell('B6').value = 'pas-une-adresse';
    const diagnostic = sheet(w, sheetNames.diagnostic);
    diagnostic.getCell(diagnosticFirstRow + PARTIAL, answerColumn(2, 'commentaire')).value = null;
    diagnostic.getCell(diagnosticFirstRow + AVAILABLE, answerColumn(2, 'disponibilite')).value = '=1+1 @SUM(A1)';
    sheet(w, sheetNames.pairs).getCell('B5').value = 'Chèque formation';
    sheet(w, sheetNames.pairs).getCell('C5').value = 'GESTFORM';
  });
  report = await validateKit(kit, 'mon kit.xlsx', { dictionaries: [dictionary], now });
});

/** Every value the partner typed: the cells of the filled kit that the empty template does not hold. */
async function partnerAnswers(bytes: Uint8Array): Promise<string[]> {
  const texts = async (data: Uint8Array) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data.slice().buffer);
    const values = new Set<string>();
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void values.add(cell.text.trim()))));
    return values;
  };
  const template = await texts(await buildKitTemplate(dictionary));
  return [...(await texts(bytes))].filter((value) => value.length > 2 && !template.has(value));
}

/** Parses the CSV the site writes (« ; », quotes doubled, CRLF, BOM). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i += 1) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') (cell += '"'), (i += 1);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') (rows.at(-1)?.push(cell), (cell = ''));
    else if (ch === '\r' && body[i + 1] === '\n') (rows.at(-1)?.push(cell), (cell = ''), rows.push([]), (i += 1));
    else cell += ch;
  }
  return rows.filter((row) => row.length > 0);
}

describe('report exports', () => {
  it('writes the report as CSV for French Excel, one line per issue and per cell of an unanswered pair', () => {
    const csv = reportCsv(report);
    expect(csv.startsWith('\uFEFFgravité;feuille;cellule;')).toBe(true);
    const rows = parseCsv(csv);
    const group = report.issues.find((issue) => issue.rule === 'kit.coherence.couple-sans-reponse');
    expect(group?.cells).toHaveLength(fieldCount);
    expect(rows).toHaveLength(1 + report.issues.length - 1 + fieldCount);
    expect(csv).toContain('Erreur;Partenaire;B3;Partenaire!B3;');
    // Each cell of the unanswered pair on its own line, with its own place and field code.
    const pairRows = rows.filter((row) => row[9] === 'kit.coherence.couple-sans-reponse');
    expect(pairRows.map((row) => [row[2], row[3], row[5]])).toEqual(group?.cells?.map((cell) => [cell.cell, `Diagnostic!${cell.cell}`, cell.field]));
  });

  it('writes no cell that a spreadsheet would run as a formula', () => {
    const rows = parseCsv(reportCsv(report));
    const typed = rows.find((row) => row[6]?.includes('SUM'));
    expect(typed?.[6]).toBe("'=1+1 @SUM(A1)");
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[ \u00a0]*[=+\-@\t\r]/);
  });

  it('builds a receipt that identifies the file and holds none of its data', async () => {
    const receipt = buildReceipt(report, await sha256Hex(kit), new Date(Date.UTC(2026, 10, 25, 9)));
    expect(receipt).toMatchObject({ fichier: { nom: 'mon kit.xlsx', taille: kit.length }, versionDictionnaire: dictionary.manifest.version, verdict: 'a-corriger', problemes: { erreurs: 5, avertissements: 0, informations: 0 } });
    expect(receipt.fichier.sha256).toMatch(/^[0-9a-f]{64}$/);
    const text = JSON.stringify(receipt);
    const answers = await partnerAnswers(kit);
    expect(answers).toEqual(expect.arrayContaining([validPartner.raisonSociale, ...validPairs.flat(), '73282932000075', 'pas-une-adresse', 'Renseigné depuis 2024 seulement.']));
    expect(answers.filter((value) => text.includes(value))).toEqual([]);
  });
});

describe('CSV written by the site', () => {
  it.each(['=', '+', '-', '@', '\t', '\r', ' =', '  @', '\u00a0+', '＝'])('neutralises a cell starting with %j', (prefix) => {
    const value = `${prefix}HYPERLINK("http://exemple.invalid","clic")`;
    const [row] = parseCsv(toCsv([[value, 'ok']]));
    expect(row).toEqual([`'${value}`, 'ok']);
  });

  it('leaves every cell of the published dictionary CSV as it was: its download keeps its bytes', () => {
    const rows = parseCsv(dictionaryCsv(dictionary));
    expect(rows).toHaveLength(fieldCount + 1);
    expect(rows.flat().filter((cell) => /^'[ \u00a0]*[=+\-@\t\r\n]/.test(cell))).toEqual([]);
  });

  it('keeps numbers, negative ones included, and ordinary text as they are', () => {
    expect(parseCsv(toCsv([['-12', '+33', '-0,5', '1e5', 'Région', "l'apostrophe", 'a-b', '']]))).toEqual([['-12', '+33', '-0,5', '1e5', 'Région', "l'apostrophe", 'a-b', '']]);
  });
});

/** A workbook as ExcelJS and SheetJS read it back, cell by cell, with everything a partner would see. */
async function snapshot(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.slice().buffer);
  const cells = new Map<string, { value: string; numFmt: string; style: string; validation: string }>();
  const sheets: Record<string, unknown> = {};
  workbook.eachSheet((ws) => {
    if (ws.name.startsWith('Rapport')) return;
    const model = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    const validations = new Map<string, unknown>();
    for (const [address, validation] of Object.entries(model)) {
      if (!validation) continue;
      const [from, to = from] = address.split(':') as [string, string?];
      const start = ws.getCell(from);
      const end = ws.getCell(to);
      for (let r = Number(start.row); r <= Number(end.row); r += 1) for (let c = Number(start.col); c <= Number(end.col); c += 1) validations.set(ws.getCell(r, c).address, validation);
    }
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const { numFmt: _numFmt, ...style } = cell.style ?? {};
        cells.set(`${ws.name}!${cell.address}`, { value: JSON.stringify(cell.value), numFmt: cell.numFmt ?? '', style: JSON.stringify(style), validation: JSON.stringify(validations.get(cell.address) ?? null) });
      }),
    );
    sheets[ws.name] = {
      state: ws.state,
      widths: ws.columns?.map((column) => column.width),
      views: ws.views,
      merges: Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges).sort(),
      protection: (ws as unknown as { sheetProtection: unknown }).sheetProtection,
      validations: validations.size,
    };
  });
  const values = XLSX.read(bytes, { type: 'array', cellDates: true });
  const read = Object.fromEntries(values.SheetNames.filter((name) => !name.startsWith('Rapport')).map((name) => [name, XLSX.utils.sheet_to_json(values.Sheets[name] as XLSX.WorkSheet, { header: 1, raw: true, defval: null })]));
  return { cells, sheets, read, hidden: values.Workbook?.Sheets?.filter((s) => !s.name?.startsWith('Rapport')).map((s) => [s.name, s.Hidden]) };
}

describe('annotated copy', () => {
  it('changes the style of exactly the cells with an issue, and nothing else', async () => {
    const before = kit.slice();
    const annotated = await annotateWorkbook(kit, report, ExcelJS);
    expect(Buffer.compare(Buffer.from(before), Buffer.from(kit))).toBe(0);
    expect(annotated.fileName).toBe('mon kit-annote.xlsx');

    const marked = new Set(report.issues.flatMap((issue) => (issue.cells ?? (issue.cell ? [{ cell: issue.cell }] : [])).map(({ cell }) => `${issue.sheet}!${cell}`)));
    expect(marked.size).toBe(4 + fieldCount);
    const original = await snapshot(kit);
    const copy = await snapshot(annotated.bytes);
    const changed = [...copy.cells].filter(([key, cell]) => original.cells.get(key)?.style !== cell.style).map(([key]) => key);
    expect(changed.sort()).toEqual([...marked].sort());
    for (const [key, cell] of original.cells) {
      const { style: _style, ...rest } = cell;
      const { style: _copyStyle, ...copyRest } = copy.cells.get(key) ?? { style: '' };
      expect(copyRest, key).toEqual(rest);
    }
    expect(copy.sheets).toEqual(original.sheets);
    expect(copy.read).toEqual(original.read);
    expect(copy.hidden).toEqual(original.hidden);
  });

  it('colours each marked cell by its worst issue, signs its note in French, adds a « Rapport » sheet', async () => {
    const annotated = await annotateWorkbook(kit, report, ExcelJS);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(annotated.bytes.slice().buffer);
    const cell = workbook.getWorksheet('Partenaire')!.getCell('B3');
    expect(String(cell.note)).toContain('clé de contrôle');
    expect(cell.fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    const parts = unzipSync(annotated.bytes);
    const comments = Object.keys(parts).filter((name) => /^xl\/comments\d*\.xml$/.test(name));
    expect(comments.length).toBeGreaterThan(0);
    for (const name of comments) expect(strFromU8(parts[name] as Uint8Array)).toContain(`<authors><author>${NOTE_AUTHOR}</author></authors>`);
    // One list or date check per answer column, as the template declares them: none declared twice.
    const declared = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['xl/worksheets/sheet4.xml'] ?? new Uint8Array()).match(/<dataValidations count="(\d+)"/)?.[1];
    expect(declared(annotated.bytes)).toBe(declared(await buildKitTemplate(dictionary)));
    const sheet = workbook.getWorksheet('Rapport')!;
    expect(sheet.getCell('A2').value).toBe(`mon kit.xlsx — dictionnaire ${dictionary.manifest.version} — 5 erreurs, 0 avertissement, 0 information`);
    expect(sheet.getCell('A5').value).toBe('Erreur');
    expect(sheet.getCell('B5').value).toMatchObject({ text: 'Partenaire!B3', hyperlink: "#'Partenaire'!B3" });
  });
});
