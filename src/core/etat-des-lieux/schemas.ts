import { partnerSchema } from '../workbook/partner.ts';
import { recordChecks } from '../workbook/record-check.ts';
import { tableSchema } from '../workbook/table.ts';
import { dispositifsTable, ETAT_LAYOUT_VERSION, metaKeys, partnerRows, perimetreTable, systemesTable } from './layout.ts';

/**
 * JSON Schemas of the état des lieux's records, generated from its layout and checked by
 * src/core/workbook/record-check.ts: what must be present and well formed. Values whose reading depends on how Excel stored them are read by hand.
 */
export const metadataSchema = {
  $id: 'agora-etat-des-lieux/metadonnees',
  type: 'object',
  required: [metaKeys.layout, metaKeys.version],
  properties: {
    [metaKeys.layout]: { const: ETAT_LAYOUT_VERSION },
    [metaKeys.version]: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' },
  },
} as const;

/** Export name in the generated module → schema. */
export const etatSchemas = {
  validatePartnerRecord: partnerSchema('agora-etat-des-lieux/partenaire', partnerRows),
  validateDispositif: tableSchema('agora-etat-des-lieux/dispositif', dispositifsTable),
  validateSysteme: tableSchema('agora-etat-des-lieux/systeme', systemesTable),
  validateCouple: tableSchema('agora-etat-des-lieux/couple', perimetreTable),
  validateMetadata: metadataSchema,
} as const;

export const { validatePartnerRecord, validateDispositif, validateSysteme, validateCouple, validateMetadata } = recordChecks(etatSchemas);
