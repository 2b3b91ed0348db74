import { lheoCodesCell, lheoCorrespondence } from '../dictionary/lheo.ts';
import { allFields, indexDictionary, type Dictionary, type DictionaryIndex, type Field } from '../dictionary/model.ts';
import { dataTypeLabels, legalBasisPendingLabel } from '../dictionary/vocabulary.ts';

/**
 * A cell Excel or LibreOffice would run as a formula when the CSV opens (OWASP « CSV injection »):
 * text starting, after any spaces, with = + - @, a tab or a line end (or their full-width forms). A plain
 * number such as « -12,5 » is data and is left alone.
 */
const FORMULA_START = /^[ \u00a0]*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?$/;

/** Text that spreadsheet programs show as typed: a leading apostrophe stops formula evaluation. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * CSV as French Excel opens it without an import wizard: UTF-8 with a byte-order mark, « ; » as
 * separator, CRLF line ends, every value quoted when it holds a separator, a quote or a line end.
 * Every CSV the site writes goes through here, so no cell can run as a formula (neutraliseFormula).
 */
export function toCsv(rows: readonly (readonly (string | number | boolean | undefined)[])[]): string {
  const cell = (value: string | number | boolean | undefined) => {
    const text = value === undefined ? '' : neutraliseFormula(String(value));
    return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `\uFEFF${rows.map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}

type Cell = string | number | boolean | undefined;

/**
 * Columns for keys later versions introduced. Each appears only in the CSV of a version whose fields
 * have it, after the columns of 1.0.0: a published version's download keeps its bytes.
 */
const laterColumns: { header: string; value: (field: Field, index: DictionaryIndex) => Cell }[] = [
  { header: 'postérieure à', value: (field) => field.constraints?.notBefore },
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

export function dictionaryCsv(dictionary: Dictionary): string {
  const fields = allFields(dictionary);
  const index = indexDictionary(dictionary);
  const extra = laterColumns.filter((column) => fields.some((field) => column.value(field, index) !== undefined));
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
      ...extra.map((column) => column.value(field, index)),
    ];
  });
  return toCsv([header, ...rows]);
}
