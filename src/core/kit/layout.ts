import type { Availability } from './report.ts';

/**
 * The kit de diagnostic's layout, as data: the template writer, the validator and the page that
 * documents the workbook all read it, so they cannot drift apart. Row and column numbers are 1-based,
 * as Excel shows them.
 */
export const KIT_LAYOUT_VERSION = 'kit-diagnostic/1';

export const sheetNames = {
  readme: 'Lisez-moi',
  partner: 'Partenaire',
  pairs: 'Dispositifs',
  diagnostic: 'Diagnostic',
  lists: 'Listes',
  meta: 'Métadonnées',
} as const;

export const availabilities: readonly Availability[] = ['Disponible', 'Partiellement disponible', 'Non disponible', 'Non applicable'];

/**
 * The funders the public sources name around AGORA (Régions, OPCO, France Travail: see
 * ../shared/agora-facts.md); « Autre financeur » keeps the list open to any other.
 */
export const partnerTypes = ['Région', 'OPCO', 'France Travail', 'Autre financeur'] as const;

/** Types offered by earlier templates without a source: kits filled with them still validate. */
export const retiredPartnerTypes: Readonly<Record<string, (typeof partnerTypes)[number]>> = {
  'Service de l’État': 'Autre financeur',
  Agefiph: 'Autre financeur',
};

export interface PartnerRow {
  key: 'raisonSociale' | 'siret' | 'typePartenaire' | 'contactNom' | 'contactCourriel' | 'dateDiagnostic';
  label: string;
  help: string;
  required: boolean;
  kind: 'texte' | 'siret' | 'liste' | 'courriel' | 'date';
}

/** « Partenaire »: row 1 holds these headers; labels in column A, answers in column B, from row 2. */
export const partnerColumns = [
  { header: 'Information', width: 32 },
  { header: 'Votre réponse', width: 48 },
  { header: 'Aide', width: 60 },
] as const;

export const partnerRows: readonly PartnerRow[] = [
  { key: 'raisonSociale', label: 'Raison sociale', help: 'Nom de l’organisme partenaire, tel qu’il figure au répertoire SIRENE.', required: true, kind: 'texte' },
  { key: 'siret', label: 'SIRET', help: '14 chiffres, sans espace ; cellule au format Texte.', required: true, kind: 'siret' },
  { key: 'typePartenaire', label: 'Type de partenaire', help: 'Choisissez dans la liste.', required: true, kind: 'liste' },
  { key: 'contactNom', label: 'Contact : nom et fonction', help: 'La personne qui répond aux questions sur ce kit.', required: true, kind: 'texte' },
  { key: 'contactCourriel', label: 'Contact : courriel', help: 'Adresse professionnelle.', required: true, kind: 'courriel' },
  { key: 'dateDiagnostic', label: 'Date du diagnostic', help: 'Date à laquelle le kit a été rempli (JJ/MM/AAAA).', required: false, kind: 'date' },
];
export const partnerFirstRow = 2;
export const partnerValueColumn = 2;

/** How many dispositif × SI pairs a kit can declare: enough for the largest état des lieux seen in the guide. */
export const MAX_PAIRS = 20;

/** « Dispositifs »: one declared pair per row, from row 2; column A holds the pre-filled pair number. */
export const pairColumns = [
  { key: 'numero', header: 'N°', width: 6, prefilled: true },
  { key: 'dispositif', header: 'Dispositif', width: 40, prefilled: false },
  { key: 'si', header: 'Système d’information', width: 36, prefilled: false },
  { key: 'financement', header: 'Sources de financement', width: 36, prefilled: false },
  { key: 'commentaire', header: 'Commentaire', width: 48, prefilled: false },
] as const;
export const pairFirstRow = 2;

/** « Diagnostic »: row 1 names each pair's column group, row 2 the columns, field rows from row 3. */
export const fieldColumns = [
  { key: 'code', header: 'Code', width: 26 },
  { key: 'libelle', header: 'Libellé', width: 44 },
  { key: 'entite', header: 'Entité', width: 18 },
  { key: 'obligation', header: 'Obligation', width: 16 },
  { key: 'condition', header: 'Condition', width: 40 },
] as const;

/** Each pair's answer columns; `content` is what the page « Modèle du kit » says goes in them. */
export const answerColumns = [
  { key: 'disponibilite', header: 'Disponibilité', width: 24, content: 'Une valeur de la liste.' },
  { key: 'source', header: 'Nom du champ ou source dans le SI', width: 32, content: 'Où se trouve l’information dans votre SI (table, champ, écran).' },
  { key: 'format', header: 'Format source', width: 18, content: 'Le format dans votre SI (texte, date, code interne…).' },
  { key: 'commentaire', header: 'Commentaire', width: 32, content: 'Toute précision utile.' },
  { key: 'solution', header: 'Solution envisagée', width: 32, content: 'Comment le champ sera fourni : évolution du SI, reprise de données, saisie complémentaire…' },
  { key: 'echeance', header: 'Échéance prévisionnelle', width: 18, content: 'La date à laquelle le champ pourra être transmis.' },
] as const;
export type AnswerKey = (typeof answerColumns)[number]['key'];

export const diagnosticGroupRow = 1;
export const diagnosticHeaderRow = 2;
export const diagnosticFirstRow = 3;

/** 1-based column of an answer for pair `pair` (1…MAX_PAIRS). */
export function answerColumn(pair: number, key: AnswerKey): number {
  return fieldColumns.length + (pair - 1) * answerColumns.length + answerColumns.findIndex((c) => c.key === key) + 1;
}

export const lastDiagnosticColumn = fieldColumns.length + MAX_PAIRS * answerColumns.length;

/** Header of pair n's column group in row 1; the pair itself is named in « Dispositifs » row n + 1. */
export const pairGroupTitle = (pair: number) => `Couple n° ${pair} (voir « Dispositifs », ligne ${pair + pairFirstRow - 1})`;
export const answerHeader = (pair: number, header: string) => `${header} (${pair})`;

/**
 * Row 1 of pair n's group, as an Excel formula (stored in English syntax): the dispositif and SI
 * declared in « Dispositifs », so the partner sees which pair each column group is for.
 */
export function pairGroupFormula(pair: number): string {
  const ref = (column: number) => `${sheetNames.pairs}!${cellRef(pair + pairFirstRow - 1, column)}`;
  return `IF(${ref(2)}="","${pairGroupTitle(pair)}","Couple n° ${pair} : "&${ref(2)}&" — "&${ref(3)})`;
}

/** The hidden metadata sheet: keys in column A, values in column B. */
export const metaKeys = { layout: 'modele', version: 'version_dictionnaire', fingerprint: 'empreinte_champs' } as const;

/** A1 reference of a 1-based cell. */
export function cellRef(row: number, column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return `${name}${row}`;
}
