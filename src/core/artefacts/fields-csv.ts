import { constraintKeys } from '../dictionary/constraints/index.ts';
import { lheoCodesCell, lheoCorrespondence } from '../dictionary/lheo.ts';
import { allFields, indexDictionary, type Dictionary, type DictionaryIndex, type Field } from '../dictionary/model.ts';
import { dataTypeLabels, legalBasisPendingLabel } from '../dictionary/vocabulary.ts';
import { toCsv } from './formats/csv.ts';

type Cell = string | number | boolean | undefined;

/** A column per constraint key, in the dictionary's order: those of 1.0.0 in place, later ones after the columns of 1.0.0. */
const constraintColumns = [...constraintKeys].map(([key, info]) => ({ header: info.column.header, later: info.column.later === true, value: (field: Field): Cell => (field.constraints as Record<string, Cell> | undefined)?.[key] }));
const firstConstraintColumns = constraintColumns.filter((column) => !column.later);
const laterConstraintColumns = constraintColumns.filter((column) => column.later);

/**
 * Columns for keys later versions introduced. Each appears only in the CSV of a version whose fields
 * have it, after the columns of 1.0.0: a published version's download keeps its bytes.
 */
const laterColumns: { header: string; value: (field: Field, index: DictionaryIndex) => Cell }[] = [
  ...laterConstraintColumns,
  { header: 'obligatoire quand', value: (field) => field.requiredWhen && `${field.requiredWhen.field} = ${field.requiredWhen.in.join(' | ')}` },
  { header: 'ancien code', value: (field) => field.formerly },
  { header: 'retrait prévu en version', value: (field) => field.until },
  { header: 'élément LHÉO', value: (field) => field.lheo },
  { header: 'précision LHÉO', value: (field) => field.lheoNote },
  {
    header: 'codes LHÉO correspondants',
    value: (field, index) => {
      const nomenclature = field.lheo ? lheoCorrespondence(field, index) : undefined;
      return nomenclature?.lheo && `table ${nomenclature.lheo.dictionary} : ${lheoCodesCell(nomenclature)}`;
    },
  },
  { header: 'base légale', value: (field) => field.legalBasis && legalBasisPendingLabel },
];

/** The download « Liste des champs » : one line per field of the version, as Excel opens it. */
export function dictionaryCsv(dictionary: Dictionary): string {
  const fields = allFields(dictionary);
  const index = indexDictionary(dictionary);
  const extra = laterColumns.filter((column) => fields.some((field) => column.value(field, index) !== undefined));
  const entities = new Map(dictionary.entities.map((entity) => [entity.id, entity.label]));
  const header = ['code', 'libellé', 'entité', 'définition', 'type', 'obligation', 'condition', 'données personnelles', 'sensibilité', 'nomenclature', 'référentiel', ...firstConstraintColumns.map((column) => column.header), 'exemple', 'depuis la version', ...extra.map((column) => column.header)];
  const rows = fields.map((field): Cell[] => {
    const binding = field.binding;
    return [
      field.code,
      field.label,
      entities.get(field.entity),
      field.definition,
      dataTypeLabels[field.type],
      field.obligation,
      field.condition,
      field.personalData ? 'oui' : 'non',
      field.personalData ? (field.sensitivity ?? 'normale') : undefined,
      binding && 'nomenclature' in binding ? binding.nomenclature : undefined,
      binding && 'referential' in binding ? binding.referential : undefined,
      ...firstConstraintColumns.map((column) => column.value(field)),
      field.example,
      field.since,
      ...extra.map((column) => column.value(field, index)),
    ];
  });
  return toCsv([header, ...rows]);
}
