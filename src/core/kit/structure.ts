import type { Problem } from '../problems.ts';
import type * as XLSX from '@e965/xlsx';
import { validateMetadata } from './schemas.ts';
import { allFields, type Dictionary, type Field } from '../dictionary/model.ts';
import { checkLabels, checkMerges } from '../workbook/labels.ts';
import { META_SHEET, metaPlace, readMetadata } from '../workbook/metadata.ts';
import { checkPartnerLabels, partnerFirstRow } from '../workbook/partner.ts';

import { cellIssue, type SheetView } from '../workbook/sheet.ts';
import { fieldListFingerprint } from './fingerprint.ts';
import {
  answerColumns,
  answerHeader,
  diagnosticFirstRow,
  diagnosticHeaderRow,
  fieldColumns,
  MAX_PAIRS,
  metaKeys,
  pairColumns,
  pairFirstRow,
  partnerRows,
  sheetNames,
} from './layout.ts';

export interface KitSheets {
  partner: SheetView;
  pairs: SheetView;
  diagnostic: SheetView;
}

export interface RecognisedVersion {
  dictionary: Dictionary;
  versionSource: 'metadata' | 'inferred';
  /** The metadata sheet's record, when whole and naming a published version. */
  metadata?: KitMetadata;
}

export interface Structure {
  /** Undefined when the dictionary version is not recognised: field rows and answers are then not read. */
  version?: RecognisedVersion;
  /** Row of each dictionary field found in « Diagnostic », read by code so a moved row still counts. */
  rows: Map<string, { field: Field; row: number }>;
  /** Column groups read by position: those before any inserted or deleted column. */
  readableGroups: boolean[];
  /** How many rows of « Partenaire » are read: all of them, unless rows or columns were inserted or deleted. */
  partnerRowsRead: number;
  /** False when columns of « Dispositifs » were inserted or deleted: the pairs cannot be read. */
  pairsReadable: boolean;
}

const expectedDiagnosticHeaders = (): string[] => [
  ...fieldColumns.map((column) => column.header),
  ...Array.from({ length: MAX_PAIRS }, (_, i) => answerColumns.map((column) => answerHeader(i + 1, column.header))).flat(),
];

export interface KitMetadata {
  version: string;
  fingerprint: string;
}

/**
 * The kit's hidden metadata sheet, when there is one and it is whole. A damaged one is reported and
 * ignored: the version is then inferred from the field list, as for a kit that has lost the sheet.
 */
function readKitMetadata(workbook: XLSX.WorkBook, issues: Problem[]): KitMetadata | undefined {
  const record = readMetadata(workbook, validateMetadata, issues, {
    consequence: 'elle est ignorée et la version du dictionnaire est déduite de la liste des champs.',
    fix: 'Téléchargez le modèle du kit sur le portail et recopiez-y vos réponses : les feuilles masquées ne doivent pas être modifiées.',
  });
  return record && { version: record[metaKeys.version] ?? '', fingerprint: record[metaKeys.fingerprint] ?? '' };
}

/**
 * The dictionary version of a kit: the one its hidden metadata sheet names, else the published version
 * whose field codes fill « Diagnostic » best. Every way a kit names its version is read here, and only here.
 */
