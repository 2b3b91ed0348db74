import { frenchDate } from '../dates.ts';
import { MAX_PAIRS } from '../kit/layout.ts';
import { listStatement, siretStatement } from '../workbook/values.ts';
import { dateRules, dispositifsTable, etatSheets, fundingSources, perimetreTable, statuses, systemesTable } from './layout.ts';

/**
 * The rules a filled état des lieux follows, declared once: the validator applies them (checks.ts), the
 * template's « Lisez-moi » states them (template.ts) and the page « Modèle de l’état des lieux » documents
 * them: each carries the sentence all three say.
 */

const header = (columns: typeof dispositifsTable.columns, key: string) => columns.find((column) => column.key === key)?.header ?? key;
const D = etatSheets.dispositifs;
const S = etatSheets.systemes;
const P = etatSheets.perimetre;

export const coherenceRules = {
  required: `Chaque ligne remplie a ses colonnes obligatoires : dans « ${D} », « ${header(dispositifsTable.columns, 'code')} », « ${header(dispositifsTable.columns, 'libelle')} » et « ${header(dispositifsTable.columns, 'statut')} » ; dans « ${S} », « ${header(systemesTable.columns, 'code')} », « ${header(systemesTable.columns, 'nom')} » et « ${header(systemesTable.columns, 'role')} » ; dans « ${P} », les deux codes.`,
  uniqueCodes: `Les codes sont uniques : un même code ne désigne qu’un dispositif dans « ${D} », qu’un système dans « ${S} ».`,
  funding: `Chaque dispositif a au moins une source de financement (« Oui » dans l’une des colonnes ${fundingSources.map((source) => `« Financement : ${source} »`).join(', ')}) ; « Autre » se précise dans « ${header(dispositifsTable.columns, 'autreFinancement')} » (sans précision, un avertissement).`,
  perimeter: `Chaque ligne de « ${P} » associe un dispositif de « ${D} » à un système de « ${S} », par leurs codes, et dit quelles données ce système en tient (au moins un « Oui »). Chaque dispositif y figure au moins une fois, chaque système aussi : un dispositif sans système ou un système sans dispositif est une erreur.`,
  dates: `Dates au format JJ/MM/AAAA (JJ/MM/AA, lu 20AA, et AAAA-MM-JJ sont aussi acceptés) : la « ${header(dispositifsTable.columns, 'fin')} » ne précède pas la « ${header(dispositifsTable.columns, 'debut')} » ; un dispositif « ${statuses[2]} » dont la date de début est passée est signalé par un avertissement. Une date hors de sa période plausible (début à partir du ${frenchDate(dateRules.debut.from)}, fin à partir du ${frenchDate(dateRules.fin.from)}, état des lieux du ${frenchDate(dateRules.etat.from)} au jour de la vérification) est signalée par un avertissement.`,
  volume: `« ${header(dispositifsTable.columns, 'volume')} » : un nombre entier positif ou nul.`,
  kit: `Le kit de diagnostic couvre chaque couple dispositif × SI du périmètre ; il en accueille ${MAX_PAIRS} au plus : au-delà, le kit pré-rempli est réparti en plusieurs classeurs.`,
} as const;

/** Every rule in the order « Lisez-moi » and the page state them. */
export const ruleStatements: readonly string[] = [...Object.values(coherenceRules), listStatement, siretStatement];

/** Column headers a message names. */
export const headers = {
  dispositifs: (key: string) => header(dispositifsTable.columns, key),
  systemes: (key: string) => header(systemesTable.columns, key),
  perimetre: (key: string) => header(perimetreTable.columns, key),
};
