import type { Problem } from '../problems.ts';
import type ExcelJS from 'exceljs';
import { checkLabels } from './labels.ts';
import { propertyOf, type RecordValidator } from './metadata.ts';
import type { PropertySchema } from './record-check.ts';
import { normalizeChoice } from '../choices.ts';
import { cellIssue, type SheetView } from './sheet.ts';
import { dateValidation, listValidation, OPEN, PREFILLED_FILL, PROTECTION, styleHeader } from './template.ts';
import { validationsOf } from './validations.ts';
import { checkDate, checkSiret, readChoice, valueProblem, type DateRule, type WorkbookValues } from './values.ts';

/**
 * The « Partenaire » sheet, the same block in every partner workbook, so that all of them identify the
 * partner the same way: row 1 holds the headers; labels in column A, answers in column B, from row 2.
 * Each workbook adds its own date row (« Date du diagnostic », « Date de l’état des lieux »).
 */
export const PARTNER_SHEET = 'Partenaire';

export const partnerColumns = [
  { header: 'Information', width: 32 },
  { header: 'Votre réponse', width: 48 },
  { header: 'Aide', width: 60 },
] as const;
export const partnerFirstRow = 2;
export const partnerValueColumn = 2;

/**
 * The funders the public sources name around AGORA (Régions, OPCO, France Travail: see
 * ../shared/agora-facts.md); « Autre financeur » keeps the list open to any other.
 */
export const partnerTypes = ['Région', 'OPCO', 'France Travail', 'Autre financeur'] as const;

/** Types offered by earlier templates without a source: workbooks filled with them still validate. */
export const retiredPartnerTypes: Readonly<Record<string, (typeof partnerTypes)[number]>> = {
  'Service de l’État': 'Autre financeur',
  Agefiph: 'Autre financeur',
};

type IdentityKey = 'raisonSociale' | 'siret' | 'typePartenaire' | 'contactNom' | 'contactCourriel';

export interface PartnerRow<Key extends string = string> {
  key: Key;
  label: string;
  help: string;
  required: boolean;
  kind: 'texte' | 'siret' | 'liste' | 'courriel' | 'date';
}

/** The block's rows for one workbook: `about` names it in the help (« ce kit »), `date` is its own date row. */
export function partnerRowsFor<DateKey extends string>(about: string, date: { key: DateKey; label: string; help: string }): readonly PartnerRow<IdentityKey | DateKey>[] {
  return [
    { key: 'raisonSociale', label: 'Raison sociale', help: 'Nom de l’organisme partenaire, tel qu’il figure au répertoire SIRENE.', required: true, kind: 'texte' },
    { key: 'siret', label: 'SIRET', help: '14 chiffres, sans espace ; cellule au format Texte.', required: true, kind: 'siret' },
    { key: 'typePartenaire', label: 'Type de partenaire', help: 'Choisissez dans la liste.', required: true, kind: 'liste' },
    { key: 'contactNom', label: 'Contact : nom et fonction', help: `La personne qui répond aux questions sur ${about}.`, required: true, kind: 'texte' },
    { key: 'contactCourriel', label: 'Contact : courriel', help: 'Adresse professionnelle.', required: true, kind: 'courriel' },
    { ...date, required: false, kind: 'date' },
  ];
}

const text = { type: 'string', minLength: 1 } as const;

function partnerProperty(row: PartnerRow): PropertySchema {
  switch (row.kind) {
    // Their values go through the value engine (values.ts), as extract cells do: the record says they are there.
    case 'courriel':
    case 'siret':
    case 'liste':
    case 'date':
      return { type: 'string' };
    default:
      return text;
  }
}

/** « Partenaire » as one record keyed by its rows, holding the text of each answered cell: what must be there and well formed. */
export function partnerSchema(id: string, rows: readonly PartnerRow[]) {
  return {
    $id: id,
    type: 'object',
    required: rows.filter((row) => row.required).map((row) => row.key),
    properties: Object.fromEntries(rows.map((row) => [row.key, partnerProperty(row)])),
    additionalProperties: false,
  } as const;
}

/**
 * Headers and labels of « Partenaire »: answers are read by position, so a shifted column or row is named
 * once and what follows is not read. Returns how many rows can be read.
 */
export function checkPartnerLabels(sheet: SheetView, rows: readonly PartnerRow[], issues: Problem[]): number {
  const shifted = checkLabels(
    { sheet, along: 'row', line: 1, first: 1, expected: partnerColumns.map((c) => c.header), rules: { renamed: 'structure.colonnes', shifted: 'structure.colonnes' }, insertedFix: 'les réponses sont lues en colonne B.', renamedFix: 'le validateur lit les réponses à leur place.' },
    issues,
  );
  if (shifted !== undefined) return 0;
  const rowShift = checkLabels(
    {
      sheet,
      along: 'column',
      line: 1,
      first: partnerFirstRow,
      expected: rows.map((row) => row.label),
      rules: { renamed: 'structure.ligne-modifiee', shifted: 'structure.lignes-decalees' },
      insertedFix: 'chaque réponse est lue en colonne B, sur la ligne de son libellé.',
      renamedFix: 'la réponse est lue en colonne B de cette ligne.',
    },
    issues,
  );
  return rowShift ?? rows.length;
}

