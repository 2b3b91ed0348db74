import type { Problem } from '../problems.ts';
import type { Obligation } from '../dictionary/schemas/field.ts';
import { countOf } from '../plural.ts';

import { cellIssue, cellRanges, cellRef, type SheetView } from '../workbook/sheet.ts';
import { checkDate, readChoice, type WorkbookValues } from '../workbook/values.ts';
import { answerColumn, answerColumns, answerHeader, availabilities } from './layout.ts';
import type { DeclaredPair } from './pairs.ts';
import type { Availability, CoverageRow } from './report.ts';
import { answerRules, availabilityRule, dateRules } from './rules.ts';
import type { Structure } from './structure.ts';

type Counts = CoverageRow['byObligation'][Obligation];
const emptyCounts = (): Counts => ({ total: 0, disponible: 0, partiel: 0, nonDisponible: 0, nonApplicable: 0, vide: 0 });
const bucket: Record<Availability, keyof Omit<Counts, 'total' | 'vide'>> = {
  Disponible: 'disponible',
  'Partiellement disponible': 'partiel',
  'Non disponible': 'nonDisponible',
  'Non applicable': 'nonApplicable',
};
const fieldKind: Record<Obligation, string> = { obligatoire: 'champ obligatoire', conditionnelle: 'champ conditionnel', facultative: 'champ facultatif' };

/**
 * Reads each pair's column group of « Diagnostic »: values, then what the answers must say together
 * (the rules of rules.ts: every field answered, each availability with the columns it needs), and
 * counts the coverage on the way.
 */
export function checkAnswers(sheet: SheetView, structure: Structure, pairs: Map<number, DeclaredPair>, now: Date, values: WorkbookValues, issues: Problem[]): CoverageRow[] {
  const coverage: CoverageRow[] = [];
  const rows = [...structure.rows.values()].sort((a, b) => a.row - b.row);
  structure.readableGroups.forEach((readable, i) => {
    const number = i + 1;
    if (!readable) return;
    const pair = pairs.get(number);
    const col = (key: Parameters<typeof answerColumn>[1]) => answerColumn(number, key);
    if (!pair) {
      const first = rows.find(({ row }) => answerColumns.some((column) => !sheet.isEmpty(row, col(column.key))));
      if (first) {
        const column = answerColumns.map((c) => col(c.key)).find((c) => !sheet.isEmpty(first.row, c)) ?? col('disponibilite');
        issues.push(cellIssue(sheet.name, first.row, column, 'erreur', 'coherence.couple-non-declare', `Le groupe « Couple n° ${number} » contient des réponses, mais aucun couple n° ${number} n’est déclaré dans « Dispositifs ».`, `Déclarez le dispositif et le SI en ligne ${number + 1} de « Dispositifs », ou effacez ces réponses.`, { value: sheet.text(first.row, column) }));
      }
      return;
    }
    const extra = { dispositif: pair.label };
    // A pair with no availability at all is one problem, told once with every cell it covers.
    const unanswered = rows.length > 0 && rows.every(({ row }) => sheet.isEmpty(row, col('disponibilite')));
    if (unanswered) {
      const first = rows[0] as (typeof rows)[number];
      const column = col('disponibilite');
      const ranges = cellRanges(column, rows.map(({ row }) => row));
      const issue = cellIssue(
        sheet.name,
        first.row,
        column,
        'erreur',
        'coherence.couple-sans-reponse',
        `Le couple « ${pair.label} » est déclaré dans « Dispositifs », mais sa colonne « ${answerHeader(number, 'Disponibilité')} » est vide (${countOf(rows.length, 'cellule', 'cellules')} : ${ranges}).`,
        'Indiquez la disponibilité de chaque champ pour ce couple, ou retirez-le de « Dispositifs ».',
        extra,
      );
      issue.place = `${sheet.name}!${ranges}`;
      issue.cells = rows.map(({ field, row }) => ({ cell: cellRef(row, column), field: field.code }));
      issues.push(issue);
    }
    const byObligation: CoverageRow['byObligation'] = { obligatoire: emptyCounts(), conditionnelle: emptyCounts(), facultative: emptyCounts() };
    for (const { field, row } of rows) {
      const counts = byObligation[field.obligation];
      counts.total += 1;
      const at = { ...extra, field: field.code };
      if (!unanswered && sheet.isEmpty(row, col('disponibilite')) && !sheet.errorValue(row, col('disponibilite'))) {
        issues.push(cellIssue(sheet.name, row, col('disponibilite'), availabilityRule.severity, `coherence.${availabilityRule.id}`, `${field.code} : la disponibilité n’est pas indiquée pour « ${pair.label} ».`, `Choisissez ${availabilities.slice(0, -1).join(', ')} ou ${availabilities.at(-1)}.`, at));
      }
      const availability = readChoice(sheet, row, col('disponibilite'), availabilities, 'la disponibilité', issues, at) as Availability | undefined;
      checkDate(sheet, row, col('echeance'), dateRules.echeance, now, values, issues, at);
      if (!availability) {
        counts.vide += sheet.isEmpty(row, col('disponibilite')) ? 1 : 0;
        continue;
      }
      counts[bucket[availability]] += 1;
      for (const rule of answerRules) {
        if (!rule.when.includes(availability) || !rule.obligations.includes(field.obligation) || !sheet.isEmpty(row, col(rule.requires))) continue;
        issues.push(cellIssue(sheet.name, row, col(rule.requires), rule.severity, `coherence.${rule.id}`, `${field.code}, ${fieldKind[field.obligation]}, est « ${availability} » pour « ${pair.label} », ${rule.missing}.`, rule.fix, at));
      }
    }
    coverage.push({ dispositif: pair.label, byObligation });
  });
  return coverage;
}