export function recogniseVersion(workbook: XLSX.WorkBook, diagnostic: SheetView, dictionaries: readonly Dictionary[], issues: Problem[]): RecognisedVersion | undefined {
  const metaPresent = workbook.Sheets[META_SHEET] !== undefined;
  const metadata = readKitMetadata(workbook, issues);
  const codes = new Set<string>();
  for (let row = diagnosticFirstRow; row <= diagnostic.rowCount; row += 1) codes.add(diagnostic.text(row, 1));
  const ranked = dictionaries
    .map((dictionary) => {
      const expected = allFields(dictionary).map((field) => field.code);
      const found = expected.filter((code) => codes.has(code)).length;
      // Exact: the kit's codes are this version's, none missing, none more (a minor version adds fields).
      return { dictionary, share: found / expected.length, exact: found === expected.length && [...codes].filter(Boolean).length === found };
    })
    .sort((a, b) => b.share - a.share || Number(b.exact) - Number(a.exact));
  const best = ranked[0];
  if (metadata) {
    const { version } = metadata;
    const dictionary = dictionaries.find((d) => d.manifest.version === version);
    const stated = ranked.find((entry) => entry.dictionary === dictionary);
    // Metadata that contradict the field list: the fields are what the partner answered, so they decide; said once.
    const exact = ranked.find((entry) => entry.exact);
    if (dictionary && stated && exact && exact.dictionary !== dictionary && !stated.exact) {
      const fields = exact.dictionary.manifest.version;
      issues.push({
        severity: 'avertissement',
        rule: 'structure.metadonnees-contredites',
        place: metaPlace,
        value: version,
        message: `La feuille masquée « ${sheetNames.meta} » indique la version ${version} du dictionnaire, mais la liste des champs de « ${diagnostic.name} » est celle de la version ${fields} (100 % des codes, ${Math.round(stated.share * 100)} % pour la version ${version}) : le kit est vérifié avec la version ${fields}.`,
        fix: `Rien à faire si le kit suit bien la version ${fields} ; à l’avenir, partez du modèle téléchargé sur le portail, sans modifier ses feuilles masquées.`,
      });
      return { dictionary: exact.dictionary, versionSource: 'inferred' };
    }
    if (dictionary) return { dictionary, versionSource: 'metadata', metadata };
    issues.push({
      severity: 'avertissement',
      rule: 'structure.version-inconnue',
      place: metaPlace,
      value: version,
      message: `Le kit indique la version « ${version} » du dictionnaire, que ce portail ne publie pas ; la version est déduite de la liste des champs.`,
      fix: 'Téléchargez le modèle de la version en vigueur et recopiez-y vos réponses.',
    });
  }
  if (best && best.share >= 0.8) {
    const inferred = `la version ${best.dictionary.manifest.version} du dictionnaire a été déduite de la liste des champs (${Math.round(best.share * 100)} % des codes reconnus)`;
    issues.push({
      severity: 'information',
      rule: 'structure.version-deduite',
      place: `Feuille « ${diagnostic.name} »`,
      // A metadata sheet that is there but was not used has its own warning above: only an absent one is news.
      message: metaPresent ? `${inferred[0]?.toUpperCase()}${inferred.slice(1)}.` : `La feuille masquée « ${sheetNames.meta} » du modèle est absente : ${inferred}.`,
      fix: metaPresent ? 'Rien à faire si c’est la bonne version.' : 'Rien à faire si c’est la bonne version ; à l’avenir, partez du modèle téléchargé sur le portail.',
    });
    return { dictionary: best.dictionary, versionSource: 'inferred' };
  }
  issues.push({
    severity: 'erreur',
    rule: 'structure.version-non-reconnue',
    place: `Feuille « ${diagnostic.name} »`,
    message: `La version du dictionnaire de ce kit n’a pas pu être reconnue : ${metadata ? 'ses métadonnées nomment une version que ce portail ne publie pas' : metaPresent ? 'ses métadonnées sont illisibles' : 'il n’a pas de feuille de métadonnées'}, et sa liste de champs ne correspond à aucune version publiée.`,
    fix: 'Téléchargez le modèle du kit de la version en vigueur et recopiez-y vos réponses.',
  });
  return undefined;
}

