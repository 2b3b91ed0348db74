import { answerRules, availabilityRule } from '../kit/rules.ts';
import type { Severity } from '../problems.ts';
import { workbookShapes, type WorkbookSlug } from '../workbooks.ts';
import type { WorkbookNames } from '../workbook/report.ts';
import { cataloguePage, EXTRACT_PAGE } from './urls.ts';

/**
 * The catalogue of checks: every rule a validator reports, with its severity, its family and a short
 * title, published as the page « Liste des contrôles » of each validator (each finding of a report links
 * to its entry). The messages and fixes the pages show are real findings, produced by the test fixtures
 * (src/data/rule-examples.json, `npm run rules:examples`); tests/unit/rules-catalogue.test.ts holds the
 * catalogue and the fixtures to each other: every rule here is produced by a fixture, with its declared
 * severity, and no fixture produces a rule that is not here.
 */

export type ValidatorId = WorkbookSlug | 'extrait';

export interface RuleEntry {
  /** The identifier findings carry (« kit.valeurs.siret-nombre », « siret.key »). */
  id: string;
  severity: Severity;
  /** The family the page groups it under (« Valeurs »). */
  family: string;
  /** What it checks, in a few words. */
  title: string;
}

/** A real finding of the rule, as a report shows it. */
export interface RuleExample {
  rule: string;
  severity: Severity;
  place: string;
  message: string;
  fix?: string;
  value?: string;
}

export interface ValidatorCatalogue {
  id: ValidatorId;
  /** « le kit de diagnostic »: the page says « les contrôles du kit de diagnostic ». */
  of: string;
  /** The validator's page and its title. */
  validatorPage: string;
  validatorTitle: string;
  /** The page « Liste des contrôles » of this validator. */
  page: string;
  families: readonly string[];
  rules: readonly RuleEntry[];
}

type Entry = readonly [severity: Severity, title: string];

/** Rules every partner workbook shares (src/core/workbook/), by their id within the workbook. */
const workbookRules = {
  'fichier.vide': ['erreur', 'Fichier vide'],
  'fichier.endommage': ['erreur', 'Fichier endommagé ou incomplet'],
  'fichier.mot-de-passe': ['erreur', 'Classeur protégé par un mot de passe'],
  'fichier.bombe-zip': ['erreur', 'Archive démesurée une fois décompressée'],
  'fichier.csv': ['erreur', 'Export CSV au lieu du classeur'],
  'fichier.pdf': ['erreur', 'Document PDF au lieu du classeur'],
  'fichier.image': ['erreur', 'Image au lieu du classeur'],
  'fichier.texte': ['erreur', 'Fichier texte au lieu du classeur'],
  'fichier.pas-un-classeur': ['erreur', 'Format de fichier non reconnu'],
  'structure.autre-classeur': ['erreur', 'Un autre classeur partenaire'],
  'structure.feuille-manquante': ['erreur', 'Feuille manquante'],
  'structure.feuille-renommee': ['erreur', 'Feuille renommée'],
  'structure.colonnes': ['erreur', 'Colonnes renommées, ajoutées ou décalées'],
  'structure.ligne-modifiee': ['erreur', 'Libellé de ligne modifié'],
  'structure.lignes-decalees': ['erreur', 'Lignes décalées'],
  'structure.cellules-fusionnees': ['erreur', 'Cellules fusionnées'],
  'structure.version-absente': ['information', 'Version du dictionnaire non indiquée'],
  'structure.version-deduite': ['information', 'Version du dictionnaire déduite des champs'],
  'structure.version-inconnue': ['avertissement', 'Version du dictionnaire inconnue'],
  'valeurs.obligatoire': ['erreur', 'Cellule obligatoire vide'],
  'valeurs.type-retire': ['information', 'Type de partenaire d’un ancien modèle'],
  'valeurs.date-improbable': ['avertissement', 'Date hors de sa période plausible'],
  'valeurs.dates-inversees': ['erreur', 'Fin avant le début'],
  'valeurs.siret-nombre': ['avertissement', 'SIRET enregistré comme nombre'],
} as const satisfies Record<string, Entry>;

type WorkbookRuleId = keyof typeof workbookRules;

const kitAnswerTitles: Record<string, string> = {
  'source-manquante': 'Donnée disponible sans sa source',
  'commentaire-manquant': 'Disponibilité partielle sans commentaire',
  'solution-manquante': 'Champ non disponible sans solution envisagée',
  'echeance-manquante': 'Champ non disponible sans échéance',
};

