import { allFields, type Dictionary } from '../dictionary/model.ts';
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

export function dictionaryCsv(dictionary: Dictionary): string {
  const entities = new Map(dictionary.entities.map((entity) => [entity.id, entity.label]));
  const header = ['code', 'libellé', 'entité', 'définition', 'type', 'obligation', 'condition', 'données personnelles', 'sensibilité', 'nomenclature', 'référentiel', 'longueur min', 'longueur max', 'motif', 'min', 'max', 'décimales', 'exemple', 'depuis la version'];
  const rows = allFields(dictionary).map((field) => {
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
    ];
  });
  return toCsv([header, ...rows]);
}
