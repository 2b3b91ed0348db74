import { excelError } from '../dictionary/check-value.ts';
import type * as XLSX from '@e965/xlsx';
import type { History } from '../dictionary/history.ts';
import { allFields, type Dictionary, type Field } from '../dictionary/model.ts';
import { obligationLabels } from '../dictionary/vocabulary.ts';
import { answerColumn, answerColumns, answerHeader, diagnosticFirstRow, kitNames, kitShape, MAX_PAIRS, pairColumns, pairFirstRow, partnerRows, sheetNames, type AnswerKey } from '../kit/layout.ts';
import type { KitSheets } from '../kit/structure.ts';
import { partnerFirstRow, partnerValueColumn } from '../workbook/partner.ts';
import { fileLimits, readWorkbookFile } from '../workbook/read-file.ts';
import type { SheetView } from '../workbook/sheet.ts';
import { findSheets } from '../workbook/sheets.ts';
import { compareVersions } from '../dictionary/semver.ts';

/**
 * Moving a kit filled on an older dictionary version to a newer one: what changed for the kit's rows,
 * which answers go where, and which cannot be carried. Pure and without ExcelJS, so the Worker runs it
 * as soon as it has checked the kit; kit-upgrade.ts then writes the new workbook.
 */

/** What the kit reader will notice: a row added, gone or renamed, or its pre-filled cells changed. */
export interface KitChange {
  kind: 'ajout' | 'retrait' | 'renommage' | 'obligation' | 'condition' | 'libelle';
  /** The field's code in the newer version (in the older one for a withdrawal). */
  code: string;
  message: string;
}

export type CellValue = string | number | boolean | Date;

/** An answer that has no row to go to in the newer version: listed, never dropped silently. */
export interface LostAnswer {
  code: string;
  label: string;
  /** Pair number (1…MAX_PAIRS) and its dispositif as declared. */
  pair: number;
  dispositif: string;
  column: string;
  value: string;
  reason: string;
}

export interface UpgradePlan {
  from: string;
  to: string;
  changes: KitChange[];
  /** Answer cells carried over to the newer version. */
  carried: number;
  lost: LostAnswer[];
  /** Codes of the newer version's fields that the older kit did not have: highlighted, to be answered. */
  newFields: string[];
  /** Older code → newer code, for rows that were renamed. */
  renamed: Record<string, string>;
}

/** The value of a cell as the partner typed it: text, number, boolean or a calendar date (UTC midnight). */
export function cellValue(cell: XLSX.CellObject | undefined): CellValue | undefined {
  if (!cell || cell.v === undefined || cell.v === null || cell.t === 'e' || cell.t === 'z') return undefined;
  if (cell.v instanceof Date) return new Date(Date.UTC(cell.v.getFullYear(), cell.v.getMonth(), cell.v.getDate()));
  // An Excel error value is no answer: the upgraded kit never carries one (the old kit's report names it).
  if (typeof cell.v === 'string') return cell.v.trim() === '' || excelError(cell.v) ? undefined : cell.v;
  return cell.v;
}

const shown = (value: CellValue) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value));

/** The answers of an older kit, by position in the layout they share (kit-diagnostic/1). */
export interface KitAnswers {
  partner: (CellValue | undefined)[];
  /** One array per declared pair row (1…MAX_PAIRS), one value per column after the pair number. */
  pairs: (CellValue | undefined)[][];
  /** Each field row of « Diagnostic » with a code, and its non-empty answers by pair and column key. */
  rows: { code: string; label: string; answers: { pair: number; key: AnswerKey; value: CellValue }[] }[];
}

export function readKitAnswers(sheets: KitSheets): KitAnswers {
  const partner = partnerRows.map((_, i) => cellValue(sheets.partner.cell(partnerFirstRow + i, partnerValueColumn)));
  const pairs = Array.from({ length: MAX_PAIRS }, (_, i) => pairColumns.slice(1).map((_, c) => cellValue(sheets.pairs.cell(pairFirstRow + i, c + 2))));
  const rows: KitAnswers['rows'] = [];
  const diagnostic: SheetView = sheets.diagnostic;
  for (let row = diagnosticFirstRow; row <= diagnostic.rowCount; row += 1) {
    const code = diagnostic.text(row, 1);
    const answers: KitAnswers['rows'][number]['answers'] = [];
    for (let pair = 1; pair <= MAX_PAIRS; pair += 1) {
      for (const { key } of answerColumns) {
        const value = cellValue(diagnostic.cell(row, answerColumn(pair, key)));
        if (value !== undefined) answers.push({ pair, key, value });
      }
    }
    if (code || answers.length > 0) rows.push({ code, label: diagnostic.text(row, 2), answers });
  }
  return { partner, pairs, rows };
}

/** How the kit's pre-filled cells of a field read (entity, obligation and condition columns). */
function kitRow(field: Field, dictionary: Dictionary) {
  return {
    label: field.label,
    entity: dictionary.entities.find((entity) => entity.id === field.entity)?.label ?? field.entity,
    obligation: obligationLabels[field.obligation],
    condition: field.condition ?? '',
  };
}

