import { constraintsTableNotes, constraintsTableSchema } from '../dictionary/constraints/index.ts';
import { obligationLabels } from '../dictionary/describe.ts';
import { fileNotice } from '../dictionary/origin.ts';
import { indexDictionary, type Dictionary, type DictionaryIndex, type Entity, type Field } from '../dictionary/model.ts';
import type { DataType } from '../dictionary/schemas/field.ts';
import { frenchTypography } from '../typography.ts';
import { cellText, formatCell } from './formats/cell-text.ts';
import { bindingPattern } from './json-schema.ts';

export type TableSchema = Record<string, unknown>;

const TYPES: Record<DataType, string> = { texte: 'string', code: 'string', entier: 'integer', decimal: 'number', date: 'date', booleen: 'boolean' };

/**
 * An entity as a Frictionless Table Schema (https://specs.frictionlessdata.io/table-schema/), the
 * format of schema.data.gouv.fr and Validata: one field a column, named by its code, with the rules
 * Table Schema can express as constraints and the others stated in the descriptions, so that a
 * partner's pipeline checks an extract as the portal's validators do.
 */
export function entityTableSchema(dictionary: Dictionary, entity: Entity, index: DictionaryIndex = indexDictionary(dictionary)): TableSchema {
  const { version, date } = dictionary.manifest;
  // Only versions whose manifest states their origin carry the notice: published files keep their bytes.
  const notice = fileNotice(dictionary.manifest);
  const key = entity.key ?? [];
  const sources = entity.sources.flatMap((id) => {
    const source = index.sources.get(id);
    return source ? [{ title: source.title, ...(source.url ? { path: source.url } : {}) }] : [];
  });
  // Created with this version when every field of the entity came with it.
  const firstVersion = entity.fields.every((field) => field.since === version);
  return {
    $schema: 'https://specs.frictionlessdata.io/schemas/table-schema.json',
    name: `agora-${entity.id}`,
    title: `${entity.label} — dictionnaire des données AGORA ${version}`,
    // Markdown, as Table Schema recommends: schema.data.gouv.fr renders it.
    description: frenchTypography([...(notice ? [notice] : []), entity.description, readingRules(), ...unexpressedRules(entity, index)].join('\n\n')),
    countryCode: 'FR',
    ...(sources.length > 0 ? { sources } : {}),
    ...(firstVersion ? { created: date } : {}),
    lastModified: date,
    version,
    missingValues: [''],
    ...(key.length > 0 ? { primaryKey: [...key] } : {}),
    fields: entity.fields.map((field) => fieldDescriptor(field, index)),
  };
}

function readingRules(): string {
  return [
    'Un extrait CSV en UTF-8 a une ligne d’en-tête portant les codes des champs ; une cellule vide est une valeur absente.',
    `Les nombres décimaux s’écrivent avec une virgule (« ${formatCell(12.5)} ») ou un point, les booléens « ${cellText.trueValues[0]} » ou « ${cellText.falseValues[0]} », les dates au format AAAA-MM-JJ.`,
  ].join(' ');
}

/** Rules of the dictionary that Table Schema has no word for, checked by the portal's validators. */
function unexpressedRules(entity: Entity, index: DictionaryIndex): string[] {
  const rules = entity.fields.flatMap((field) => {
    const notes = fieldNotes(field, index);
    return notes.length === 0 ? [] : [`- ${field.code} : ${sentence(notes)}`];
  });
  return rules.length === 0 ? [] : ['Règles que Table Schema ne sait pas exprimer, vérifiées par les validateurs du portail partenaires AGORA :', rules.join('\n')];
}

/** Phrases joined after a colon: lower-case start (unless an acronym), one final stop. */
function sentence(phrases: readonly string[]): string {
  const joined = phrases.join(' ; ');
  return `${/^\p{Lu}\p{Ll}/u.test(joined) ? joined.charAt(0).toLowerCase() + joined.slice(1) : joined}.`;
}

/** « A », « A ou B », « A, B ou C ». */
const orList = (items: readonly string[]) => (items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ou ${items.at(-1)}`);

/** Machine-checked rules of a field beyond its Table Schema constraints, one phrase each. */
function fieldNotes(field: Field, index: DictionaryIndex): string[] {
  const { requiredWhen } = field;
  const notes: string[] = [];
  if (requiredWhen) notes.push(`obligatoire quand ${requiredWhen.field} vaut ${orList(requiredWhen.in)}`);
  const referential = field.binding && 'referential' in field.binding ? index.referentials.get(field.binding.referential) : undefined;
  if (referential?.checksum) notes.push(`clé de contrôle du code ${referential.label}`);
  return [...notes, ...constraintsTableNotes(field)];
}

/** « Obligatoire. », or the condition in words for a conditional field; then the field's history. */
function obligationText(field: Field): string[] {
  return [
    field.obligation === 'conditionnelle' && field.condition ? `${obligationLabels.conditionnelle} : ${sentence([field.condition.replace(/\.$/, '')])}` : `${obligationLabels[field.obligation]}.`,
    ...(field.formerly ? [`Code dans les versions précédentes : ${field.formerly}.`] : []),
    ...(field.until ? [`Champ retiré à partir de la version ${field.until}.`] : []),
    ...(field.lheo ? [`Élément LHÉO correspondant : ${field.lheo}.`] : []),
  ];
}

function fieldDescriptor(field: Field, index: DictionaryIndex): TableSchema {
  const constraints: Record<string, unknown> = { required: field.obligation === 'obligatoire' };
  constraintsTableSchema(field, constraints, bindingPattern(field, index));
  const nomenclature = field.binding && 'nomenclature' in field.binding ? index.nomenclatures.get(field.binding.nomenclature) : undefined;
  if (nomenclature) constraints.enum = nomenclature.values.map((value) => value.code);

  const notes = fieldNotes(field, index);
  return {
    name: field.code,
    title: field.label,
    description: frenchTypography([field.definition, ...obligationText(field), ...(notes.length > 0 ? [`Vérifié par les validateurs du portail, pas par ce schéma : ${sentence(notes)}`] : [])].join(' ')),
    type: TYPES[field.type],
    ...typeOptions(field.type),
    example: formatCell(field.example),
    constraints,
  };
}

function typeOptions(type: DataType): Record<string, unknown> {
  if (type === 'date') return { format: 'default' };
  if (type === 'decimal') return { decimalChar: cellText.decimalChar };
  if (type === 'booleen') return { trueValues: [...cellText.trueValues], falseValues: [...cellText.falseValues] };
  return {};
}
