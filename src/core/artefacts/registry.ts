import type { Dictionary } from '../dictionary/model.ts';
import { indexDictionary } from '../dictionary/model.ts';
import { dictionaryCsv } from './csv.ts';
import { entityJsonSchema } from './json-schema.ts';
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
  build(dictionary: Dictionary): string | Uint8Array | Promise<string | Uint8Array>;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export interface ArtefactOptions {
  /** Public address of the site, when known, for links written into downloaded files. */
  siteUrl?: string;
}

export function dictionaryArtefacts(dictionary: Dictionary, options: ArtefactOptions = {}): Artefact[] {
  const index = indexDictionary(dictionary);
  return [
    {
      path: (alias) => `dictionnaire-agora-${alias}.json`,
      label: 'Dictionnaire complet (JSON)',
      description: 'Toutes les entités, leurs champs, les nomenclatures, les référentiels et les sources, pour un traitement automatique.',
      mediaType: 'application/json',
      build: (d) => json({ $comment: 'Généré depuis dictionary/ du Portail partenaires AGORA.', ...d }),
    },
    {
      path: (alias) => `dictionnaire-agora-${alias}.csv`,
      label: 'Liste des champs (CSV pour Excel)',
      description: 'Un champ par ligne ; encodage UTF-8 avec BOM et séparateur « ; » : le fichier s’ouvre directement dans Excel.',
      mediaType: 'text/csv; charset=utf-8',
      build: dictionaryCsv,
    },
    {
      path: (alias) => `kit-diagnostic-${alias}.xlsx`,
      label: 'Modèle du kit de diagnostic (Excel)',
      description: 'Le classeur à remplir pour chaque dispositif et système d’information : listes de choix, lignes de champs protégées, version du dictionnaire incluse.',
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      build: (d) => buildKitTemplate(d, options),
    },
    {
      path: (alias) => `etat-des-lieux-${alias}.xlsx`,
      label: 'Modèle de l’état des lieux (Excel)',
      description: 'Le classeur de l’étape 1 : vos dispositifs, leurs sources de financement, vos systèmes d’information et le périmètre dispositif × SI, avec listes de choix et version du dictionnaire incluse.',
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      build: (d) => buildEtatTemplate(d, options),
    },
    ...dictionary.entities.map((entity) => ({
      path: () => `schemas/${entity.id}.schema.json`,
      label: `Schéma JSON « ${entity.label} »`,
      description: `JSON Schema (draft-07) d’un enregistrement de l’entité ${entity.label}.`,
      mediaType: 'application/schema+json',
      build: (d: Dictionary) => json(entityJsonSchema(d, entity, index)),
    })),
  ];
}