/** The kit's own rules: the structure of « Diagnostic » and the coherence rules of src/core/kit/rules.ts. */
const kitRules: Record<string, Entry> = {
  'structure.pas-un-kit': ['erreur', 'Classeur qui n’est pas un kit'],
  'structure.ligne-supprimee': ['erreur', 'Ligne de champ supprimée'],
  'structure.ligne-en-double': ['erreur', 'Ligne de champ en double'],
  'structure.ligne-inconnue': ['erreur', 'Ligne de champ inconnue'],
  'structure.ligne-deplacee': ['avertissement', 'Ligne de champ déplacée'],
  'structure.code-modifie': ['erreur', 'Code de champ modifié'],
  'structure.libelle-modifie': ['avertissement', 'Libellé de champ modifié'],
  'structure.numero-modifie': ['erreur', 'Numéro de couple modifié'],
  'structure.colonne-en-trop': ['erreur', 'Colonne ajoutée dans « Diagnostic »'],
  [`coherence.${availabilityRule.id}`]: [availabilityRule.severity, 'Disponibilité non renseignée'],
  ...Object.fromEntries(answerRules.map((rule) => [`coherence.${rule.id}`, [rule.severity, kitAnswerTitles[rule.id] ?? rule.missing] as const])),
  'coherence.couple-sans-reponse': ['erreur', 'Couple déclaré sans réponse'],
  'coherence.couple-non-declare': ['erreur', 'Réponses pour un couple non déclaré'],
  'coherence.couple-en-double': ['avertissement', 'Couple déclaré deux fois'],
};

const etatRules: Record<string, Entry> = {
  'structure.pas-un-etat-des-lieux': ['erreur', 'Classeur qui n’est pas un état des lieux'],
  'coherence.code-en-double': ['erreur', 'Code en double'],
  'coherence.financement-manquant': ['erreur', 'Dispositif sans source de financement'],
  'coherence.autre-financement': ['avertissement', 'Financement « Autre » sans précision'],
  'coherence.prevu-commence': ['avertissement', 'Dispositif prévu déjà commencé'],
  'coherence.dispositif-inconnu': ['erreur', 'Dispositif du périmètre inconnu'],
  'coherence.si-inconnu': ['erreur', 'Système du périmètre inconnu'],
  'coherence.couple-en-double': ['avertissement', 'Couple du périmètre en double'],
  'coherence.donnees-manquantes': ['erreur', 'Couple sans donnée tenue'],
  'coherence.dispositif-sans-si': ['erreur', 'Dispositif sans système'],
  'coherence.si-sans-dispositif': ['erreur', 'Système sans dispositif'],
};

/** The shared rules each workbook reports (its fixtures show which). */
const kitShared: readonly WorkbookRuleId[] = [
  'fichier.vide', 'fichier.endommage', 'fichier.mot-de-passe', 'fichier.bombe-zip', 'fichier.csv', 'fichier.pdf', 'fichier.image', 'fichier.texte', 'fichier.pas-un-classeur',
  'structure.feuille-manquante', 'structure.feuille-renommee', 'structure.colonnes', 'structure.ligne-modifiee', 'structure.lignes-decalees', 'structure.cellules-fusionnees', 'structure.version-deduite', 'structure.version-inconnue',
  'valeurs.obligatoire', 'valeurs.type-retire', 'valeurs.date-improbable', 'valeurs.siret-nombre',
];
const etatShared: readonly WorkbookRuleId[] = [
  'fichier.vide', 'fichier.endommage', 'fichier.mot-de-passe', 'fichier.bombe-zip', 'fichier.csv', 'fichier.pdf', 'fichier.image', 'fichier.texte', 'fichier.pas-un-classeur',
  'structure.autre-classeur', 'structure.feuille-renommee', 'structure.colonnes', 'structure.cellules-fusionnees', 'structure.version-absente',
  'valeurs.obligatoire', 'valeurs.dates-inversees',
];
/** The value engine's rules each workbook's cells can break (its fixtures show which): ids and titles of `engineRules`. */
const kitEngine: readonly EngineRuleId[] = ['value.list', 'value.pattern', 'value.date', 'value.excel-error', 'siret.key', 'siret.rounded', 'siret.leading-zero'];
const etatEngine: readonly EngineRuleId[] = ['value.list', 'value.date', 'value.type', 'value.range', 'value.excel-error', 'siret.key', 'siret.leading-zero'];

const workbookFamilies: Record<string, string> = { fichier: 'Le fichier', structure: 'La structure du classeur', valeurs: 'Les valeurs', coherence: 'La cohérence des réponses' };

