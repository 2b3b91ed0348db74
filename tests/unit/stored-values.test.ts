import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEtatTemplate, buildKitTemplate } from '../../src/core/artefacts/templates.ts';
import { etatSheets } from '../../src/core/etat-des-lieux/layout.ts';
import { validateEtat } from '../../src/core/etat-des-lieux/validate.ts';
import { sheetNames } from '../../src/core/kit/layout.ts';
import { validateKit } from '../../src/core/kit/validate.ts';
import { annotateWorkbook } from '../../src/core/workbook/annotate.ts';
import { buildReceipt, reportCsv } from '../../src/core/workbook/exports.ts';
import { workbookShapes } from '../../src/core/workbooks.ts';
import { fillValidEtat, plantEtat, sheetOf } from '../fixtures/etat-des-lieux/fill.ts';
import { frozenDictionary } from '../fixtures/kit/dictionary.ts';
import { fillValidKit, plant, sheet } from '../fixtures/kit/fill.ts';

/**
 * Issue 15, point 5: findings quote the value the cell stores, never what its number format shows; when
 * the two differ the message says both, so that the partner can find the fault Excel hides. The CSV and
 * the annotated copy say the same; the receipt holds no value at all.
 */
const dictionary = frozenDictionary;
const now = new Date(Date.UTC(2026, 10, 25));
const options = { dictionaries: [dictionary], now, known: workbookShapes };

let etat: Uint8Array;
beforeAll(async () => {
  etat = await fillValidEtat(await buildEtatTemplate(dictionary));
});

const volume = (value: number, numFmt: string) => (w: ExcelJS.Workbook) => {
  const cell = sheetOf(w, etatSheets.dispositifs).getCell('N2');
  cell.value = value;
  cell.numFmt = numFmt;
};

describe('a number whose format rounds it', () => {
  for (const [stored, format, shown, storedText] of [
    [12.5, '0', '13', '12,5'],
    [0.5, '0', '1', '0,5'],
    [1199.99, '#,##0', '1\u202f200', '1199,99'],
  ] as const) {
    it(`${stored} shown « ${shown} » by « ${format} »: the finding quotes ${storedText} and says what the cell shows`, async () => {
      const bytes = await plantEtat(etat, volume(stored, format));
      const report = await validateEtat(bytes, 'etat.xlsx', options);
      const found = report.issues.filter((issue) => issue.place === 'Dispositifs!N2');
      expect(found.map(({ rule, value }) => ({ rule, value }))).toEqual([{ rule: 'value.type', value: storedText }]);
      expect(found[0]?.message).toContain(`La cellule affiche ${shown}, elle contient ${storedText}.`);
      const csv = reportCsv(report);
      expect(csv).toContain(`;${storedText};`);
      expect(csv).toContain(`La cellule affiche ${shown}, elle contient ${storedText}.`);
      const annotated = await annotateWorkbook(bytes, report, ExcelJS);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(annotated.bytes.slice().buffer);
      expect(JSON.stringify(sheetOf(workbook, etatSheets.dispositifs).getCell('N2').note)).toContain(`elle contient ${storedText}`);
      expect(JSON.stringify(buildReceipt(report, 'c'.repeat(64), now))).not.toContain(storedText);
    });
  }

  it('a whole number shown as it is stored says nothing more', async () => {
    const report = await validateEtat(await plantEtat(etat, volume(-3, '0')), 'etat.xlsx', options);
    const found = report.issues.filter((issue) => issue.place === 'Dispositifs!N2');
    expect(found.map(({ rule, value }) => ({ rule, value }))).toEqual([{ rule: 'value.range', value: '-3' }]);
    expect(found[0]?.message).not.toContain('affiche');
  });

  it('in a kit, a SIRET stored as a number shown in scientific notation is read by its digits', async () => {
    const kit = await fillValidKit(await buildKitTemplate(dictionary));
    const bytes = await plant(kit, (w) => {
      const cell = sheet(w, sheetNames.partner).getCell('B3');
      cell.value = 73282932000075;
      cell.numFmt = '0.00E+00';
    });
    const report = await validateKit(bytes, 'kit.xlsx', options);
    expect(report.issues.map(({ rule, value, place }) => ({ rule, value, place }))).toEqual([{ rule: 'siret.key', value: '73282932000075', place: 'Partenaire!B3' }]);
    expect(report.issues[0]?.message).toContain('La cellule affiche 7,33E+13, elle contient 73282932000075.');
  });
});
