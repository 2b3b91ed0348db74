import type * as XLSX from '@e965/xlsx';
import { allFields, type Dictionary, type Field } from '../dictionary/model.ts';
import {
  answerColumns,
  answerHeader,
  cellRef,
  diagnosticFirstRow,
  diagnosticHeaderRow,
  fieldColumns,
  lastDiagnosticColumn,
  MAX_PAIRS,
  pairColumns,
  pairFirstRow,
  partnerFirstRow,
  partnerRows,
  sheetNames,
} from './layout.ts';
import { readMetadata, type KitMetadata } from './records.ts';
import type { KitIssue } from './report.ts';
import { cellIssue, normalizeChoice, SheetView } from './sheet.ts';

export interface KitSheets {
  partner: SheetView;
  pairs: SheetView;
  diagnostic: SheetView;
}

export interface Structure {
  dictionary: Dictionary;
  versionSource: 'metadata' | 'inferred';
  /** The metadata sheet's record, when whole and naming a published version. */
  metadata?: KitMetadata;
  /** Row of each dictionary field found in « Diagnostic », read by code so a moved row still counts. */
  rows: Map<string, { field: Field; row: number }>;
  /** Column groups whose headers are intact: only those are read. */
  readableGroups: boolean[];
}

const expectedDiagnosticHeaders = (): string[] => [
  ...fieldColumns.map((column) => column.header),
  ...Array.from({ length: MAX_PAIRS }, (_, i) => answerColumns.map((column) => answerHeader(i + 1, column.header))).flat(),
];

/** The three sheets the checks read; a missing one is named, and the kit cannot be read further. */
export function findSheets(workbook: XLSX.WorkBook, issues: KitIssue[]): KitSheets | undefined {
  const byName = new Map(workbook.SheetNames.map((name) => [normalizeChoice(name), name]));
  const pick = (wanted: string) => {
    const actual = byName.get(normalizeChoice(wanted));
    const sheet = actual ? workbook.Sheets[actual] : undefined;
    if (actual && sheet) return new SheetView(wanted, sheet);
    issues.push({
      severity: 'erreur',
      rule: 'kit.structure.feuille-manquante',
      place: `Feuille « ${wanted} »`,
      sheet: wanted,
      message: `La feuille « ${wanted} » est introuvable (feuilles présentes : ${workbook.SheetNames.map((n) => `« ${n} »`).join(', ')}).`,
      fix: 'Partez du modèle du kit de diagnostic téléchargé sur le portail et recopiez-y vos réponses, sans renommer ni supprimer de feuille.',
    });
    return undefined;
  };
  const partner = pick(sheetNames.partner);
  const pairs = pick(sheetNames.pairs);
  const diagnostic = pick(sheetNames.diagnostic);
  return partner && pairs && diagnostic ? { partner, pairs, diagnostic } : undefined;
}

/** Dictionary version from the hidden metadata sheet, else from the field codes of « Diagnostic ». */
export function recogniseVersion(workbook: XLSX.WorkBook, diagnostic: SheetView, dictionaries: readonly Dictionary[], issues: KitIssue[]): Pick<Structure, 'dictionary' | 'versionSource' | 'metadata'> | undefined {
  const metadata = readMetadata(workbook, issues);
  if (metadata) {
    const { version } = metadata;
    const dictionary = dictionaries.find((d) => d.manifest.version === version);
    if (dictionary) return { dictionary, versionSource: 'metadata', metadata };
    issues.push({
      severity: 'avertissement',
      rule: 'kit.structure.version-inconnue',
      place: `Feuille « ${sheetNames.meta} »`,
      value: version,
      message: `Le kit indique la version « ${version} » du dictionnaire, que ce portail ne publie pas ; la version est déduite de la liste des champs.`,
      fix: 'Téléchargez le modèle de la version en vigueur et recopiez-y vos réponses.',
    });
  }
  const codes = new Set<string>();
  for (let row = diagnosticFirstRow; row <= diagnostic.rowCount; row += 1) codes.add(diagnostic.text(row, 1));
  const ranked = dictionaries
    .map((dictionary) => {
      const expected = allFields(dictionary).map((field) => field.code);
      return { dictionary, share: expected.filter((code) => codes.has(code)).length / expected.length };
    })
    .sort((a, b) => b.share - a.share);
  const best = ranked[0];
  if (best && best.share >= 0.8) {
    issues.push({
      severity: 'information',
      rule: 'kit.structure.version-deduite',
      place: `Feuille « ${sheetNames.diagnostic} »`,
      message: `La feuille de métadonnées du modèle est absente : la version ${best.dictionary.manifest.version} du dictionnaire a été déduite de la liste des champs (${Math.round(best.share * 100)} % des codes reconnus).`,
      fix: 'Rien à faire si c’est la bonne version ; à l’avenir, partez du modèle téléchargé sur le portail.',
    });
    return { dictionary: best.dictionary, versionSource: 'inferred' };
  }
  issues.push({
    severity: 'erreur',
    rule: 'kit.structure.version-non-reconnue',
    place: `Feuille « ${sheetNames.diagnostic} »`,
    message: 'La version du dictionnaire de ce kit n’a pas pu être reconnue : ni métadonnées, ni liste de champs correspondant à une version publiée.',
    fix: 'Téléchargez le modèle du kit de la version en vigueur et recopiez-y vos réponses.',
  });
  return undefined;
}

