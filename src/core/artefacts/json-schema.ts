import { constraintsJsonSchema } from '../dictionary/constraints/index.ts';
import type { Dictionary, DictionaryIndex, Entity, Field } from '../dictionary/model.ts';
import { fileNotice } from '../dictionary/origin.ts';
import { indexDictionary } from '../dictionary/model.ts';

export type JsonSchema = Record<string, unknown>;

/** Draft-07: the dialect ajv-i18n's French messages cover. */
const DIALECT = 'http://json-schema.org/draft-07/schema#';

/**
 * JSON Schema of one record of an entity: one property per field, keyed by its code. Check keys
 * (SIRET, UAI) cannot be expressed in JSON Schema: `$comment` says so and the validators add them.
 */
export function entityJsonSchema(dictionary: Dictionary, entity: Entity, index: DictionaryIndex = indexDictionary(dictionary)): JsonSchema {
  const { version } = dictionary.manifest;
  return {
    $schema: DIALECT,
    $id: `urn:agora:dictionnaire:${version}:${entity.id}`,
    title: `${entity.label} — dictionnaire des données AGORA ${version}`,
    description: [fileNotice(dictionary.manifest), entity.description].filter(Boolean).join('\n\n'),
    type: 'object',
    properties: Object.fromEntries(entity.fields.map((field) => [field.code, fieldJsonSchema(field, index)])),
    required: entity.fields.filter((field) => field.obligation === 'obligatoire').map((field) => field.code),
    additionalProperties: false,
    // Only for versions with checkable conditions: a published schema keeps its bytes.
    ...conditionalRequirements(entity),
  };
}

/**
 * `requiredWhen` as draft-07 if/then: the field is required when the other field holds one of the codes.
 * Each branch names the properties it requires, as Ajv's strict mode wants.
 */
function conditionalRequirements(entity: Entity): { allOf?: JsonSchema[] } {
  const rules = entity.fields.flatMap(({ code, requiredWhen: when }) =>
    when ? [{ if: { properties: { [when.field]: { enum: when.in } }, required: [when.field] }, then: { properties: { [code]: true }, required: [code] } }] : [],
  );
  return rules.length > 0 ? { allOf: rules } : {};
}

export function fieldJsonSchema(field: Field, index: DictionaryIndex): JsonSchema {
  const schema: JsonSchema = { title: field.label, description: field.definition };
  switch (field.type) {
    case 'booleen':
      schema.type = 'boolean';
      break;
    case 'entier':
    case 'decimal':
      schema.type = field.type === 'entier' ? 'integer' : 'number';
      break;
    case 'date':
      schema.type = 'string';
      schema.format = 'date';
      break;
    case 'texte':
    case 'code':
      schema.type = 'string';
      break;
  }
  constraintsJsonSchema(field, schema, bindingPattern(field, index));
  if (field.type === 'texte' || field.type === 'code') {
    const nomenclature = field.binding && 'nomenclature' in field.binding ? index.nomenclatures.get(field.binding.nomenclature) : undefined;
    if (nomenclature) schema.enum = nomenclature.values.map((value) => value.code);
    const referential = field.binding && 'referential' in field.binding ? index.referentials.get(field.binding.referential) : undefined;
    if (referential?.checksum) schema.$comment = `La clé de contrôle ${referential.label} est vérifiée par les validateurs du portail, pas par ce schéma.`;
  }
  schema.examples = [field.example];
  return schema;
}

/** The pattern of the referential a field is bound to, if any. */
export function bindingPattern(field: Field, index: DictionaryIndex): string | undefined {
  if (!field.binding || !('referential' in field.binding)) return undefined;
  return index.referentials.get(field.binding.referential)?.pattern;
}