/** A workbook's rules: its own, prefixed with its name (« kit.valeurs.siret-nombre »), and the value engine's, under their shared id, among its values. */
function workbookCatalogue(id: ValidatorId, names: WorkbookNames, shared: readonly WorkbookRuleId[], own: Record<string, Entry>, engine: readonly EngineRuleId[]): ValidatorCatalogue {
  const entries: [string, Entry][] = [...shared.map((rule) => [rule, workbookRules[rule]] as [string, Entry]), ...Object.entries(own)];
  const family = (rule: string) => workbookFamilies[rule.split('.')[0] ?? ''] ?? '';
  const order = Object.values(workbookFamilies);
  const rules = [
    ...entries.map(([rule, [severity, title]]) => ({ id: `${names.rules}.${rule}`, severity, family: family(rule), title })),
    ...engine.map((rule) => ({ id: rule as string, severity: engineRules[rule][1], family: workbookFamilies['valeurs'] ?? '', title: engineRules[rule][2] })),
  ].sort((a, b) => order.indexOf(a.family) - order.indexOf(b.family));
  return { id, of: names.of, validatorPage: names.page, validatorTitle: names.pageTitle, page: cataloguePage(names.page), families: order, rules };
}

/**
 * The value engine's rules (src/core/dictionary/check-value.ts, src/core/referentials/rules.ts): one id
 * per diagnosis of a value, the same on every validator that checks values with it, declared once here.
 * `value.blank` is not among them: the validators read a cell of spaces as empty, so none reports it.
 */
const engineRules = {
  'value.type': ['value', 'erreur', 'Valeur du mauvais type'],
  'value.excel-error': ['value', 'erreur', 'Valeur d’erreur d’Excel'],
  'value.length': ['value', 'erreur', 'Longueur hors des limites'],
  'value.pattern': ['value', 'erreur', 'Forme non conforme'],
  'value.list': ['value', 'erreur', 'Valeur hors de la liste'],
  'value.date': ['value', 'erreur', 'Date illisible ou inexistante'],
  'value.date-plausible': ['value', 'avertissement', 'Date hors de sa période plausible'],
  'value.range': ['value', 'erreur', 'Valeur hors des bornes'],
  'value.decimals': ['value', 'erreur', 'Trop de décimales'],
  'value.nomenclature': ['value', 'erreur', 'Code absent de la nomenclature'],
  'value.referential': ['value', 'erreur', 'Code mal formé pour son référentiel'],
  'siret.separators': ['referential', 'erreur', 'SIRET écrit avec des séparateurs'],
  'siret.key': ['referential', 'erreur', 'Clé de contrôle du SIRET fausse'],
  'siret.siren-key': ['referential', 'erreur', 'Clé de contrôle du SIREN fausse'],
  'siret.la-poste-key': ['referential', 'erreur', 'SIRET de La Poste faux'],
  'siret.zero': ['referential', 'erreur', 'SIREN jamais attribué'],
  'siret.rounded': ['referential', 'erreur', 'SIRET arrondi par Excel'],
  'siret.leading-zero': ['referential', 'erreur', 'SIRET dont le zéro de tête est perdu'],
  'siret.scientific': ['referential', 'erreur', 'SIRET en notation scientifique'],
  'siret.siren': ['referential', 'erreur', 'SIREN au lieu du SIRET'],
  'nir.month': ['referential', 'erreur', 'Mois de naissance du NIR inexistant'],
  'nir.order': ['referential', 'erreur', 'Numéro d’ordre du NIR nul'],
  'nir.key': ['referential', 'erreur', 'Clé du NIR fausse'],
  'nir.with-key': ['referential', 'erreur', 'NIR transmis avec sa clé'],
  'nir.separators': ['referential', 'erreur', 'NIR écrit avec des séparateurs'],
  'nir.corsica': ['referential', 'erreur', 'Département corse mal écrit dans le NIR'],
  'uai.key': ['referential', 'erreur', 'Lettre de contrôle de l’UAI fausse'],
  'uai.corsica': ['referential', 'erreur', 'UAI de Corse mal écrit'],
  'uai.lowercase': ['referential', 'erreur', 'Lettre de l’UAI en minuscule'],
  'record.required': ['record', 'erreur', 'Champ obligatoire non renseigné'],
  'record.required-when': ['record', 'erreur', 'Champ conditionnel requis non renseigné'],
  'record.not-before': ['record', 'erreur', 'Date antérieure à celle qu’elle suit'],
  'record.duplicate-key': ['record', 'erreur', 'Enregistrement en double'],
} as const satisfies Record<string, readonly ['value' | 'referential' | 'record', Severity, string]>;

type EngineRuleId = keyof typeof engineRules;

const extractFamilies = {
  fichier: 'Le fichier',
  colonne: 'Les en-têtes et les colonnes',
  value: 'Les valeurs',
  referential: 'Les référentiels (SIRET, NIR, UAI)',
  record: 'Les enregistrements',
} as const;

