import { partnerRowsFor } from '../workbook/partner.ts';
import type { WorkbookNames } from '../workbook/report.ts';
import { templateSheets, type WorkbookShape } from '../workbook/sheets.ts';
import { cellRef } from '../workbook/sheet.ts';
import type { Availability } from './report.ts';

/**
 * The kit de diagnostic's layout, as data: the template writer, the validator and the page that
 * documents the workbook all read it, so they cannot drift apart. Row and column numbers are 1-based,
 * as Excel shows them.
 */
export const KIT_LAYOUT_VERSION = 'kit-diagnostic/1';

export const kitNames = {
  rules: 'kit', slug: 'kit', label: 'kit de diagnostic', layoutId: KIT_LAYOUT_VERSION, receipt: 'recu-verification-kit-diagnostic-agora', group: 'couple dispositif × SI',
  the: 'le kit de diagnostic', a: 'un kit de diagnostic', of: 'du kit de diagnostic', theShort: 'le kit', yours: 'votre kit', ofShort: 'du kit', toShort: 'au kit',
  page: '/verifier/kit-de-diagnostic/', pageTitle: 'Vérifier mon kit de diagnostic', templatePage: '/verifier/modele-kit/', templateTitle: 'Modèle du kit de diagnostic',
} as const satisfies WorkbookNames;

export const sheetNames = { ...templateSheets, pairs: 'Dispositifs', diagnostic: 'Diagnostic' } as const;

/** What the kit is recognised by: its names and the sheets its checks read. */
export const kitShape = { names: kitNames, sheets: [sheetNames.partner, sheetNames.pairs, sheetNames.diagnostic] } satisfies WorkbookShape;

export const availabilities: readonly Availability[] = ['Disponible', 'Partiellement disponible', 'Non disponible', 'Non applicable'];

/** « Partenaire »: the block every partner workbook shares, with the kit's own date. */
export const partnerRows = partnerRowsFor('ce kit', { key: 'dateDiagnostic', label: 'Date du diagnostic', help: 'Date à laquelle le kit a été rempli (JJ/MM/AAAA).' });

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
