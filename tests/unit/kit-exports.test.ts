import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import type { Dictionary } from '../../src/core/dictionary/model.ts';
import { annotateWorkbook } from '../../src/core/kit/annotate.ts';
import { buildReceipt, reportCsv } from '../../src/core/kit/exports.ts';
import { sha256Hex } from '../../src/core/kit/fingerprint.ts';
import type { KitReport } from '../../src/core/kit/report.ts';
import { buildKitTemplate } from '../../src/core/kit/template.ts';
import { validateKit } from '../../src/core/kit/validate.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { fillValidKit, validPairs, validPartner } from '../fixtures/kit/fill.ts';

const dictionary = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
let kit: Uint8Array;
let report: KitReport;

beforeAll(async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await fillValidKit(await buildKitTemplate(dictionary))).slice().buffer);
  workbook.getWorksheet('Partenaire')!.getCell('B3').value = '73282932000075';
  workbook.getWorksheet('Partenaire')!.getCell('B6').value = 'pas-une-adresse';
  kit = new Uint8Array(await workbook.xlsx.writeBuffer());
  report = await validateKit(kit, 'mon kit.xlsx', { dictionaries: [dictionary], now: new Date(Date.UTC(2026, 10, 25)) });
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

describe('report exports', () => {
  it('writes the report as CSV for French Excel, one line per issue', () => {
    const csv = reportCsv(report);
    expect(csv.startsWith('\uFEFFgravité;feuille;cellule;')).toBe(true);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(report.issues.length + 1);
    expect(csv).toContain('Erreur;Partenaire;B3;Partenaire!B3;');
  });

  it('builds a receipt that identifies the file and holds none of its data', async () => {
    const receipt = buildReceipt(report, await sha256Hex(kit), new Date(Date.UTC(2026, 10, 25, 9)));
    expect(receipt).toMatchObject({ fichier: { nom: 'mon kit.xlsx', taille: kit.length }, versionDictionnaire: dictionary.manifest.version, verdict: 'a-corriger', problemes: { erreurs: 2, avertissements: 0, informations: 0 } });
    expect(receipt.fichier.sha256).toMatch(/^[0-9a-f]{64}$/);
    const text = JSON.stringify(receipt);
    const answers = await partnerAnswers(kit);
    expect(answers).toEqual(expect.arrayContaining([validPartner.raisonSociale, ...validPairs.flat(), '73282932000075', 'pas-une-adresse', 'Renseigné depuis 2024 seulement.']));
    expect(answers.filter((value) => text.includes(value))).toEqual([]);
  });

  it('annotates a new workbook: highlighted cells with notes and a « Rapport » sheet; the original is untouched', async () => {
    const before = kit.slice();
    const annotated = await annotateWorkbook(kit, report, ExcelJS);
    expect(Buffer.compare(Buffer.from(before), Buffer.from(kit))).toBe(0);
    expect(annotated.fileName).toBe('mon kit-annote.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(annotated.bytes.slice().buffer);
    const cell = workbook.getWorksheet('Partenaire')!.getCell('B3');
    expect(String(cell.note)).toContain('clé de contrôle');
    expect(cell.fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    const sheet = workbook.getWorksheet('Rapport')!;
    expect(sheet.getCell('A5').value).toBe('Erreur');
    expect(sheet.getCell('B5').value).toMatchObject({ text: 'Partenaire!B3', hyperlink: "#'Partenaire'!B3" });
  });
});
