import { downloadDirectories } from '../dictionary/pages.ts';
import type { Dictionary, DictionaryIndex, Entity } from '../dictionary/model.ts';
import { indexDictionary } from '../dictionary/model.ts';
import { fileNotice } from '../dictionary/origin.ts';
import { dictionaryCsv } from './fields-csv.ts';
import { entityJsonSchema } from './json-schema.ts';
import { sampleCsv, sampleXlsx, SAMPLE_ROWS } from './sample-files.ts';
import { entityTableSchema } from './table-schema.ts';
import { buildEtatTemplate, buildKitTemplate } from './templates.ts';

/**
 * Every downloadable file of a dictionary version. Each is served at
 * /dictionnaire/<version>/<path> and, for the newest version, at /dictionnaire/latest/<path>.
 */
export interface Artefact {
  /** Path under the version folder; `alias` is the version or « latest ». */
  path(alias: string): string;
  label: string;
  description: string;
  mediaType: string;
  /**
   * Whether the file writes the composed-dictionary notice into its own bytes (a description, a « Lisez-moi »)
   * when its manifest states the origin; a CSV has no place for it without breaking the header line.
   */
  carriesNotice: boolean;
  /** The entity the file describes, for its reference page. */
  entity?: string;
  build(dictionary: Dictionary): string | Uint8Array | Promise<string | Uint8Array>;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * The files take nothing from the build: no site address, base path or host enters their bytes, so a
 * published version serves, on every host, the bytes its hashes.json froze.
 */
export function dictionaryArtefacts(dictionary: Dictionary): Artefact[] {
  const index = indexDictionary(dictionary);
  return [
    {
      path: (alias) => `dictionnaire-agora-${alias}.json`,
      label: 'Dictionnaire complet (JSON)',
      description: 'Toutes les entités, leurs champs, les nomenclatures, les référentiels et les sources, pour un traitement automatique.',
      mediaType: 'application/json',
      carriesNotice: true,
      build: (d) => {
        // The origin resolved for pages stays out: a frozen version's file keeps its bytes; a new one says it in its manifest.
        const { origin: _resolved, ...content } = d;
        const notice = fileNotice(d.manifest);
        return json({ $comment: 'Généré depuis dictionary/ du Portail partenaires AGORA.', ...(notice ? { avertissement: notice } : {}), ...content });
      },
    },
    {
      path: (alias) => `dictionnaire-agora-${alias}.csv`,
      label: 'Liste des champs (CSV pour Excel)',
      description: 'Un champ par ligne ; encodage UTF-8 avec BOM et séparateur « ; » : le fichier s’ouvre directement dans Excel.',
      mediaType: 'text/csv; charset=utf-8',
      carriesNotice: false,
      build: dictionaryCsv,
    },
    {
      path: (alias) => `kit-diagnostic-${alias}.xlsx`,
      label: 'Modèle du kit de diagnostic (Excel)',
      description: 'Le classeur à remplir pour chaque dispositif et système d’information : listes de choix, lignes de champs protégées, version du dictionnaire incluse.',
      mediaType: XLSX,
      carriesNotice: true,
      build: (d) => buildKitTemplate(d),
    },
    {
      path: (alias) => `etat-des-lieux-${alias}.xlsx`,
      label: 'Modèle de l’état des lieux (Excel)',
      description: 'Le classeur de l’étape 1 : vos dispositifs, leurs sources de financement, vos systèmes d’information et le périmètre dispositif × SI, avec listes de choix et version du dictionnaire incluse.',
      mediaType: XLSX,
      carriesNotice: true,
      build: (d) => buildEtatTemplate(d),
    },
    ...dictionary.entities.flatMap((entity) => entityArtefacts(entity, index)),
  ];
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The schemas and sample extracts of one entity, side by side under schemas/ and exemples/. */
function entityArtefacts(entity: Entity, index: DictionaryIndex): Artefact[] {
  const { schemas, samples } = downloadDirectories;
  const paths = {
    jsonSchema: `${schemas}/${entity.id}.schema.json`,
    tableSchema: `${schemas}/${entity.id}.tableschema.json`,
    csv: `${samples}/${entity.id}.csv`,
    xlsx: `${samples}/${entity.id}.xlsx`,
  };
  return [
    {
      path: () => paths.jsonSchema,
      label: `Schéma JSON « ${entity.label} »`,
      description: `JSON Schema (draft-07) d’un enregistrement de l’entité ${entity.label}.`,
      mediaType: 'application/schema+json',
      carriesNotice: true,
      entity: entity.id,
      build: (d: Dictionary) => json(entityJsonSchema(d, entity, index)),
    },
    {
      path: () => paths.tableSchema,
      label: `Table Schema « ${entity.label} »`,
      description: `Schéma Frictionless (Table Schema) d’un extrait CSV de l’entité ${entity.label}, le format de schema.data.gouv.fr et de Validata : vos outils contrôlent un extrait avec les règles du portail.`,
      mediaType: 'application/json',
      carriesNotice: true,
      entity: entity.id,
      build: (d: Dictionary) => json(entityTableSchema(d, entity, index)),
    },
    {
      path: () => paths.csv,
      label: `Exemple d’extrait « ${entity.label} » (CSV)`,
      description: `${SAMPLE_ROWS} enregistrements fictifs et valides, générés depuis le dictionnaire ; UTF-8 avec BOM, séparateur « ; ». Excel convertit à l’ouverture les codes numériques en nombres (zéros initiaux perdus) : pour le lire, préférez l’exemple Excel.`,
      mediaType: 'text/csv; charset=utf-8',
      carriesNotice: false,
      entity: entity.id,
      build: (d: Dictionary) => sampleCsv(d, entity),
    },
    {
      path: () => paths.xlsx,
      label: `Exemple d’extrait « ${entity.label} » (Excel)`,
      description: 'Les mêmes enregistrements dans un classeur : codes en texte, nombres et dates typés, libellé de chaque champ en commentaire de son en-tête.',
      mediaType: XLSX,
      carriesNotice: false,
      entity: entity.id,
      build: (d: Dictionary) => sampleXlsx(d, entity),
    },
  ];
}
