import { REPORT_FORMAT, REPORT_FORMAT_VERSION } from './report.ts';
import { natures } from './verify.ts';

/** Where the site publishes the command, its checksum and this schema (src/integrations/command-line.ts). */
export const COMMAND_PAGE = '/verifier/traitements/';
export const COMMAND_FILE = 'agora-verifier.mjs';
export const CHECKSUM_FILE = `${COMMAND_FILE}.sha256`;
export const SCHEMA_FILE = `${REPORT_FORMAT}-v${REPORT_FORMAT_VERSION}.schema.json`;

const severity = { enum: ['erreur', 'avertissement', 'information'] };
const counts = {
  type: 'object',
  required: ['erreurs', 'avertissements', 'informations'],
  properties: { erreurs: { type: 'integer', minimum: 0 }, avertissements: { type: 'integer', minimum: 0 }, informations: { type: 'integer', minimum: 0 } },
  additionalProperties: false,
};

/** The JSON Schema of the command's JSON report (--format json), published beside the command. */
export const reportSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `${COMMAND_PAGE}${SCHEMA_FILE}`,
  title: 'Rapport de la commande agora-verifier',
  description: `Le rapport --format json de agora-verifier, format ${REPORT_FORMAT} version ${REPORT_FORMAT_VERSION} : un verdict par fichier vérifié, ses constats et son reçu sans données.`,
  type: 'object',
  required: ['format', 'versionFormat', 'masquage', 'codeSortie', 'fichiers'],
  additionalProperties: false,
  properties: {
    format: { const: REPORT_FORMAT },
    versionFormat: { const: REPORT_FORMAT_VERSION, description: 'Change quand une clé change de sens ou disparaît ; une clé facultative ajoutée ne le change pas.' },
    masquage: { type: 'boolean', description: 'Vrai quand les valeurs personnelles sont masquées (par défaut).' },
    codeSortie: { enum: [0, 1, 2], description: '0 : conforme ; 1 : à corriger ; 2 : fichier illisible ou appel incorrect. Le pire des fichiers.' },
    fichiers: { type: 'array', items: { $ref: '#/$defs/fichier' } },
  },
  $defs: {
    fichier: {
      type: 'object',
      required: ['fichier', 'nature', 'verdict', 'resultat', 'codeSortie', 'versionDictionnaire', 'problemes', 'constats', 'constatsNonListes'],
      additionalProperties: false,
      properties: {
        fichier: { type: 'string', description: 'Le chemin tel qu’il a été donné à la commande.' },
        nature: { enum: [...natures, null] },
        verdict: { enum: ['conforme', 'conforme-avec-avertissements', 'a-corriger', 'autre-fichier', 'illisible'] },
        resultat: { type: 'string' },
        codeSortie: { enum: [0, 1, 2] },
        versionDictionnaire: { type: ['string', 'null'] },
        avertissementDictionnaire: { type: 'string' },
        problemes: counts,
        constats: { type: 'array', items: { $ref: '#/$defs/constat' } },
        constatsNonListes: { type: 'integer', minimum: 0, description: 'Problèmes de cellules d’un extrait au-delà des premiers listés ; le CSV (--format csv) les contient tous.' },
        extrait: {
          type: 'object',
          required: ['entite', 'lignes', 'lectureComme', 'ligneEntetes'],
          additionalProperties: false,
          properties: { entite: { type: 'string' }, lignes: { type: 'integer', minimum: 0 }, lectureComme: { type: 'string' }, ligneEntetes: { type: 'integer', minimum: 1 } },
        },
        recu: {
          type: 'object',
          description: 'Le reçu de vérification, identique au reçu téléchargé depuis la page : aucune valeur du fichier.',
          required: ['type', 'fichier', 'versionDictionnaire', 'verifieLe', 'verdict', 'resultat', 'problemes'],
          properties: {
            type: { type: 'string' },
            fichier: {
              type: 'object',
              required: ['nom', 'taille', 'sha256'],
              properties: { nom: { type: 'string' }, taille: { type: 'integer', minimum: 0 }, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
            },
            versionDictionnaire: { type: ['string', 'null'] },
            verifieLe: { type: 'string', format: 'date-time' },
            problemes: counts,
          },
        },
      },
    },
    constat: {
      type: 'object',
      required: ['gravite', 'regle', 'emplacement', 'message'],
      additionalProperties: false,
      properties: {
        gravite: severity,
        regle: { type: 'string', description: 'Identifiant du contrôle, tel que la liste des contrôles du validateur le nomme.' },
        emplacement: { type: 'string' },
        message: { type: 'string' },
        correction: { type: 'string' },
        feuille: { type: 'string' },
        cellule: { type: 'string' },
        ligne: { type: 'integer', minimum: 1 },
        colonne: { type: 'string', pattern: '^[A-Z]+$' },
        champ: { type: 'string' },
        dispositif: { type: 'string' },
        valeur: { type: 'string', description: 'Masquée quand la donnée est personnelle, sauf avec --sans-masquage.' },
      },
    },
  },
} as const;