/** Headers of « Diagnostic »: the groups before any inserted or deleted column are read. */
function checkDiagnosticHeaders(sheet: SheetView, issues: Problem[]): boolean[] {
  const expected = expectedDiagnosticHeaders();
  const readable = Array.from({ length: MAX_PAIRS }, () => true);
  const shifted = checkLabels(
    {
      sheet,
      along: 'row',
      line: diagnosticHeaderRow,
      first: 1,
      expected,
      rules: { renamed: 'structure.colonnes', shifted: 'structure.colonnes' },
      insertedFix: 'ajoutez vos remarques dans les colonnes « Commentaire ».',
      renamedFix: 'le validateur lit les colonnes à leur place, pas à leur en-tête.',
    },
    issues,
  );
  if (shifted !== undefined) {
    const firstGroup = Math.max(0, Math.floor((shifted - fieldColumns.length) / answerColumns.length));
    for (let group = firstGroup; group < MAX_PAIRS; group += 1) readable[group] = false;
    return readable;
  }
  for (let column = expected.length + 1; column <= sheet.columnCount(diagnosticHeaderRow) + 1; column += 1) {
    if (!sheet.isEmpty(diagnosticHeaderRow, column)) {
      issues.push(cellIssue(sheet.name, diagnosticHeaderRow, column, 'erreur', 'structure.colonne-en-trop', `Colonne en trop après le ${MAX_PAIRS}ᵉ couple : « ${sheet.text(diagnosticHeaderRow, column)} ».`, `Le kit prévoit ${MAX_PAIRS} couples au plus ; supprimez cette colonne et regroupez vos remarques dans les colonnes « Commentaire ».`, { value: sheet.text(diagnosticHeaderRow, column) }));
    }
  }
  return readable;
}

/**
 * Field rows of « Diagnostic » against the dictionary: each deleted, duplicated, renamed, unknown or
 * moved row is named. Moves are found as the rows outside the longest run kept in dictionary order,
 * so one deleted row does not make every following row look moved.
 */
function checkFieldRows(sheet: SheetView, dictionary: Dictionary, issues: Problem[]): Structure['rows'] {
  const fields = allFields(dictionary);
  const order = new Map(fields.map((field, i) => [field.code, i]));
  const rows: Structure['rows'] = new Map();
  const unknown: { row: number; code: string; label: string }[] = [];
  const sequence: { row: number; index: number; code: string }[] = [];
  for (let row = diagnosticFirstRow; row <= sheet.rowCount; row += 1) {
    const code = sheet.text(row, 1);
    if (!code && sheet.isEmpty(row, 2)) continue;
    const index = order.get(code);
    const field = index === undefined ? undefined : fields[index];
    if (!field || index === undefined) {
      unknown.push({ row, code, label: sheet.text(row, 2) });
      continue;
    }
    const first = rows.get(code);
    if (first) {
      issues.push(cellIssue(sheet.name, row, 1, 'erreur', 'structure.ligne-en-double', `Le champ ${code} apparaît deux fois (déjà ligne ${first.row}).`, 'Supprimez cette ligne en double et gardez vos réponses sur une seule ligne.', { value: code, field: code }));
      continue;
    }
    rows.set(code, { field, row });
    sequence.push({ row, index, code });
    const label = sheet.text(row, 2);
    if (label !== field.label) {
      issues.push(cellIssue(sheet.name, row, 2, 'avertissement', 'structure.libelle-modifie', `Le libellé du champ ${code} a été modifié (« ${field.label} » dans le dictionnaire).`, `Rétablissez le libellé « ${field.label} ».`, { value: label, field: code }));
    }
  }

  const kept = longestIncreasingRun(sequence.map((item) => item.index));
  sequence.forEach((item, i) => {
    if (kept.has(i)) return;
    issues.push(cellIssue(sheet.name, item.row, 1, 'avertissement', 'structure.ligne-deplacee', `La ligne du champ ${item.code} a été déplacée : dans le modèle, elle suit l’ordre du dictionnaire.`, 'Remettez la ligne à sa place (ou repartez du modèle) ; vos réponses sont lues quand même.', { value: item.code, field: item.code }));
  });

  const missing = fields.filter((field) => !rows.has(field.code));
  const missingByLabel = new Map(missing.map((field) => [field.label, field]));
  const renamed = new Set<string>();
  for (const { row, code, label } of unknown) {
    const original = missingByLabel.get(label);
    if (original) {
      renamed.add(original.code);
      issues.push(cellIssue(sheet.name, row, 1, 'erreur', 'structure.code-modifie', `Le code « ${code} » remplace ${original.code} (même libellé « ${label} »).`, `Rétablissez le code ${original.code} : c’est lui qui relie la ligne au dictionnaire.`, { value: code, field: original.code }));
    } else {
      issues.push(cellIssue(sheet.name, row, 1, 'erreur', 'structure.ligne-inconnue', code ? `Le code « ${code} » n’existe pas dans la version ${dictionary.manifest.version} du dictionnaire.` : 'Cette ligne n’a pas de code de champ.', 'Supprimez la ligne ajoutée, ou rétablissez le code d’origine si vous l’avez modifié.', { value: code }));
    }
  }
  for (const field of missing) {
    if (renamed.has(field.code)) continue;
    const at = diagnosticFirstRow + (order.get(field.code) ?? 0);
    issues.push(cellIssue(sheet.name, at, 1, 'erreur', 'structure.ligne-supprimee', `La ligne du champ ${field.code} (« ${field.label} ») a été supprimée.`, `Réinsérez la ligne ${field.code} à partir du modèle, avec vos réponses.`, { field: field.code }));
  }
  return rows;
}

