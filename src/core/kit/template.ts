import type ExcelJS from 'exceljs';
import { obligationLabels } from '../dictionary/describe.ts';
import { allFields, type Dictionary } from '../dictionary/model.ts';
import { partnerTypes, writePartnerSheet } from '../workbook/partner.ts';
import { cellRef } from '../workbook/sheet.ts';
import {
  dateValidation,
  listRange,
  listValidation,
  newTemplate,
  noticeLines,
  OPEN,
  pageReference,
  PREFILLED_FILL,
  PROTECTION,
  styleHeader,
  templateBytes,
  writeLists,
  writeMetadata,
  writeReadme,
  type ExcelModule,
  type TemplateOptions,
} from '../workbook/template.ts';
import { validationsOf } from '../workbook/validations.ts';
import { fieldListFingerprint } from './fingerprint.ts';
import {
  answerColumn,
  answerColumns,
  answerHeader,
  availabilities,
  diagnosticFirstRow,
  diagnosticGroupRow,
  diagnosticHeaderRow,
  fieldColumns,
  KIT_LAYOUT_VERSION,
  kitNames,
  MAX_PAIRS,
  metaKeys,
  pairColumns,
  pairFirstRow,
  pairGroupFormula,
  pairGroupTitle,
  partnerRows,
  sheetNames,
} from './layout.ts';
import { dateRules, ruleStatements } from './rules.ts';