export type PartnerRecord = Partial<Record<string, string>>;

/** What the other checks and the cross-check need of « Partenaire »: the answers, and the SIRET where it stands. */
export interface PartnerAnswers {
  record: PartnerRecord;
  /** The SIRET's 14 digits when valid, else as typed; with its cell. */
  siret?: { value: string; place: string };
}

/**
 * The answers of the first `rowsRead` rows: presence by the record's schema (`validate`), then e-mail,
 * SIRET, list and date through the value engine, which needs the cell itself.
 */
export function checkPartnerAnswers(sheet: SheetView, rows: readonly PartnerRow[], rowsRead: number, validate: RecordValidator, dateRule: DateRule, now: Date, values: WorkbookValues, issues: Problem[]): PartnerAnswers {
  const record: PartnerRecord = {};
  rows.slice(0, rowsRead).forEach((row, i) => {
    const value = sheet.text(partnerFirstRow + i, partnerValueColumn);
    if (value) record[row.key] = value;
  });
  if (!validate(record)) {
    for (const error of validate.errors ?? []) {
      const index = rows.findIndex((row) => row.key === propertyOf(error));
      const row = rows[index];
      // The record holds the answered cells' text only, so its schema can find nothing but a missing answer.
      if (!row || index >= rowsRead || error.keyword !== 'required') continue;
      const r = partnerFirstRow + index;
      // An Excel error value is reported as such (validate.ts), not as a missing answer.
      if (sheet.errorValue(r, partnerValueColumn)) continue;
      issues.push(cellIssue(sheet.name, r, partnerValueColumn, 'erreur', 'valeurs.obligatoire', `« ${row.label} » n’est pas renseigné.`, `Renseignez ${sheet.name}!B${r} : ${row.help}`));
    }
  }
  const answers: PartnerAnswers = { record };
  rows.slice(0, rowsRead).forEach((row, i) => {
    const r = partnerFirstRow + i;
    const c = partnerValueColumn;
    if (record[row.key] === undefined) return;
    if (row.kind === 'siret') answers.siret = { value: checkSiret(sheet, r, c, values, issues) ?? sheet.text(r, c), place: `${sheet.name}!B${r}` };
    if (row.kind === 'liste') checkPartnerType(sheet, r, c, issues);
    if (row.kind === 'courriel') {
      const finding = values.email?.(sheet.text(r, c));
      if (finding) issues.push(valueProblem(sheet, r, c, finding));
    }
    if (row.kind === 'date') checkDate(sheet, r, c, dateRule, now, values, issues);
  });
  return answers;
}

/** A partner type of an earlier template's list is read as today's equivalent, with a note. */
function checkPartnerType(sheet: SheetView, row: number, column: number, issues: Problem[]): void {
  const value = sheet.text(row, column);
  const retired = Object.keys(retiredPartnerTypes).find((type) => normalizeChoice(type) === normalizeChoice(value));
  if (!retired) {
    readChoice(sheet, row, column, partnerTypes, 'le type de partenaire', issues);
    return;
  }
  const current = retiredPartnerTypes[retired] ?? 'Autre financeur';
  issues.push(cellIssue(sheet.name, row, column, 'information', 'valeurs.type-retire', `« ${value} » ne figure plus dans la liste des types de partenaire : il est lu comme « ${current} ».`, `Rien à faire ; vous pouvez choisir « ${current} » dans la liste.`, { value }));
}

/** Writes « Partenaire »: labels and help locked, answers open, the type from `typeList`, the date checked. */
export async function writePartnerSheet(workbook: ExcelJS.Workbook, rows: readonly PartnerRow[], typeList: string, dateRule: DateRule): Promise<void> {
  const partner = workbook.addWorksheet(PARTNER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  partner.columns = partnerColumns.map((column) => ({ header: column.header, width: column.width }));
  styleHeader(partner.getRow(1));
  rows.forEach((row, i) => {
    const r = partnerFirstRow + i;
    partner.getCell(r, 1).value = row.label;
    partner.getCell(r, 1).fill = PREFILLED_FILL;
    partner.getCell(r, 3).value = row.help;
    const answer = partner.getCell(r, partnerValueColumn);
    answer.protection = OPEN;
    answer.numFmt = row.kind === 'date' ? 'dd/mm/yyyy' : '@';
    if (row.kind === 'liste') validationsOf(partner).add(answer.address, listValidation(typeList, row.label));
    if (row.kind === 'date') validationsOf(partner).add(answer.address, dateValidation(dateRule, row.label));
  });
  await partner.protect('', PROTECTION);
}