function longestIncreasingRun(values: number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = Array.from({ length: values.length }, () => -1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[tails[mid] ?? 0] ?? 0) < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1] ?? -1;
    tails[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tails.at(-1) ?? -1; i >= 0; i = previous[i] ?? -1) kept.add(i);
  return kept;
}

/** Headers of « Dispositifs »: a pair is read by position, so shifted columns leave the pairs unread. */
function checkPairHeaders(sheet: SheetView, issues: Problem[]): boolean {
  const shifted = checkLabels(
    { sheet, along: 'row', line: 1, first: 1, expected: pairColumns.map((c) => c.header), rules: { renamed: 'structure.colonnes', shifted: 'structure.colonnes' }, insertedFix: 'ajoutez vos remarques dans la colonne « Commentaire ».', renamedFix: 'le validateur lit les réponses à leur place.' },
    issues,
  );
  return shifted === undefined;
}

/**
 * The fingerprint names the field list the template was generated from. A kit whose fingerprint is not
 * that of its stated version was built from another content under the same version number.
 */
export async function checkFingerprint(metadata: KitMetadata, dictionary: Dictionary, issues: Problem[]): Promise<void> {
  if ((await fieldListFingerprint(dictionary)) === metadata.fingerprint) return;
  issues.push({
    severity: 'avertissement',
    rule: 'structure.empreinte',
    place: metaPlace,
    value: metadata.fingerprint,
    message: `Ce kit ne vient pas du modèle publié pour la version ${dictionary.manifest.version} du dictionnaire : son empreinte de la liste des champs est différente (modèle provisoire ou modifié).`,
    fix: `Téléchargez le modèle de la version ${dictionary.manifest.version} sur le portail et recopiez-y vos réponses ; les lignes qui diffèrent sont signalées dans « ${sheetNames.diagnostic} ».`,
  });
}

export function checkStructure(workbook: XLSX.WorkBook, sheets: KitSheets, dictionaries: readonly Dictionary[], issues: Problem[]): Structure {
  const version = recogniseVersion(workbook, sheets.diagnostic, dictionaries, issues);
  const partnerRowsRead = checkPartnerLabels(sheets.partner, partnerRows, issues);
  const pairsReadable = checkPairHeaders(sheets.pairs, issues);
  // Merged cells hide answers from the checks (and from AGORA): none are allowed where answers go.
  checkMerges([
    [sheets.diagnostic, diagnosticFirstRow],
    [sheets.pairs, pairFirstRow],
    [sheets.partner, partnerFirstRow],
  ], issues);
  const readableGroups = checkDiagnosticHeaders(sheets.diagnostic, issues);
  const rows = version ? checkFieldRows(sheets.diagnostic, version.dictionary, issues) : new Map();
  return { ...(version ? { version } : {}), rows, readableGroups, partnerRowsRead, pairsReadable };
}