/** The kit de diagnostic of one dictionary version, as a workbook (written by ExcelJS, passed in). */
export async function kitTemplateWorkbook(excel: ExcelModule, dictionary: Dictionary, options: TemplateOptions = {}): Promise<ExcelJS.Workbook> {
  const { version, date } = dictionary.manifest;
  const workbook = newTemplate(excel, date);
  // The group titles of « Diagnostic » are formulas over « Dispositifs »: recomputed when the file opens.
  workbook.calcProperties.fullCalcOnLoad = true;
  const fields = allFields(dictionary);
  const entityLabels = new Map(dictionary.entities.map((entity) => [entity.id, entity.label]));

  const page = pageReference(options, kitNames.page, 'Vérifier mes fichiers › Kit de diagnostic');
  writeReadme(workbook, sheetNames.readme, [
    `Kit de diagnostic AGORA — dictionnaire des données, version ${version}`,
    ...noticeLines(dictionary),
    '',
    'Ce classeur recense, pour chaque dispositif et système d’information (SI) de votre état des lieux, les champs du dictionnaire des données que vous pouvez transmettre à AGORA.',
    '',
    '1. Feuille « Partenaire » : renseignez votre organisme (raison sociale, SIRET en 14 chiffres au format Texte, type de partenaire, contact).',
    `2. Feuille « Dispositifs » : déclarez chaque couple dispositif × SI de votre état des lieux, une ligne par couple (${MAX_PAIRS} au plus). Le numéro de la ligne est celui du couple.`,
    '3. Feuille « Diagnostic » : une ligne par champ du dictionnaire (colonnes grisées, protégées) ; à droite, un groupe de colonnes par couple, dans l’ordre de la feuille « Dispositifs ».',
    `   Pour chaque champ, choisissez la disponibilité dans la liste (${availabilities.join(', ')}), puis renseignez les autres colonnes selon les règles ci-dessous.`,
    '4. Ne supprimez, ne déplacez et ne renommez aucune ligne ni colonne pré-remplie : le validateur les utilise pour lire vos réponses.',
    '',
    'Les règles que le validateur applique (une erreur est à corriger avant l’envoi, un avertissement à examiner) :',
    ...ruleStatements.map((statement) => `• ${statement}`),
    '',
    `Avant de l’envoyer, vérifiez votre kit sur ${page}.`,
    'La vérification se fait dans votre navigateur : le fichier n’est envoyé nulle part.',
  ]);

  const lists = [availabilities, partnerTypes] as const;
  const [availabilityList, partnerTypeList] = lists.map((values, i) => listRange(sheetNames.lists, i, values.length)) as [string, string];

  await writePartnerSheet(workbook, partnerRows, partnerTypeList, dateRules.diagnostic);

  const pairs = workbook.addWorksheet(sheetNames.pairs, { views: [{ state: 'frozen', ySplit: 1 }] });
  pairs.columns = pairColumns.map((column) => ({ header: column.header, width: column.width }));
  styleHeader(pairs.getRow(1));
  for (let n = 1; n <= MAX_PAIRS; n += 1) {
    const r = pairFirstRow + n - 1;
    pairs.getCell(r, 1).value = n;
    pairs.getCell(r, 1).fill = PREFILLED_FILL;
    for (let c = 2; c <= pairColumns.length; c += 1) {
      const cell = pairs.getCell(r, c);
      cell.protection = OPEN;
      cell.numFmt = '@';
    }
  }
  await pairs.protect('', PROTECTION);

  const diagnostic = workbook.addWorksheet(sheetNames.diagnostic, { views: [{ state: 'frozen', xSplit: 2, ySplit: diagnosticHeaderRow }] });
  fieldColumns.forEach((column, i) => {
    diagnostic.getColumn(i + 1).width = column.width;
    diagnostic.getCell(diagnosticHeaderRow, i + 1).value = column.header;
  });
  for (let n = 1; n <= MAX_PAIRS; n += 1) {
    diagnostic.getCell(diagnosticGroupRow, answerColumn(n, 'disponibilite')).value = { formula: pairGroupFormula(n), result: pairGroupTitle(n) };
    diagnostic.mergeCells(diagnosticGroupRow, answerColumn(n, 'disponibilite'), diagnosticGroupRow, answerColumn(n, 'echeance'));
    for (const column of answerColumns) {
      const c = answerColumn(n, column.key);
      diagnostic.getColumn(c).width = column.width;
      diagnostic.getCell(diagnosticHeaderRow, c).value = answerHeader(n, column.header);
    }
  }
  styleHeader(diagnostic.getRow(diagnosticGroupRow));
  styleHeader(diagnostic.getRow(diagnosticHeaderRow));
  fields.forEach((field, i) => {
    const r = diagnosticFirstRow + i;
    const values = [field.code, field.label, entityLabels.get(field.entity) ?? field.entity, obligationLabels[field.obligation], field.condition ?? ''];
    values.forEach((value, c) => {
      const cell = diagnostic.getCell(r, c + 1);
      cell.value = value;
      cell.fill = PREFILLED_FILL;
    });
    for (let n = 1; n <= MAX_PAIRS; n += 1) {
      for (const column of answerColumns) {
        const cell = diagnostic.getCell(r, answerColumn(n, column.key));
        cell.protection = OPEN;
        cell.numFmt = column.key === 'echeance' ? 'dd/mm/yyyy' : '@';
      }
    }
  });
  // One check per answer column, over all its field rows: ExcelJS would otherwise rebuild the ranges
  // from per-cell checks, and declare most cells twice.
  const lastFieldRow = diagnosticFirstRow + fields.length - 1;
  const columnRange = (column: number) => `${cellRef(diagnosticFirstRow, column)}:${cellRef(lastFieldRow, column)}`;
  for (let n = 1; n <= MAX_PAIRS; n += 1) {
    validationsOf(diagnostic).add(columnRange(answerColumn(n, 'disponibilite')), listValidation(availabilityList, 'Disponibilité'));
    validationsOf(diagnostic).add(columnRange(answerColumn(n, 'echeance')), dateValidation(dateRules.echeance, 'Échéance prévisionnelle'));
  }
  await diagnostic.protect('', PROTECTION);

  writeLists(workbook, sheetNames.lists, lists);
  writeMetadata(workbook, [
    [metaKeys.layout, KIT_LAYOUT_VERSION],
    [metaKeys.version, version],
    [metaKeys.fingerprint, await fieldListFingerprint(dictionary)],
  ]);
  return workbook;
}

/** The kit de diagnostic of one dictionary version, as .xlsx bytes. */
export async function kitTemplate(excel: ExcelModule, dictionary: Dictionary, options: TemplateOptions = {}): Promise<Uint8Array> {
  return templateBytes(await kitTemplateWorkbook(excel, dictionary, options), dictionary.manifest.date);
}
