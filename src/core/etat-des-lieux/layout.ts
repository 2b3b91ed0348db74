import { partnerRowsFor } from '../workbook/partner.ts';
import type { WorkbookNames } from '../workbook/report.ts';
import { templateSheets, type WorkbookShape } from '../workbook/sheets.ts';
import type { TableColumn, TableLayout } from '../workbook/table.ts';
import type { DateRule } from '../workbook/values.ts';

/**
 * The état des lieux's layout, as data: the template writer, the validator and the page « Modèle de
 * l’état des lieux » all read it. Its « Partenaire » sheet is the block every partner workbook shares;
 * its three tables list the dispositifs, the information systems, and which SI holds which dispositif's
 * data (the « Périmètre », one row per dispositif × SI pair: the pairs the kit de diagnostic covers).
 */
export const ETAT_LAYOUT_VERSION = 'etat-des-lieux/1';

export const etatNames = {
  rules: 'edl', slug: 'etat-des-lieux', label: 'état des lieux', layoutId: ETAT_LAYOUT_VERSION, receipt: 'recu-verification-etat-des-lieux-agora', group: 'dispositif',
  the: 'l’état des lieux', a: 'un état des lieux', of: 'de l’état des lieux', theShort: 'l’état des lieux', yours: 'votre état des lieux', ofShort: 'de l’état des lieux', toShort: 'à l’état des lieux',
  page: '/verifier/etat-des-lieux/', pageTitle: 'Vérifier mon état des lieux', templatePage: '/verifier/modele-etat-des-lieux/', templateTitle: 'Modèle de l’état des lieux',
} as const satisfies WorkbookNames;

export const etatSheets = { ...templateSheets, dispositifs: 'Dispositifs', systemes: 'Systèmes d’information', perimetre: 'Périmètre' } as const;

/** The dates an état des lieux gives: a real date is read; outside its period it is a warning. */
export const dateRules = {
  etat: { label: 'la date de l’état des lieux', from: '2017-01-01', yearsAfterCheck: 0 },
  debut: { label: 'la date de début d’un dispositif', from: '1990-01-01', yearsAfterCheck: 5 },
  fin: { label: 'la date de fin d’un dispositif', from: '2000-01-01', yearsAfterCheck: 20 },
} as const satisfies Record<string, DateRule>;

/** What the état des lieux is recognised by: its names and the sheets its checks read. */
export const etatShape = { names: etatNames, sheets: [etatSheets.partner, etatSheets.dispositifs, etatSheets.systemes, etatSheets.perimetre] } satisfies WorkbookShape;

export const partnerRows = partnerRowsFor('cet état des lieux', { key: 'dateEtat', label: 'Date de l’état des lieux', help: 'Date à laquelle l’état des lieux a été établi (JJ/MM/AAAA).' });

/** The funding sources a dispositif may combine, as issue 10 of the project lists them. */
export const fundingSources = ['État', 'Région', 'Fonds mutualisés / OPCO', 'France Travail', 'Agefiph', 'FSE+', 'Autre'] as const;
export const statuses = ['Actif', 'En extinction', 'Prévu'] as const;
export const systemRoles = ['Gestion des dossiers', 'Paiement', 'Décisionnel', 'Autre'] as const;
/** The kinds of data a system may hold for a dispositif. */
export const dataKinds = [
  { key: 'stagiaire', header: 'Données stagiaire' },
  { key: 'action', header: 'Données action' },
  { key: 'parcours', header: 'Données parcours' },
  { key: 'financement', header: 'Données financement' },
] as const;

export const fundingColumn = (source: string) => `financement ${source}`;

