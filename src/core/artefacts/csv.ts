import { allFields, type Dictionary, type Field } from '../dictionary/model.ts';
import { dataTypeLabels } from '../dictionary/vocabulary.ts';

/**
 * CSV as French Excel opens it without an import wizard: UTF-8 with a byte-order mark, « ; » as
 * separator, CRLF line ends, every value quoted when it holds a separator, a quote or a line end.
 */
export function toCsv(rows: readonly (readonly (string | number | boolean | undefined)[])[]): string {
  const cell = (value: string | number | boolean | undefined) => {
    const text = value === undefined ? '' : String(value);
    return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `\uFEFF${rows.map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}

type Cell = string | number | boolean | undefined;

/**
 * Columns for keys later versions introduced. Each appears only in the CSV of a version whose fields
 * have it, after the columns of 1.0.0: a published version's download keeps its bytes.
 */
const laterColumns: { header: string; value: (field: Field) => Cell }[] = [
  { header: 'postérieure à', value: (field) => field.constraints?.notBefore },
  { header: 'obligatoire quand', value: (field) => field.requiredWhen && `${field.requiredWhen.field} = ${field.requiredWhen.in.join(' | ')}` },
  { header: 'ancien code', value: (field) => field.formerly },
  { header: 'retrait prévu en version', value: (field) => field.until },
  { header: 'élément LHÉO', value: (field) => field.lheo },
];

export function dictionaryCsv(dictionary: Dictionary): string {
  const fields = allFields(dictionary);
  const extra = laterColumns.filter((column) => fields.some((field) => column.value(field) !== undefined));
  const entities = new Map(dictionary.entities.map((entity) => [entity.id, entity.label]));
  const header = ['code', 'libellé', 'entité', 'définition', 'type', 'obligation', 'condition', 'données personnelles', 'sensibilité', 'nomenclature', 'référentiel', 'longueur min', 'longueur max', 'motif', 'min', 'max', 'décimales', 'exemple', 'depuis la version', ...extra.map((column) => column.header)];
  const rows = fields.map((field): Cell[] => {
    const c = field.constraints ?? {};
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
      c.minLength,
      c.maxLength,
      c.pattern,
      c.min,
      c.max,
      c.decimals,
      field.example,
      field.since,
      ...extra.map((column) => column.value(field)),
    ];
  });
  return toCsv([header, ...rows]);
}
