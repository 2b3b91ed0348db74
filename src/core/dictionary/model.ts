import type { EntitySource } from './schemas/entity.ts';
import type { FieldSource } from './schemas/field.ts';
import type { Manifest } from './schemas/manifest.ts';
import type { Nomenclature } from './schemas/nomenclature.ts';
import type { Referential } from './schemas/referential.ts';
import type { Source } from './schemas/source.ts';
import type { DictionaryOrigin } from './origin.ts';

/** A field with the entity it belongs to: what reference pages, schemas and validators work on. */
export interface Field extends FieldSource {
  entity: string;
}

export interface Entity extends Omit<EntitySource, 'fields'> {
  fields: Field[];
}

/** A loaded, checked dictionary version. Plain data: it is serialised into pages and the Worker. */
export interface Dictionary {
  manifest: Manifest;
  entities: Entity[];
  nomenclatures: Nomenclature[];
  referentials: Referential[];
  sources: Source[];
  /**
   * Composed by this portal or the platform's official one: the manifest's `origin`, else that of the
   * version's entry of releases/index.yaml. Set by the repository loader; absent on a dictionary loaded alone.
   */
  origin?: DictionaryOrigin;
}

export function allFields(dictionary: Pick<Dictionary, 'entities'>): Field[] {
  return dictionary.entities.flatMap((entity) => entity.fields);
}

/** Lookups by id, built once per dictionary. */
export interface DictionaryIndex<D extends DictionaryContent = Dictionary> {
  dictionary: D;
  fields: Map<string, Field>;
  entities: Map<string, Entity>;
  nomenclatures: Map<string, Nomenclature>;
  referentials: Map<string, Referential>;
  sources: Map<string, Source>;
}

/** What an index needs: the lint also indexes a dictionary whose manifest failed to load. */
export type DictionaryContent = Omit<Dictionary, 'manifest'>;

export function indexDictionary<D extends DictionaryContent = Dictionary>(dictionary: D): DictionaryIndex<D> {
  const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((item) => [item.id, item]));
  return {
    dictionary,
    fields: new Map(allFields(dictionary).map((field) => [field.code, field])),
    entities: byId(dictionary.entities),
    nomenclatures: byId(dictionary.nomenclatures),
    referentials: byId(dictionary.referentials),
    sources: byId(dictionary.sources),
  };
}
