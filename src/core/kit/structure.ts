import type * as XLSX from '@e965/xlsx';
import { allFields, type Dictionary, type Field } from '../dictionary/model.ts';
import { checkLabels } from './labels.ts';
import {
  answerColumns,
  answerHeader,
  cellRef,
  diagnosticFirstRow,
  diagnosticHeaderRow,
  fieldColumns,
  MAX_PAIRS,
  pairColumns,
  pairFirstRow,
  partnerColumns,
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

const kitSheetNames = [sheetNames.partner, sheetNames.pairs, sheetNames.diagnostic] as const;

/** A sheet of the kit under another name (« Copie de Partenaire », « Partenaire (2) »): the one that holds the name. */
function renamedSheet(wanted: string, names: readonly string[], taken: ReadonlySet<string>): string | undefined {
  const key = normalizeChoice(wanted);
  const candidates = names.filter((name) => !taken.has(name) && new RegExp(`(^|[^\\p{L}])${key}([^\\p{L}]|$)`, 'u').test(normalizeChoice(name)));
  return candidates.length === 1 ? candidates[0] : undefined;
}

export type FoundSheets = { kind: 'kit'; sheets: KitSheets } | { kind: 'incomplete' } | { kind: 'not-a-kit' };

/**
 * The three sheets the checks read, found by name whatever the case or accents. A sheet kept under
 * another name is read and named; a missing one is named. A workbook with none of them is not a kit.
 */
export function findSheets(workbook: XLSX.WorkBook, fileName: string, issues: KitIssue[]): FoundSheets {
  const names = workbook.SheetNames;
  // Named to the partner: the sheets Excel shows, not the template's hidden ones.
  const visible = names.filter((_, i) => !workbook.Workbook?.Sheets?.[i]?.Hidden);
  const exact = new Map(names.map((name) => [normalizeChoice(name), name]));
  const taken = new Set(kitSheetNames.flatMap((wanted) => exact.get(normalizeChoice(wanted)) ?? []));
  const found = new Map<string, SheetView>();
  const missing: string[] = [];
  for (const wanted of kitSheetNames) {
    let actual = exact.get(normalizeChoice(wanted));
    if (!actual) {
      actual = renamedSheet(wanted, names, taken);
      if (actual) {
        taken.add(actual);
        issues.push({
          severity: 'erreur',
          rule: 'kit.structure.feuille-renommee',
          place: `Feuille « ${actual} »`,
          sheet: actual,
          message: `La feuille « ${wanted} » est introuvable ; la feuille « ${actual} » semble être elle, sous un autre nom : elle est lue à sa place.`,
          fix: `Renommez la feuille « ${actual} » en « ${wanted} » (clic droit sur l’onglet › Renommer).`,
        });
      }
    }
    const sheet = actual ? workbook.Sheets[actual] : undefined;
    if (actual && sheet) found.set(wanted, new SheetView(actual, sheet));
    else missing.push(wanted);
  }
  if (found.size === 0 && !workbook.Sheets[sheetNames.meta]) {
    issues.push({
      severity: 'erreur',
      rule: 'kit.structure.pas-un-kit',
      place: 'Fichier',
      message: `Le classeur « ${fileName} » a été lu, mais ce n’est pas un kit de diagnostic : il n’a aucune des feuilles du modèle (${kitSheetNames.map((n) => `« ${n} »`).join(', ')}) ; feuilles trouvées : ${visible.map((n) => `« ${n} »`).join(', ')}.`,
      fix: 'Déposez le kit de diagnostic rempli à partir du modèle téléchargé sur le portail (page « Modèle du kit de diagnostic »).',
    });
    return { kind: 'not-a-kit' };
  }
  for (const wanted of missing) {
    issues.push({
      severity: 'erreur',
      rule: 'kit.structure.feuille-manquante',
      place: `Feuille « ${wanted} »`,
      message: `La feuille « ${wanted} » est introuvable (feuilles présentes : ${visible.map((n) => `« ${n} »`).join(', ')}) : le kit ne peut pas être lu plus avant.`,
      fix: 'Partez du modèle du kit de diagnostic téléchargé sur le portail et recopiez-y vos réponses, sans renommer ni supprimer de feuille.',
    });
  }
  const partner = found.get(sheetNames.partner);
  const pairs = found.get(sheetNames.pairs);
  const diagnostic = found.get(sheetNames.diagnostic);
  return partner && pairs && diagnostic ? { kind: 'kit', sheets: { partner, pairs, diagnostic } } : { kind: 'incomplete' };
}

/**
 * The dictionary version of a kit: the one its hidden metadata sheet names, else the published version
 * whose field codes fill « Diagnostic » best. Every way a kit names its version is read here, and only here.
 */
export function recogniseVersion(workbook: XLSX.WorkBook, diagnostic: SheetView, dictionaries: readonly Dictionary[], issues: KitIssue[]): RecognisedVersion | undefined {
  const metaPresent = workbook.Sheets[sheetNames.meta] !== undefined;
  const metadata = readMetadata(workbook, issues);
  if (metadata) {
    const { version } = metadata;
    const dictionary = dictionaries.find((d) => d.manifest.version === version);
    if (dictionary) return { dictionary, versionSource: 'metadata', metadata };
    issues.push({
      severity: 'avertissement',
      rule: 'kit.structure.version-inconnue',
      place: `Feuille « ${sheetNames.meta} » (masquée)`,
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
    const inferred = `la version ${best.dictionary.manifest.version} du dictionnaire a été déduite de la liste des champs (${Math.round(best.share * 100)} % des codes reconnus)`;
    issues.push({
      severity: 'information',
      rule: 'kit.structure.version-deduite',
      place: `Feuille « ${diagnostic.name} »`,
      // A metadata sheet that is there but was not used has its own warning above: only an absent one is news.
      message: metaPresent ? `${inferred[0]?.toUpperCase()}${inferred.slice(1)}.` : `La feuille masquée « ${sheetNames.meta} » du modèle est absente : ${inferred}.`,
      fix: metaPresent ? 'Rien à faire si c’est la bonne version.' : 'Rien à faire si c’est la bonne version ; à l’avenir, partez du modèle téléchargé sur le portail.',
    });
    return { dictionary: best.dictionary, versionSource: 'inferred' };
  }
  issues.push({
    severity: 'erreur',
    rule: 'kit.structure.version-non-reconnue',
    place: `Feuille « ${diagnostic.name} »`,
    message: `La version du dictionnaire de ce kit n’a pas pu être reconnue : ${metadata ? 'ses métadonnées nomment une version que ce portail ne publie pas' : metaPresent ? 'ses métadonnées sont illisibles' : 'il n’a pas de feuille de métadonnées'}, et sa liste de champs ne correspond à aucune version publiée.`,
    fix: 'Téléchargez le modèle du kit de la version en vigueur et recopiez-y vos réponses.',
  });
  return undefined;
}

/** Headers of « Diagnostic »: the groups before any inserted or deleted column are read. */
function checkDiagnosticHeaders(sheet: SheetView, issues: KitIssue[]): boolean[] {
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

/**
 * Headers and labels of « Partenaire » and headers of « Dispositifs »: answers are read by position.
 * Returns how many « Partenaire » rows can be read, and whether « Dispositifs » can be.
 */
function checkPrefilledLabels(sheets: KitSheets, issues: KitIssue[]): { partnerRowsRead: number; pairsReadable: boolean } {
  const columnsFix = 'le validateur lit les réponses à leur place.';
  const partnerShift = checkLabels(
    { sheet: sheets.partner, along: 'row', line: 1, first: 1, expected: partnerColumns.map((c) => c.header), rules: { renamed: 'structure.colonnes', shifted: 'structure.colonnes' }, insertedFix: 'les réponses sont lues en colonne B.', renamedFix: columnsFix },
    issues,
  );
  let partnerRowsRead = 0;
  if (partnerShift === undefined) {
    const rowShift = checkLabels(
      {
        sheet: sheets.partner,
        along: 'column',
        line: 1,
        first: partnerFirstRow,
        expected: partnerRows.map((row) => row.label),
        rules: { renamed: 'structure.ligne-modifiee', shifted: 'structure.lignes-decalees' },
        insertedFix: `chaque réponse est lue en colonne B, sur la ligne de son libellé.`,
        renamedFix: 'la réponse est lue en colonne B de cette ligne.',
      },
      issues,
    );
    partnerRowsRead = rowShift ?? partnerRows.length;
  }
  const pairsShift = checkLabels(
    { sheet: sheets.pairs, along: 'row', line: 1, first: 1, expected: pairColumns.map((c) => c.header), rules: { renamed: 'structure.colonnes', shifted: 'structure.colonnes' }, insertedFix: 'ajoutez vos remarques dans la colonne « Commentaire ».', renamedFix: columnsFix },
    issues,
  );
  return { partnerRowsRead, pairsReadable: pairsShift === undefined };
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

export function checkStructure(workbook: XLSX.WorkBook, sheets: KitSheets, dictionaries: readonly Dictionary[], issues: KitIssue[]): Structure {
  const version = recogniseVersion(workbook, sheets.diagnostic, dictionaries, issues);
  const labels = checkPrefilledLabels(sheets, issues);
  checkMerges(sheets, issues);
  const readableGroups = checkDiagnosticHeaders(sheets.diagnostic, issues);
  const rows = version ? checkFieldRows(sheets.diagnostic, version.dictionary, issues) : new Map();
  return { ...(version ? { version } : {}), rows, readableGroups, ...labels };
}