export const dispositifsTable: TableLayout = {
  sheet: etatSheets.dispositifs,
  record: 'le dispositif',
  rows: 100,
  columns: [
    { key: 'code', header: 'Code interne', width: 16, kind: 'code', required: true, help: 'L’identifiant stable du dispositif dans vos outils, unique dans la feuille (par exemple PRQ).' },
    { key: 'libelle', header: 'Libellé', width: 40, kind: 'texte', required: true, help: 'Le nom du dispositif, tel que vos équipes le désignent.' },
    { key: 'description', header: 'Description', width: 48, kind: 'texte', help: 'Ce que finance le dispositif, en une ou deux phrases.' },
    { key: 'cadre', header: 'Base légale ou cadre', width: 36, kind: 'texte', help: 'Le texte ou la délibération qui fonde le dispositif.' },
    { key: 'public', header: 'Public visé', width: 32, kind: 'texte', help: 'Les personnes que le dispositif concerne.' },
    ...fundingSources.map((source): TableColumn => ({ key: fundingColumn(source), header: `Financement : ${source}`, width: 14, kind: 'oui', help: `« Oui » si le dispositif est financé, même en partie, par : ${source}.` })),
    { key: 'autreFinancement', header: 'Autre financement : lequel', width: 28, kind: 'texte', help: 'Le financeur, quand « Financement : Autre » vaut « Oui ».' },
    { key: 'volume', header: 'Volume annuel estimé d’entrées', width: 18, kind: 'entier', help: 'Le nombre d’entrées en formation par an, estimé : un nombre entier.' },
    { key: 'debut', header: 'Date de début', width: 14, kind: 'date', date: dateRules.debut, help: 'La date d’ouverture du dispositif (JJ/MM/AAAA).' },
    { key: 'fin', header: 'Date de fin', width: 14, kind: 'date', date: dateRules.fin, help: 'La date de fin prévue, s’il en a une (JJ/MM/AAAA).' },
    { key: 'statut', header: 'Statut', width: 16, kind: 'liste', required: true, choices: statuses, help: `Une valeur de la liste : ${statuses.map((s) => `« ${s} »`).join(', ')}.` },
  ],
};

export const systemesTable: TableLayout = {
  sheet: etatSheets.systemes,
  record: 'le système d’information',
  rows: 50,
  columns: [
    { key: 'code', header: 'Code', width: 16, kind: 'code', required: true, help: 'L’identifiant du SI, unique dans la feuille (par exemple GESTFORM).' },
    { key: 'nom', header: 'Nom', width: 36, kind: 'texte', required: true, help: 'Le nom du système d’information.' },
    { key: 'editeur', header: 'Éditeur ou outil', width: 28, kind: 'texte', help: 'L’éditeur du logiciel, ou l’outil (tableur, base interne…).' },
    { key: 'role', header: 'Rôle', width: 24, kind: 'liste', required: true, choices: systemRoles, help: `Une valeur de la liste : ${systemRoles.map((s) => `« ${s} »`).join(', ')}.` },
    { key: 'contact', header: 'Contact technique (fonction)', width: 36, kind: 'texte', help: 'Une fonction ou un service (par exemple « Responsable applicatif GESTFORM »), pas le nom d’une personne.' },
  ],
};

export const perimetreTable: TableLayout = {
  sheet: etatSheets.perimetre,
  record: 'le couple',
  rows: 200,
  columns: [
    { key: 'dispositif', header: 'Code du dispositif', width: 18, kind: 'reference', refers: etatSheets.dispositifs, required: true, help: `Un code de la feuille « ${etatSheets.dispositifs} ».` },
    { key: 'si', header: 'Code du SI', width: 18, kind: 'reference', refers: etatSheets.systemes, required: true, help: `Un code de la feuille « ${etatSheets.systemes} ».` },
    ...dataKinds.map((kind): TableColumn => ({ key: kind.key, header: kind.header, width: 14, kind: 'oui', help: `« Oui » si ce SI tient les ${kind.header.toLowerCase()} de ce dispositif.` })),
    { key: 'commentaire', header: 'Commentaire', width: 40, kind: 'texte', help: 'Toute précision utile (période couverte, part des dossiers…).' },
  ],
};

export const tables = [dispositifsTable, systemesTable, perimetreTable] as const;

/** The hidden metadata sheet: which layout, which dictionary version. */
export const metaKeys = { layout: 'modele', version: 'version_dictionnaire' } as const;