/** The changes between two versions as a kit shows them, in the newer version's row order. */
export function kitChanges(history: History, from: Dictionary, to: Dictionary): KitChange[] {
  const [a, b] = [from.manifest.version, to.manifest.version];
  const changes: KitChange[] = [];
  const reached = new Set<string>();
  for (const field of allFields(from)) {
    const target = history.locateField(field.code, a, b);
    if (!target) {
      changes.push({ kind: 'retrait', code: field.code, message: `${field.code} (« ${field.label} ») n’existe plus en version ${b} : sa ligne disparaît du kit.` });
      continue;
    }
    reached.add(target.code);
    const [before, after] = [kitRow(field, from), kitRow(target, to)];
    if (target.code !== field.code) changes.push({ kind: 'renommage', code: target.code, message: `${field.code} s’appelle ${target.code} en version ${b} : ses réponses passent sur la ligne ${target.code}.` });
    if (before.obligation !== after.obligation) changes.push({ kind: 'obligation', code: target.code, message: `${target.code} : obligation ${before.obligation.toLowerCase()} → ${after.obligation.toLowerCase()}.` });
    else if (before.condition !== after.condition) changes.push({ kind: 'condition', code: target.code, message: `${target.code} : condition « ${before.condition} » → « ${after.condition} ».` });
    if (before.label !== after.label) changes.push({ kind: 'libelle', code: target.code, message: `${target.code} : libellé « ${before.label} » → « ${after.label} ».` });
  }
  for (const field of allFields(to)) {
    if (!reached.has(field.code)) changes.push({ kind: 'ajout', code: field.code, message: `${field.code} (« ${field.label} », ${obligationLabels[field.obligation].toLowerCase()}) est nouveau en version ${b} : à renseigner pour chaque couple.` });
  }
  // What alters answers first (rows gone or renamed, obligations), then the rows to fill in; each in row order.
  const kinds: KitChange['kind'][] = ['retrait', 'renommage', 'obligation', 'condition', 'libelle', 'ajout'];
  const order = new Map(allFields(to).map((field, i) => [field.code, i]));
  return changes.sort((x, y) => kinds.indexOf(x.kind) - kinds.indexOf(y.kind) || (order.get(x.code) ?? -1) - (order.get(y.code) ?? -1));
}

/** Where each answer of the older kit goes in the newer version, and which cannot go anywhere. */
export function planUpgrade(answers: KitAnswers, history: History, from: Dictionary, to: Dictionary): UpgradePlan {
  const [a, b] = [from.manifest.version, to.manifest.version];
  const lost: LostAnswer[] = [];
  const renamed: Record<string, string> = {};
  let carried = 0;
  const dispositif = (pair: number) => String(answers.pairs[pair - 1]?.[0] ?? '');
  for (const row of answers.rows) {
    const known = history.field(a, row.code);
    const target = known ? history.locateField(row.code, a, b) : undefined;
    if (target) {
      if (target.code !== row.code) renamed[row.code] = target.code;
      carried += row.answers.length;
      continue;
    }
    const reason = known ? `champ retiré en version ${history.fieldFate(row.code, a).removedIn ?? b}` : `ligne inconnue de la version ${a} (code « ${row.code || 'absent'} »)`;
    for (const answer of row.answers) {
      lost.push({ code: row.code, label: row.label, pair: answer.pair, dispositif: dispositif(answer.pair), column: answerHeader(answer.pair, answerColumns.find((c) => c.key === answer.key)?.header ?? answer.key), value: shown(answer.value), reason });
    }
  }
  carried += answers.partner.filter((value) => value !== undefined).length + answers.pairs.flat().filter((value) => value !== undefined).length;
  const changes = kitChanges(history, from, to);
  return { from: a, to: b, changes, carried, lost, newFields: changes.filter((change) => change.kind === 'ajout').map((change) => change.code), renamed };
}

/** The sheets of a kit's bytes, read as the validator reads them (size guards included). */
export function readKitSheets(bytes: Uint8Array, fileName: string): KitSheets | undefined {
  const read = readWorkbookFile(bytes, fileName, kitNames, fileLimits);
  if (!read.ok) return undefined;
  const found = findSheets(read.workbook, fileName, kitShape, [], []);
  if (found.kind !== 'found') return undefined;
  const sheet = (name: string) => found.sheets.get(name) as SheetView;
  return { partner: sheet(sheetNames.partner), pairs: sheet(sheetNames.pairs), diagnostic: sheet(sheetNames.diagnostic) };
}

/**
 * The upgrade a checked kit is offered: only for a kit of a published version older than the one in
 * force, once its sheets can be read. `undefined` when there is nothing to offer.
 */
export function planForKit(bytes: Uint8Array, fileName: string, version: string | undefined, history: History, current: Dictionary): UpgradePlan | undefined {
  const from = history.versions.find((dictionary) => dictionary.manifest.version === version);
  if (!from || compareVersions(from.manifest.version, current.manifest.version) >= 0) return undefined;
  const sheets = readKitSheets(bytes, fileName);
  return sheets ? planUpgrade(readKitAnswers(sheets), history, from, current) : undefined;
}
