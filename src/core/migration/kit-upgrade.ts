import { countOf, plural } from '../plural.ts';
import ExcelJS from 'exceljs';
import { allFields, type Dictionary } from '../dictionary/model.ts';
import { buildKitTemplate } from '../artefacts/templates.ts';
import { answerColumn, diagnosticFirstRow, fieldColumns, pairFirstRow, sheetNames } from '../kit/layout.ts';
import { partnerFirstRow, partnerValueColumn } from '../workbook/partner.ts';
import type { TemplateOptions } from '../workbook/template.ts';
import type { History } from '../dictionary/history.ts';
import { readKitAnswers, readKitSheets, type KitAnswers, type UpgradePlan } from './kit-plan.ts';

/** Sheet listing what the upgrade did, added after the template's own sheets. */
export const UPGRADE_SHEET = 'Mise à niveau';

const NEW_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const LOST_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

/**
 * The kit on the newer version: its published template, every answer of the older kit written where
 * its field now is (renamed rows followed), new fields highlighted, and a « Mise à niveau » sheet that
 * lists the changes and each answer that could not be carried. The older kit is only read.
 */
export async function upgradeKit(answers: KitAnswers, plan: UpgradePlan, history: History, to: Dictionary, fileName: string, options: TemplateOptions = {}): Promise<{ bytes: Uint8Array; fileName: string }> {
  const template = await buildKitTemplate(to, options);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template.buffer.slice(template.byteOffset, template.byteOffset + template.byteLength) as ArrayBuffer);
  const sheet = (name: string) => workbook.getWorksheet(name) as ExcelJS.Worksheet;

  const partner = sheet(sheetNames.partner);
  answers.partner.forEach((value, i) => {
    if (value !== undefined) partner.getCell(partnerFirstRow + i, partnerValueColumn).value = value;
  });
  const pairs = sheet(sheetNames.pairs);
  answers.pairs.forEach((row, i) =>
    row.forEach((value, c) => {
      if (value !== undefined) pairs.getCell(pairFirstRow + i, c + 2).value = value;
    }),
  );

  const diagnostic = sheet(sheetNames.diagnostic);
  const rowOf = new Map(allFields(to).map((field, i) => [field.code, diagnosticFirstRow + i]));
  for (const row of answers.rows) {
    const target = history.field(plan.from, row.code) ? history.locateField(row.code, plan.from, plan.to) : undefined;
    const at = target && rowOf.get(target.code);
    if (!at) continue;
    for (const answer of row.answers) diagnostic.getCell(at, answerColumn(answer.pair, answer.key)).value = answer.value;
  }
  const mark = (code: string, fill: ExcelJS.Fill | undefined, note: string) => {
    const at = rowOf.get(code);
    if (!at) return;
    for (let column = 1; column <= fieldColumns.length; column += 1) if (fill) diagnostic.getCell(at, column).fill = fill;
    diagnostic.getCell(at, 1).note = note;
  };
  for (const code of plan.newFields) mark(code, NEW_FILL, `Nouveau champ de la version ${plan.to} : renseignez-le pour chaque couple.`);
  for (const [before, after] of Object.entries(plan.renamed)) mark(after, undefined, `Anciennement ${before} (version ${plan.from}) : les réponses ont été reprises.`);

  writeUpgradeSheet(workbook.addWorksheet(UPGRADE_SHEET, { properties: { tabColor: { argb: 'FFBF8F00' } } }), plan, fileName);
  const base = fileName.replace(/\.(xlsx|xlsm|xls|ods)$/i, '');
  return { bytes: new Uint8Array(await workbook.xlsx.writeBuffer()), fileName: `${base}-version-${plan.to}.xlsx` };
}

function writeUpgradeSheet(sheet: ExcelJS.Worksheet, plan: UpgradePlan, fileName: string) {
  sheet.columns = [{ width: 30 }, { width: 40 }, { width: 10 }, { width: 30 }, { width: 34 }, { width: 30 }, { width: 40 }];
  const line = (values: (string | number)[], bold = false) => {
    const row = sheet.addRow(values);
    row.alignment = { wrapText: true, vertical: 'top' };
    if (bold) row.font = { bold: true };
    return row;
  };
  line([`Mise à niveau du kit : dictionnaire version ${plan.from} → version ${plan.to}`], true).font = { bold: true, size: 14 };
  line([
    `Kit d’origine : ${fileName} (non modifié). ${countOf(plan.carried, 'réponse reprise', 'réponses reprises')} ; ${countOf(plan.newFields.length, 'champ nouveau, surligné', 'champs nouveaux, surlignés')} en jaune dans « ${sheetNames.diagnostic} » ; ${countOf(plan.lost.length, 'réponse non reprise', 'réponses non reprises')}${plan.lost.length > 0 ? `, ${plural(plan.lost.length, 'listée', 'listées')} ci-dessous` : ''}.`,
  ]);
  line([]);
  line(['Changements qui concernent ce kit'], true);
  for (const change of plan.changes) line([change.message]);
  if (plan.changes.length === 0) line(['Aucun : les lignes du kit sont les mêmes.']);
  line([]);
  line(['Réponses qui n’ont pas pu être reprises'], true);
  if (plan.lost.length === 0) {
    line(['Aucune : toutes les réponses du kit d’origine sont dans ce classeur.']);
    return;
  }
  line(['Code du champ', 'Libellé', 'Couple n°', 'Dispositif', 'Colonne', 'Valeur', 'Raison'], true);
  for (const lost of plan.lost) line([lost.code, lost.label, lost.pair, lost.dispositif, lost.column, lost.value, lost.reason]).getCell(6).fill = LOST_FILL;
}

/** The upgraded kit from the older kit's bytes, which are read and never changed. */
export async function upgradeKitFile(bytes: Uint8Array, fileName: string, plan: UpgradePlan, history: History, to: Dictionary, options: TemplateOptions = {}): Promise<{ bytes: Uint8Array; fileName: string }> {
  const sheets = readKitSheets(bytes, fileName);
  if (!sheets) throw new Error('le kit d’origine ne peut plus être lu');
  return upgradeKit(readKitAnswers(sheets), plan, history, to, fileName, options);
}
