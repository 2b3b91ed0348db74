import type { Obligation } from '../dictionary/schemas/field.ts';
import { answerColumn, answerColumns, availabilities, diagnosticGroupRow } from './layout.ts';
import type { Availability, CoverageRow, KitIssue } from './report.ts';
import { cellIssue, type SheetView } from './sheet.ts';
import type { Structure } from './structure.ts';
import { checkDate, echeanceRange, readChoice, type DeclaredPair } from './values.ts';

type Counts = CoverageRow['byObligation'][Obligation];
const emptyCounts = (): Counts => ({ total: 0, disponible: 0, partiel: 0, nonDisponible: 0, nonApplicable: 0, vide: 0 });
const bucket: Record<Availability, keyof Omit<Counts, 'total' | 'vide'>> = {
  Disponible: 'disponible',
  'Partiellement disponible': 'partiel',
  'Non disponible': 'nonDisponible',
  'Non applicable': 'nonApplicable',
};

/**
 * Reads each pair's column group of « Diagnostic »: values, then what the answers must say together
 * (a declared pair fully answered, a missing mandatory field planned, a partial one explained), and
 * counts the coverage on the way.
 */
export function checkAnswers(sheet: SheetView, structure: Structure, pairs: Map<number, DeclaredPair>, now: Date, issues: KitIssue[]): CoverageRow[] {
  const coverage: CoverageRow[] = [];
  const rows = [...structure.rows.values()].sort((a, b) => a.row - b.row);
  const range = echeanceRange(now);
  structure.readableGroups.forEach((readable, i) => {
    const number = i + 1;
    if (!readable) return;
    const pair = pairs.get(number);
    const col = (key: Parameters<typeof answerColumn>[1]) => answerColumn(number, key);
    const answered = rows.filter(({ row }) => answerColumns.some((column) => !sheet.isEmpty(row, col(column.key))));
    if (!pair) {
      const first = answered[0];
      if (first) {
        const column = answerColumns.map((c) => col(c.key)).find((c) => !sheet.isEmpty(first.row, c)) ?? col('disponibilite');
        issues.push(cellIssue(sheet.name, first.row, column, 'erreur', 'coherence.couple-non-declare', `Le groupe « Couple n° ${number} » contient des réponses, mais aucun couple n° ${number} n’est déclaré dans « Dispositifs ».`, `Déclarez le dispositif et le SI en ligne ${number + 1} de « Dispositifs », ou effacez ces réponses.`, { value: sheet.text(first.row, column) }));
      }
      return;
    }
    const extra = { dispositif: pair.label };
    if (answered.length === 0) {
      issues.push(cellIssue(sheet.name, diagnosticGroupRow, col('disponibilite'), 'erreur', 'coherence.couple-sans-reponse', `Le couple « ${pair.label} » est déclaré dans « Dispositifs » mais sa colonne de « Diagnostic » est vide.`, 'Indiquez la disponibilité de chaque champ pour ce couple, ou retirez-le de « Dispositifs ».', extra));
    }
    const byObligation: CoverageRow['byObligation'] = { obligatoire: emptyCounts(), conditionnelle: emptyCounts(), facultative: emptyCounts() };
    for (const { field, row } of rows) {
      const counts = byObligation[field.obligation];
      counts.total += 1;
      const at = { ...extra, fieldCode: field.code };
      if (answered.length > 0 && sheet.isEmpty(row, col('disponibilite'))) {
        issues.push(cellIssue(sheet.name, row, col('disponibilite'), 'erreur', 'coherence.reponse-manquante', `${field.code} : la disponibilité n’est pas indiquée pour « ${pair.label} ».`, 'Choisissez Disponible, Partiellement disponible, Non disponible ou Non applicable.', at));
      }
      const availability = readChoice(sheet, row, col('disponibilite'), availabilities, 'la disponibilité', issues, at) as Availability | undefined;
      checkDate(sheet, row, col('echeance'), 'une échéance prévisionnelle', range, issues, at);
      if (!availability) {
        counts.vide += sheet.isEmpty(row, col('disponibilite')) ? 1 : 0;
        continue;
      }
      counts[bucket[availability]] += 1;
      if (availability === 'Non disponible' && field.obligation === 'obligatoire') {
        if (sheet.isEmpty(row, col('solution'))) issues.push(cellIssue(sheet.name, row, col('solution'), 'erreur', 'coherence.solution-manquante', `${field.code} est obligatoire et « Non disponible » pour « ${pair.label} », sans solution envisagée.`, 'Décrivez la solution envisagée : évolution du SI, reprise de données, saisie complémentaire…', at));
        if (sheet.isEmpty(row, col('echeance'))) issues.push(cellIssue(sheet.name, row, col('echeance'), 'erreur', 'coherence.echeance-manquante', `${field.code} est obligatoire et « Non disponible » pour « ${pair.label} », sans échéance prévisionnelle.`, 'Indiquez la date à laquelle le champ pourra être transmis (JJ/MM/AAAA).', at));
      }
      if (availability === 'Partiellement disponible' && sheet.isEmpty(row, col('commentaire'))) {
        issues.push(cellIssue(sheet.name, row, col('commentaire'), 'avertissement', 'coherence.commentaire-manquant', `${field.code} est « Partiellement disponible » pour « ${pair.label} », sans commentaire.`, 'Précisez en commentaire ce qui manque (période, population, format…).', at));
      }
    }
    coverage.push({ dispositif: pair.label, byObligation });
  });
  return coverage;
}