/** Headers of « Diagnostic »: a renamed header is named; an inserted or deleted column is named once. */
function checkDiagnosticHeaders(sheet: SheetView, issues: KitIssue[]): boolean[] {
  const expected = expectedDiagnosticHeaders();
  const readable = Array.from({ length: MAX_PAIRS }, () => true);
  const groupOf = (column: number) => Math.floor((column - fieldColumns.length - 1) / answerColumns.length);
  const found = (column: number) => sheet.text(diagnosticHeaderRow, column);
  for (let column = 1; column <= expected.length; column += 1) {
    const want = expected[column - 1] ?? '';
    const got = found(column);
    if (got === want) continue;
    const shifted = (offset: number) => expected.slice(column - 1, column + 4).every((header, i) => found(column + i + offset) === header);
    const place = (message: string, fix: string) => issues.push(cellIssue(sheet.name, diagnosticHeaderRow, column, 'erreur', 'structure.colonnes', message, fix, { value: got }));
    if (shifted(1)) place(`Une colonne a été insérée avant « ${want} » : toutes les colonnes suivantes sont décalées.`, 'Supprimez la colonne insérée ; ajoutez vos remarques dans les colonnes « Commentaire ».');
    else if (shifted(-1)) place(`La colonne « ${want} » a été supprimée : toutes les colonnes suivantes sont décalées.`, 'Repartez du modèle ou réinsérez la colonne avec son en-tête exact.');
    else {
      place(got ? `L’en-tête « ${got} » remplace « ${want} ».` : `L’en-tête « ${want} » manque.`, `Rétablissez l’en-tête « ${want} » : le validateur lit les colonnes à leur place.`);
      if (column > fieldColumns.length) readable[groupOf(column)] = false;
      continue;
    }
    for (let c = Math.max(column, fieldColumns.length + 1); c <= lastDiagnosticColumn; c += 1) readable[groupOf(c)] = false;
    return readable;
  }
  for (let column = expected.length + 1; column <= sheet.columnCount(diagnosticHeaderRow) + 1; column += 1) {
    if (!sheet.isEmpty(diagnosticHeaderRow, column)) {
      issues.push(cellIssue(sheet.name, diagnosticHeaderRow, column, 'erreur', 'structure.colonne-en-trop', `Colonne en trop après le ${MAX_PAIRS}ᵉ couple : « ${found(column)} ».`, `Le kit prévoit ${MAX_PAIRS} couples au plus ; supprimez cette colonne et regroupez vos remarques dans les colonnes « Commentaire ».`, { value: found(column) }));
    }
  }
  return readable;
}

/**
 * Field rows of « Diagnostic » against the dictionary: each deleted, duplicated, renamed, unknown or
 * moved row is named. Moves are found as the rows outside the longest run kept in dictionary order,
 * so one deleted row does not make every following row look moved.
 */
