import { frenchDate } from '../dates.ts';
import type { Obligation } from '../dictionary/schemas/field.ts';
import type { Severity } from '../problems.ts';
import { listStatement, siretStatement, type DateRule } from '../workbook/values.ts';
import { answerColumns, type AnswerKey } from './layout.ts';
import type { Availability } from './report.ts';

/**
 * The rules a filled kit follows, declared once. The validator applies them (coherence.ts, values.ts),
 * the template's « Lisez-moi » states them (template.ts) and the page « Modèle du kit de diagnostic »
 * documents them (KitLayout.astro): each rule carries the sentence all three say.
 */

const header = (key: AnswerKey) => answerColumns.find((column) => column.key === key)?.header ?? key;

/** An answer column that a given availability makes necessary. */
export interface AnswerRule {
  /** Rule identifier in reports: `kit.coherence.<id>`. */
  id: string;
  when: readonly Availability[];
  /** Obligations, in the dictionary, of the fields the rule applies to. */
  obligations: readonly Obligation[];
  requires: AnswerKey;
  severity: Severity;
  statement: string;
  /** End of the report's sentence « TIT_NIR est « Non disponible » pour « 1. … », … ». */
  missing: string;
  fix: string;
}

const allObligations: readonly Obligation[] = ['obligatoire', 'conditionnelle', 'facultative'];
/**
 * A conditional field is mandatory whenever its condition holds: a gap in it needs a plan as much as a
 * gap in a mandatory field. A field whose condition never holds for the dispositif is « Non applicable ».
 */
const mandatory: readonly Obligation[] = ['obligatoire', 'conditionnelle'];

const fieldKinds: Record<Obligation, string> = { obligatoire: 'obligatoire', conditionnelle: 'conditionnel', facultative: 'facultatif' };
const severityNames: Record<Severity, string> = { erreur: 'une erreur', avertissement: 'un avertissement', information: 'une information' };
const quoted = (values: readonly string[]) => values.map((value) => `« ${value} »`).join(' ou ');

/**
 * The sentence the template, the page and the report say of a rule, written from the rule itself: the
 * availabilities, the kinds of field, the column and the severity it is applied with.
 */
function answerStatement(rule: Omit<AnswerRule, 'statement'> & { purpose: string }): string {
  const kinds = rule.obligations.length === allObligations.length ? 'pour tout champ' : `pour un champ ${rule.obligations.map((o) => fieldKinds[o]).join(' ou ')}`;
  const spared = allObligations.filter((obligation) => !rule.obligations.includes(obligation));
  const required = rule.severity === 'erreur' ? 'est obligatoire' : 'est attendue';
  return (
    `${quoted(rule.when)}, ${kinds} : la colonne « ${header(rule.requires)} » ${required} (${rule.purpose}) ; si elle est vide, le validateur émet ${severityNames[rule.severity]}.` +
    (spared.length > 0 ? ` Pour un champ ${spared.map((o) => fieldKinds[o]).join(' ou ')}, elle peut rester vide.` : '')
  );
}

export const answerRules: readonly AnswerRule[] = (
  [
    {
      id: 'source-manquante',
      when: ['Disponible', 'Partiellement disponible'],
      obligations: allObligations,
      requires: 'source',
      severity: 'avertissement',
      purpose: 'où se trouve la donnée dans votre SI',
      missing: 'sans nom du champ ni source dans le SI',
      fix: 'Indiquez où se trouve la donnée dans votre SI : table et champ, écran, fichier…',
    },
    {
      id: 'commentaire-manquant',
      when: ['Partiellement disponible'],
      obligations: allObligations,
      requires: 'commentaire',
      severity: 'erreur',
      purpose: 'ce qui manque : période, population, format…',
      missing: 'sans commentaire',
      fix: 'Précisez en commentaire ce qui manque (période, population, format…).',
    },
    {
      id: 'solution-manquante',
      when: ['Non disponible'],
      obligations: mandatory,
      requires: 'solution',
      severity: 'erreur',
      purpose: 'comment le champ sera fourni',
      missing: 'sans solution envisagée',
      fix: 'Décrivez la solution envisagée : évolution du SI, reprise de données, saisie complémentaire…',
    },
    {
      id: 'echeance-manquante',
      when: ['Non disponible'],
      obligations: mandatory,
      requires: 'echeance',
      severity: 'erreur',
      purpose: 'la date à laquelle le champ pourra être transmis',
      missing: 'sans échéance prévisionnelle',
      fix: 'Indiquez la date à laquelle le champ pourra être transmis (JJ/MM/AAAA).',
    },
  ] as const satisfies readonly (Omit<AnswerRule, 'statement'> & { purpose: string })[]
).map(({ purpose, ...rule }) => ({ ...rule, statement: answerStatement({ ...rule, purpose }) }));

/** Every declared pair answers every field: an empty « Disponibilité » is an error. */
export const availabilityRule = {
  id: 'reponse-manquante',
  severity: 'erreur',
  statement: `Pour chaque couple déclaré dans « Dispositifs », la colonne « ${header('disponibilite')} » est obligatoire pour chaque champ.`,
} as const satisfies { id: string; severity: Severity; statement: string };

export const conditionalStatement =
  'Un champ conditionnel compte comme un champ obligatoire : si sa condition ne s’applique jamais au dispositif, choisissez « Non applicable ».';

export const dateRules = {
  echeance: { label: 'une échéance prévisionnelle', from: '2017-01-01', yearsAfterCheck: 10 },
  diagnostic: { label: 'la date du diagnostic', from: '2017-01-01', yearsAfterCheck: 0 },
} as const satisfies Record<string, DateRule>;

/** The ways of typing a date as text that the validator reads (readDate), each with an example. */
export const typedDateForms = [
  { form: 'JJ/MM/AAAA', example: '30/06/2027' },
  { form: 'JJ/MM/AA (lu 20AA)', example: '30/06/27' },
  { form: 'JJ.MM.AAAA', example: '30.06.2027' },
  { form: 'JJ-MM-AAAA', example: '30-06-2027' },
  { form: 'AAAA-MM-JJ', example: '2027-06-30' },
] as const;

export const dateStatement =
  `Dates : dans une cellule au format Date, ou saisies comme texte sous l’une des formes ${typedDateForms.map(({ form }) => form).join(', ')} ; toute autre forme, ou une date qui n’existe pas (31/02/2027), est une erreur. ` +
  `Une échéance prévisionnelle va du ${frenchDate(dateRules.echeance.from)} à ${dateRules.echeance.yearsAfterCheck} ans après la vérification, la date du diagnostic du ${frenchDate(dateRules.diagnostic.from)} au jour de la vérification ; hors de ces bornes, le validateur émet un avertissement.`;

/** Every rule in the order « Lisez-moi » and the page state them. */
export const ruleStatements: readonly string[] = [availabilityRule.statement, ...answerRules.map((rule) => rule.statement), conditionalStatement, dateStatement, listStatement, siretStatement];
