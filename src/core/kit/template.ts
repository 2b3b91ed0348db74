import ExcelJS from 'exceljs';
import { stableZip } from '../artefacts/stable-zip.ts';
import { obligationLabels } from '../dictionary/describe.ts';
import { allFields, type Dictionary } from '../dictionary/model.ts';
import { fieldListFingerprint } from './fingerprint.ts';
import {
  answerColumn,
  answerColumns,
  cellRef,
  answerHeader,
  availabilities,
  diagnosticFirstRow,
  diagnosticGroupRow,
  diagnosticHeaderRow,
  fieldColumns,
  KIT_LAYOUT_VERSION,
  MAX_PAIRS,
  metaKeys,
  pairColumns,
  pairFirstRow,
  pairGroupFormula,
  pairGroupTitle,
  partnerColumns,
  partnerFirstRow,
  partnerRows,
  partnerTypes,
  partnerValueColumn,
  sheetNames,
} from './layout.ts';
import { dateRules, ruleStatements, type DateRule } from './rules.ts';
import { validationsOf } from './validations.ts';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
const PREFILLED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const OPEN: Partial<ExcelJS.Protection> = { locked: false };
/** Protection guards the pre-filled cells against slips, not against a determined user: no password. */
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, spinCount: 0 };

export interface TemplateOptions {
  /** Public address of the site, when the build knows it, for the link back from « Lisez-moi ». */
  siteUrl?: string;
}

/** The kit de diagnostic of one dictionary version, as .xlsx bytes. */
export async function buildKitTemplate(dictionary: Dictionary, options: TemplateOptions = {}): Promise<Uint8Array> {
  const { version, date } = dictionary.manifest;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Portail partenaires AGORA';
  workbook.created = new Date(`${date}T00:00:00Z`);
  workbook.modified = workbook.created;
  // The group titles of « Diagnostic » are formulas over « Dispositifs »: recomputed when the file opens.
  workbook.calcProperties.fullCalcOnLoad = true;
  const fields = allFields(dictionary);
  const entityLabels = new Map(dictionary.entities.map((entity) => [entity.id, entity.label]));

  const readme = workbook.addWorksheet(sheetNames.readme, { properties: { tabColor: { argb: 'FF1F4E79' } } });
  readme.getColumn(1).width = 110;
  const page = options.siteUrl ? `${options.siteUrl.replace(/\/$/, '')}/verifier/kit-de-diagnostic/` : 'la page « Vérifier mes fichiers › Kit de diagnostic » du Portail partenaires AGORA';
  const lines = [
    `Kit de diagnostic AGORA — dictionnaire des données, version ${version}`,
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
  ];
  lines.forEach((text, i) => {
    const cell = readme.getCell(i + 1, 1);
    cell.value = text;
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  readme.getCell(1, 1).font = { bold: true, size: 14 };

  const availabilityList = `'${sheetNames.lists}'!$A$1:$A$${availabilities.length}`;
  const partnerTypeList = `'${sheetNames.lists}'!$B$1:$B$${partnerTypes.length}`;

  const partner = workbook.addWorksheet(sheetNames.partner, { views: [{ state: 'frozen', ySplit: 1 }] });
  partner.columns = partnerColumns.map((column) => ({ header: column.header, width: column.width }));
  styleHeader(partner.getRow(1));
  partnerRows.forEach((row, i) => {
    const r = partnerFirstRow + i;
    partner.getCell(r, 1).value = row.label;
    partner.getCell(r, 1).fill = PREFILLED_FILL;
    partner.getCell(r, 3).value = row.help;
    const answer = partner.getCell(r, partnerValueColumn);
    answer.protection = OPEN;
    answer.numFmt = row.kind === 'date' ? 'dd/mm/yyyy' : '@';
    if (row.kind === 'liste') validationsOf(partner).add(answer.address, listValidation(partnerTypeList, row.label));
    if (row.kind === 'date') validationsOf(partner).add(answer.address, dateValidation(dateRules.diagnostic, row.label));
  });
  await partner.protect('', PROTECTION);

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

  const lists = workbook.addWorksheet(sheetNames.lists, { state: 'hidden' });
  availabilities.forEach((value, i) => (lists.getCell(i + 1, 1).value = value));
  partnerTypes.forEach((value, i) => (lists.getCell(i + 1, 2).value = value));

  const meta = workbook.addWorksheet(sheetNames.meta, { state: 'veryHidden' });
  meta.getCell(1, 1).value = metaKeys.layout;
  meta.getCell(1, 2).value = KIT_LAYOUT_VERSION;
  meta.getCell(2, 1).value = metaKeys.version;
  meta.getCell(2, 2).value = version;
  meta.getCell(3, 1).value = metaKeys.fingerprint;
  meta.getCell(3, 2).value = await fieldListFingerprint(dictionary);

  return stableZip(new Uint8Array(await workbook.xlsx.writeBuffer()), date);
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.fill = HEADER_FILL;
  row.alignment = { wrapText: true, vertical: 'middle' };
}

/**
 * Excel's own date check, as far as it can say the rule: a real date from the rule's first day. Style
 * « avertissement », as the validator's for a date out of its period; the upper bound, relative to the
 * day of the check, is the validator's alone.
 */
function dateValidation(rule: DateRule, title: string): ExcelJS.DataValidation {
  return {
    type: 'date',
    operator: 'greaterThanOrEqual',
    formulae: [new Date(`${rule.from}T00:00:00Z`)],
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: title,
    error: `Saisissez une date au format JJ/MM/AAAA, à partir du ${rule.from.split('-').reverse().join('/')}.`,
  };
}

function listValidation(range: string, title: string): ExcelJS.DataValidation {
  return {
    type: 'list',
    formulae: [range],
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: title,
    error: 'Choisissez une valeur de la liste.',
  };
}
