import { allFields, type Dictionary } from '../dictionary/model.ts';
import { sha256Hex } from '../workbook/fingerprint.ts';

/** Identifies the pre-filled field rows of a template: same dictionary content, same fingerprint. */
export function fieldListFingerprint(dictionary: Dictionary): Promise<string> {
  return sha256Hex(allFields(dictionary).map((field) => `${field.code}|${field.label}|${field.entity}|${field.obligation}`).join('\n'));
}
