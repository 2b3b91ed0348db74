import type { ErrorObject } from 'ajv';
import type * as XLSX from '@e965/xlsx';
import { validateMetadata, validatePairRow, validatePartnerRecord } from 'virtual:agora/kit-validators';
import type { Dictionary } from '../dictionary/model.ts';
import { fieldListFingerprint } from './fingerprint.ts';
import { metaKeys, pairColumns, partnerFirstRow, partnerRows, partnerValueColumn, sheetNames } from './layout.ts';
import type { KitIssue } from './report.ts';
import { cellIssue, SheetView } from './sheet.ts';

/**
 * The kit's records (« Partenaire », each row of « Dispositifs », the metadata sheet) checked by the
 * validators Ajv compiled at build time, and Ajv's errors told in French at the partner's cell.
 */

/** The property an Ajv error is about: the missing one for `required`, else the first segment of its path. */
function propertyOf(error: ErrorObject): string {
  if (error.keyword === 'required') return String(error.params['missingProperty']);
  return error.instancePath.split('/')[1] ?? '';
}

export type PartnerRecord = Partial<Record<(typeof partnerRows)[number]['key'], string>>;

/**
 * « Partenaire » as a record of the answered cells' text; what is required and well formed is the
 * schema's. Only the first `rowsRead` rows are read: below a shifted row, answers are not where they should be.
 */
export function checkPartnerRecord(sheet: SheetView, rowsRead: number, issues: KitIssue[]): PartnerRecord {
  const record: PartnerRecord = {};
  partnerRows.slice(0, rowsRead).forEach((row, i) => {
    const text = sheet.text(partnerFirstRow + i, partnerValueColumn);
    if (text) record[row.key] = text;
  });
  if (validatePartnerRecord(record)) return record;
  for (const error of validatePartnerRecord.errors ?? []) {
    const index = partnerRows.findIndex((row) => row.key === propertyOf(error));
    const row = partnerRows[index];
    if (!row || index >= rowsRead) continue;
    const r = partnerFirstRow + index;
    const at = (rule: string, message: string, fix: string, value?: string) => issues.push(cellIssue(sheet.name, r, partnerValueColumn, 'erreur', rule, message, fix, value === undefined ? {} : { value }));
    const value = record[row.key];
    if (error.keyword === 'required') at('valeurs.obligatoire', `« ${row.label} » n’est pas renseigné.`, `Renseignez ${sheet.name}!B${r} : ${row.help}`);
    else if (error.keyword === 'format' && row.kind === 'courriel') at('valeurs.courriel', `« ${value} » n’est pas une adresse électronique.`, 'Saisissez une adresse de la forme prenom.nom@organisme.fr.', value);
    else at('valeurs.forme', `« ${value} » n’a pas la forme attendue pour « ${row.label} ».`, row.help, value);
  }
  return record;
}

const pairFieldLabels: Record<string, { what: string; fix: string }> = {
  dispositif: { what: 'le dispositif n’est pas renseigné', fix: 'Indiquez le nom du dispositif, tel que dans votre état des lieux.' },
  si: { what: 'le système d’information n’est pas renseigné', fix: 'Indiquez le SI qui stocke les données de ce dispositif, tel que dans votre état des lieux.' },
};

/** One filled row of « Dispositifs »: the pair must name its dispositif and its SI. */
export function checkPairRow(sheet: SheetView, row: number, number: number, label: string, issues: KitIssue[]): void {
  const record: Record<string, string> = {};
  pairColumns.forEach((column, i) => {
    const text = sheet.text(row, i + 1);
    if (!column.prefilled && text) record[column.key] = text;
  });
  if (validatePairRow(record)) return;
  for (const error of validatePairRow.errors ?? []) {
    const key = propertyOf(error);
    const column = pairColumns.findIndex((c) => c.key === key) + 1;
    const known = pairFieldLabels[key];
    if (column < 1 || !known || error.keyword !== 'required') continue;
    issues.push(cellIssue(sheet.name, row, column, 'erreur', 'valeurs.obligatoire', `Couple n° ${number} : ${known.what}.`, known.fix, { dispositif: label }));
  }
}

export interface KitMetadata {
  version: string;
  fingerprint: string;
}

const metaPlace = `Feuille « ${sheetNames.meta} » (masquée)`;

/**
 * The very hidden metadata sheet, when there is one and it is whole. A damaged one is reported and
 * ignored: the version is then inferred from the field list, as for a kit that has lost the sheet.
 */
export function readMetadata(workbook: XLSX.WorkBook, issues: KitIssue[]): KitMetadata | undefined {
  const sheet = workbook.Sheets[sheetNames.meta];
  if (!sheet) return undefined;
  const view = new SheetView(sheetNames.meta, sheet);
  const record: Record<string, string> = {};
  for (let row = 1; row <= view.rowCount; row += 1) {
    const key = view.text(row, 1);
    if (key) record[key] = view.text(row, 2);
  }
  if (validateMetadata(record)) return { version: record[metaKeys.version] ?? '', fingerprint: record[metaKeys.fingerprint] ?? '' };
  const keys = [...new Set((validateMetadata.errors ?? []).map(propertyOf))].filter(Boolean);
  issues.push({
    severity: 'avertissement',
    rule: 'kit.structure.metadonnees',
    place: metaPlace,
    value: keys.map((key) => `${key} = « ${record[key] ?? ''} »`).join(' ; '),
    message: `La feuille masquée « ${sheetNames.meta} » du modèle a été modifiée (${keys.map((key) => `« ${key} »`).join(', ')}) : elle est ignorée et la version du dictionnaire est déduite de la liste des champs.`,
    fix: 'Téléchargez le modèle du kit sur le portail et recopiez-y vos réponses : les feuilles masquées ne doivent pas être modifiées.',
  });
  return undefined;
}

/**
 * The fingerprint names the field list the template was generated from. A kit whose fingerprint is not
 * that of its stated version was built from another content under the same version number.
 */
export async function checkFingerprint(metadata: KitMetadata, dictionary: Dictionary, issues: KitIssue[]): Promise<void> {
  if ((await fieldListFingerprint(dictionary)) === metadata.fingerprint) return;
  issues.push({
    severity: 'avertissement',
    rule: 'kit.structure.empreinte',
    place: metaPlace,
    value: metadata.fingerprint,
    message: `Ce kit ne vient pas du modèle publié pour la version ${dictionary.manifest.version} du dictionnaire : son empreinte de la liste des champs est différente (modèle provisoire ou modifié).`,
    fix: `Téléchargez le modèle de la version ${dictionary.manifest.version} sur le portail et recopiez-y vos réponses ; les lignes qui diffèrent sont signalées dans « ${sheetNames.diagnostic} ».`,
  });
}