const extractOwnRules: Record<string, readonly [keyof typeof extractFamilies, Severity, string]> = {
  'extrait.fichier.vide': ['fichier', 'erreur', 'Fichier vide'],
  'extrait.fichier.format': ['fichier', 'erreur', 'Format de fichier non reconnu'],
  'extrait.fichier.endommage': ['fichier', 'erreur', 'Fichier endommagé ou incomplet'],
  'extrait.fichier.mot-de-passe': ['fichier', 'erreur', 'Classeur protégé par un mot de passe'],
  'extrait.fichier.trop-volumineux': ['fichier', 'erreur', 'Classeur .ods ou .xls trop volumineux'],
  'extrait.fichier.format-entier': ['fichier', 'information', 'Format lu en entier (.ods, .xls)'],
  'extrait.fichier.encodage': ['fichier', 'information', 'Fichier encodé en Windows-1252'],
  'extrait.fichier.une-colonne': ['fichier', 'avertissement', 'Séparateur de colonnes non reconnu'],
  'extrait.fichier.caracteres': ['fichier', 'avertissement', 'Caractères qui ne sont pas de l’UTF-8'],
  'extrait.fichier.feuille-choisie': ['fichier', 'information', 'Extrait lu sur une autre feuille que la première'],
  'extrait.fichier.sans-donnees': ['fichier', 'erreur', 'Aucune ligne de données'],
  'extrait.fichier.lignes-avant-en-tetes': ['colonne', 'information', 'Lignes avant les en-têtes'],
  'extrait.fichier.en-tetes-inconnus': ['colonne', 'avertissement', 'En-têtes qui ne nomment aucun champ'],
  'extrait.ligne.en-tetes-repetes': ['colonne', 'avertissement', 'Ligne d’en-têtes répétée'],
  'extrait.colonne.absente': ['colonne', 'erreur', 'Colonne d’un champ obligatoire absente'],
  'extrait.colonne.conditionnelle-absente': ['colonne', 'information', 'Colonne d’un champ conditionnel absente'],
  'extrait.colonne.sans-en-tete': ['colonne', 'avertissement', 'Colonne remplie sans en-tête'],
  'extrait.ligne.cellules-en-trop': ['colonne', 'erreur', 'Ligne plus longue que les en-têtes'],
};

/** The value engine's rules an extract can break: all but the closed lists of the workbooks. */
const extractEngine: readonly EngineRuleId[] = (Object.keys(engineRules) as EngineRuleId[]).filter((rule) => rule !== 'value.list');

const extractRules: Record<string, readonly [keyof typeof extractFamilies, Severity, string]> = {
  ...extractOwnRules,
  ...Object.fromEntries(extractEngine.map((rule) => [rule, engineRules[rule]])),
};

/** Each kind of partner workbook's rules, by its slug (`WorkbookNames.slug`, src/core/workbooks.ts lists the kinds). */
const workbookRuleSets: Readonly<Record<string, { shared: readonly WorkbookRuleId[]; own: Record<string, Entry>; engine: readonly EngineRuleId[] }>> = {
  kit: { shared: kitShared, own: kitRules, engine: kitEngine },
  'etat-des-lieux': { shared: etatShared, own: etatRules, engine: etatEngine },
};

/** The workbook kinds of src/core/workbooks.ts that have their rules here (tests/unit/rules-catalogue.test.ts: all of them). */
const workbookCatalogues = Object.fromEntries(
  workbookShapes.flatMap(({ names }) => {
    const rules = workbookRuleSets[names.slug];
    return rules ? [[names.slug, workbookCatalogue(names.slug as WorkbookSlug, names, rules.shared, rules.own, rules.engine)]] : [];
  }),
) as Record<WorkbookSlug, ValidatorCatalogue>;

export const catalogues: Readonly<Record<ValidatorId, ValidatorCatalogue>> = {
  ...workbookCatalogues,
  extrait: {
    id: 'extrait',
    of: 'des extraits de données',
    validatorPage: EXTRACT_PAGE,
    validatorTitle: 'Vérifier un extrait de données',
    page: cataloguePage(EXTRACT_PAGE),
    families: Object.values(extractFamilies),
    rules: Object.entries(extractRules).map(([id, [family, severity, title]]) => ({ id, severity, family: extractFamilies[family], title })),
  },
};

/** The catalogue of the validator whose page is `validatorPage`. */
export const catalogueOf = (validatorPage: string): ValidatorCatalogue | undefined => Object.values(catalogues).find((catalogue) => catalogue.validatorPage === validatorPage);