function checkFieldRows(sheet: SheetView, dictionary: Dictionary, issues: KitIssue[]): Structure['rows'] {
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
      issues.push(cellIssue(sheet.name, row, 1, 'erreur', 'structure.ligne-en-double', `Le champ ${code} apparaît deux fois (déjà ligne ${first.row}).`, 'Supprimez cette ligne en double et gardez vos réponses sur une seule ligne.', { value: code, fieldCode: code }));
      continue;
    }
    rows.set(code, { field, row });
    sequence.push({ row, index, code });
    const label = sheet.text(row, 2);
    if (label !== field.label) {
      issues.push(cellIssue(sheet.name, row, 2, 'avertissement', 'structure.libelle-modifie', `Le libellé du champ ${code} a été modifié (« ${field.label} » dans le dictionnaire).`, `Rétablissez le libellé « ${field.label} ».`, { value: label, fieldCode: code }));
    }
  }

  const kept = longestIncreasingRun(sequence.map((item) => item.index));
  sequence.forEach((item, i) => {
    if (kept.has(i)) return;
    issues.push(cellIssue(sheet.name, item.row, 1, 'avertissement', 'structure.ligne-deplacee', `La ligne du champ ${item.code} a été déplacée : dans le modèle, elle suit l’ordre du dictionnaire.`, 'Remettez la ligne à sa place (ou repartez du modèle) ; vos réponses sont lues quand même.', { value: item.code, fieldCode: item.code }));
  });

  const missing = fields.filter((field) => !rows.has(field.code));
  const missingByLabel = new Map(missing.map((field) => [field.label, field]));
  const renamed = new Set<string>();
  for (const { row, code, label } of unknown) {
    const original = missingByLabel.get(label);
    if (original) {
      renamed.add(original.code);
      issues.push(cellIssue(sheet.name, row, 1, 'erreur', 'structure.code-modifie', `Le code « ${code} » remplace ${original.code} (même libellé « ${label} »).`, `Rétablissez le code ${original.code} : c’est lui qui relie la ligne au dictionnaire.`, { value: code, fieldCode: original.code }));
    } else {
      issues.push(cellIssue(sheet.name, row, 1, 'erreur', 'structure.ligne-inconnue', code ? `Le code « ${code} » n’existe pas dans la version ${dictionary.manifest.version} du dictionnaire.` : 'Cette ligne n’a pas de code de champ.', 'Supprimez la ligne ajoutée, ou rétablissez le code d’origine si vous l’avez modifié.', { value: code }));
    }
  }
  for (const field of missing) {
    if (renamed.has(field.code)) continue;
    const at = diagnosticFirstRow + (order.get(field.code) ?? 0);
    issues.push(cellIssue(sheet.name, at, 1, 'erreur', 'structure.ligne-supprimee', `La ligne du champ ${field.code} (« ${field.label} ») a été supprimée.`, `Réinsérez la ligne ${field.code} à partir du modèle, avec vos réponses.`, { fieldCode: field.code }));
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

/** Labels of « Partenaire » and numbers of « Dispositifs » are pre-filled: answers are read by position. */
function checkPrefilledCells(sheets: KitSheets, issues: KitIssue[]) {
  partnerRows.forEach((row, i) => {
    const r = partnerFirstRow + i;
    const label = sheets.partner.text(r, 1);
    if (label !== row.label) {
      issues.push(cellIssue(sheets.partner.name, r, 1, 'erreur', 'structure.ligne-modifiee', `La ligne « ${row.label} » a été modifiée ou déplacée (trouvé : « ${label} »).`, `Rétablissez « ${row.label} » en ${sheets.partner.name}!A${r} : la réponse est lue en colonne B de cette ligne.`, { value: label }));
    }
  });
  pairColumns.forEach((column, i) => {
    const header = sheets.pairs.text(1, i + 1);
    if (header !== column.header) issues.push(cellIssue(sheets.pairs.name, 1, i + 1, 'erreur', 'structure.colonnes', `L’en-tête « ${column.header} » a été modifié (trouvé : « ${header} »).`, `Rétablissez l’en-tête « ${column.header} ».`, { value: header }));
  });
}

/** Merged cells hide answers from the checks (and from AGORA): none are allowed where answers go. */
function checkMerges(sheets: KitSheets, issues: KitIssue[]) {
  const zones: [SheetView, number][] = [
    [sheets.diagnostic, diagnosticFirstRow],
    [sheets.pairs, pairFirstRow],
    [sheets.partner, partnerFirstRow],
  ];
  for (const [sheet, firstRow] of zones) {
    for (const merge of sheet.merges) {
      if (merge.e.r + 1 < firstRow) continue;
      const from = `${cellRef(merge.s.r + 1, merge.s.c + 1)}:${cellRef(merge.e.r + 1, merge.e.c + 1)}`;
      issues.push(cellIssue(sheet.name, merge.s.r + 1, merge.s.c + 1, 'erreur', 'structure.cellules-fusionnees', `Les cellules ${from} sont fusionnées : seule la première est lue.`, 'Annulez la fusion (« Fusionner et centrer » › « Annuler Fusionner cellules ») et répétez la réponse dans chaque cellule.'));
    }
  }
}

export function checkStructure(workbook: XLSX.WorkBook, sheets: KitSheets, dictionaries: readonly Dictionary[], issues: KitIssue[]): Structure | undefined {
  const version = recogniseVersion(workbook, sheets.diagnostic, dictionaries, issues);
  checkPrefilledCells(sheets, issues);
  checkMerges(sheets, issues);
  const readableGroups = checkDiagnosticHeaders(sheets.diagnostic, issues);
  if (!version) return undefined;
  const rows = checkFieldRows(sheets.diagnostic, version.dictionary, issues);
  return { ...version, rows, readableGroups };
}

