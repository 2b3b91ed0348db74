import type { Problem } from '../problems.ts';
import { countOf } from '../plural.ts';

import { cellIssue, cellRef, type SheetView } from './sheet.ts';

/**
 * Pre-filled labels along a row (column headers) or down a column (row labels) checked against the
 * layout. Answers are read by position: a renamed label is named and reading goes on, but a row or
 * column inserted or deleted shifts everything after it, so that part is named once and not read.
 */
export interface LabelLine {
  sheet: SheetView;
  along: 'row' | 'column';
  /** The row (for headers) or the column (for row labels) holding the labels. */
  line: number;
  /** Row or column of the first label. */
  first: number;
  expected: readonly string[];
  /** Rule suffixes: renamed label, and inserted or deleted rows or columns. */
  rules: { renamed: string; shifted: string };
  /** Completes « Supprimez la colonne insérée » with what the sheet offers instead. */
  insertedFix: string;
  /** Completes « Rétablissez « … » en Feuille!A1 : » with why it matters. */
  renamedFix: string;
}

/** How far a shift is looked for, and how many following labels must agree to call it one. */
const MAX_SHIFT = 3;
const LOOKAHEAD = 4;

type Shift = { kind: 'inserted' | 'deleted'; count: number };

function findShift(expected: readonly string[], found: (index: number) => string, at: number): Shift | undefined {
  for (let count = 1; count <= MAX_SHIFT; count += 1) {
    const window = expected.slice(at, at + LOOKAHEAD);
    if (window.length > 0 && window.every((label, i) => found(at + count + i) === label)) return { kind: 'inserted', count };
    const rest = expected.slice(at + count, at + count + LOOKAHEAD);
    if (rest.length > 0 && rest.every((label, i) => found(at + i) === label)) return { kind: 'deleted', count };
  }
  return undefined;
}

/**
 * Checks one line of labels; returns the index (0-based, into `expected`) from which the sheet is
 * shifted and cannot be read by position, or undefined when every label is in its place.
 */
export function checkLabels(spec: LabelLine, issues: Problem[]): number | undefined {
  const { sheet, along, line, first, expected } = spec;
  const at = (index: number) => (along === 'row' ? { row: line, column: first + index } : { row: first + index, column: line });
  const found = (index: number) => {
    const { row, column } = at(index);
    return sheet.text(row, column);
  };
  const unit = along === 'row' ? { one: 'colonne', other: 'colonnes' } : { one: 'ligne', other: 'lignes' };
  for (let index = 0; index < expected.length; index += 1) {
    const want = expected[index] ?? '';
    const got = found(index);
    if (got === want) continue;
    const { row, column } = at(index);
    const place = `${sheet.name}!${cellRef(row, column)}`;
    const report = (rule: string, message: string, fix: string) => issues.push(cellIssue(sheet.name, row, column, 'erreur', rule, message, fix, { value: got }));
    const shift = findShift(expected, found, index);
    if (!shift) {
      const what = along === 'row' ? 'L’en-tête' : 'Le libellé';
      report(spec.rules.renamed, got ? `${what} « ${want} » a été remplacé par « ${got} ».` : `${what} « ${want} » manque.`, `Rétablissez « ${want} » en ${place} : ${spec.renamedFix}`);
      continue;
    }
    const after = along === 'row' ? 'suivantes sont décalées et ne sont pas lues' : 'suivantes sont décalées et leurs réponses ne sont pas lues';
    if (shift.kind === 'inserted') {
      const inserted = shift.count === 1 ? `Une ${unit.one} a été insérée` : `${countOf(shift.count, unit.one, unit.other)} ont été insérées`;
      report(spec.rules.shifted, `${inserted} avant « ${want} » : les ${unit.other} ${after}.`, `Supprimez ${shift.count === 1 ? `la ${unit.one} insérée` : `les ${unit.other} insérées`} ; ${spec.insertedFix}`);
    } else {
      const names = expected.slice(index, index + shift.count).map((label) => `« ${label} »`);
      const deleted = shift.count === 1 ? `La ${unit.one} ${names[0]} a été supprimée` : `Les ${unit.other} ${names.join(', ')} ont été supprimées`;
      report(spec.rules.shifted, `${deleted} : les ${unit.other} ${after}.`, `Réinsérez ${shift.count === 1 ? `la ${unit.one}` : `les ${unit.other}`} à ${shift.count === 1 ? 'sa' : 'leur'} place, avec ${shift.count === 1 ? 'son' : 'leurs'} ${along === 'row' ? 'en-tête' : 'libellé'}${shift.count === 1 ? '' : 's'} exact${shift.count === 1 ? '' : 's'}, ou repartez du modèle.`);
    }
    return index;
  }
  return undefined;
}

/**
 * Merged cells hide answers from the checks (and from AGORA): none are allowed where answers go, from
 * `firstRow` of each sheet on.
 */
export function checkMerges(zones: readonly (readonly [SheetView, number])[], issues: Problem[]): void {
  for (const [sheet, firstRow] of zones) {
    for (const merge of sheet.merges) {
      if (merge.e.r + 1 < firstRow) continue;
      const from = `${cellRef(merge.s.r + 1, merge.s.c + 1)}:${cellRef(merge.e.r + 1, merge.e.c + 1)}`;
      issues.push(cellIssue(sheet.name, merge.s.r + 1, merge.s.c + 1, 'erreur', 'structure.cellules-fusionnees', `Les cellules ${from} sont fusionnées : seule la première est lue.`, 'Annulez la fusion (« Fusionner et centrer » › « Annuler Fusionner cellules ») et répétez la réponse dans chaque cellule.'));
    }
  }
}
