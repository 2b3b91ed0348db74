import { partnerSchema } from '../workbook/partner.ts';
import { recordChecks } from '../workbook/record-check.ts';
import { KIT_LAYOUT_VERSION, metaKeys, pairColumns, partnerRows } from './layout.ts';

/**
 * JSON Schemas of the kit's records, generated from the layout and checked by src/core/workbook/record-check.ts,
 * which interprets them without generating code: the same checks in the browser, a Worker and Node. What depends on how Excel stored a value (a SIRET
 * turned into a number, a list value typed by hand, a date serial) is checked by hand (workbook/values.ts):
 * the records hold the cells' text, and the schemas say what must be present and well formed.
 */

const text = { type: 'string', minLength: 1 } as const;

/** « Partenaire »: one record, keyed as layout.partnerRows, holding the text of each answered cell. */
export const partnerRecordSchema = partnerSchema('agora-kit/partenaire', partnerRows);

/** One row of « Dispositifs » with some content: a pair is a dispositif and the SI that holds its data. */
export const pairRowSchema = {
  $id: 'agora-kit/couple',
  type: 'object',
  required: ['dispositif', 'si'],
  properties: Object.fromEntries(pairColumns.filter((column) => !column.prefilled).map((column) => [column.key, text])),
  additionalProperties: false,
} as const;

/** The very hidden metadata sheet, as key → value: which layout, which dictionary, which field list. */
export const metadataSchema = {
  $id: 'agora-kit/metadonnees',
  type: 'object',
  required: [metaKeys.layout, metaKeys.version, metaKeys.fingerprint],
  properties: {
    [metaKeys.layout]: { const: KIT_LAYOUT_VERSION },
    [metaKeys.version]: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' },
    [metaKeys.fingerprint]: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  },
} as const;

/** Export name in the generated module → schema. */
export const kitSchemas = {
  validatePartnerRecord: partnerRecordSchema,
  validatePairRow: pairRowSchema,
  validateMetadata: metadataSchema,
} as const;

export const { validatePartnerRecord, validatePairRow, validateMetadata } = recordChecks(kitSchemas);
