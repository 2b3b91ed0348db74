import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parseCell } from '../../src/core/artefacts/formats/cell-text.ts';
import { entityJsonSchema } from '../../src/core/artefacts/json-schema.ts';
import { sampleRecords } from '../../src/core/artefacts/sample-extract.ts';
import { compileField } from '../../src/core/dictionary/check-value.ts';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import { indexDictionary, type Dictionary } from '../../src/core/dictionary/model.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';

const dictionary = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
const index = indexDictionary(dictionary);

/**
 * The published JSON Schema as a partner's pipeline would use it. Ajv compares `multipleOf` in floating
 * point by default (0.29 is not a multiple of 0.01 for it): a pipeline must set a precision, as here.
 */
function publishedSchema(entityId: string) {
  const ajv = new Ajv({ allErrors: true, strict: false, multipleOfPrecision: 9 });
  addFormats(ajv, { keywords: true });
  return ajv.compile(entityJsonSchema(dictionary, dictionary.entities.find((e) => e.id === entityId)!, index));
}

describe('one rule set: what the extract validator accepts, the published JSON Schema accepts', () => {
  it.each(dictionary.entities.map((entity) => [entity.id]))('sample records of « %s »', (entityId) => {
    const validate = publishedSchema(entityId);
    const entity = dictionary.entities.find((e) => e.id === entityId)!;
    for (const record of sampleRecords(dictionary, entityId, 300, 5)) {
      const typed = Object.fromEntries(entity.fields.flatMap((field) => {
        const value = parseCell(field, record[field.code] ?? '');
        return value === undefined ? [] : [[field.code, value]];
      }));
      for (const field of entity.fields) if (typed[field.code] !== undefined) expect(compileField(field, index).check(typed[field.code])).toBeUndefined();
      expect(validate(typed) ? [] : validate.errors).toEqual([]);
    }
  });

  // The other way round, on values chosen to break something: whatever the published schema refuses, the
  // rule set refuses too (it is stricter only where JSON Schema cannot speak: keys, NIR parts, blank text).
  const probes: unknown[] = ['', ' ', 'x', 'ABC', '12', '0', '1844575123456', '73282932000075', '2025-13-01', '2025-02-29', '1899-12-31', '2025-09-01', 'x'.repeat(300), 0, -1, 0.5, 1e-7, 12.345, 1e9, true, false, null, [], {}];
  it.each(dictionary.entities.map((entity) => [entity.id]))('values the JSON Schema of « %s » refuses are refused by the rule set', (entityId) => {
    const validate = publishedSchema(entityId);
    const entity = dictionary.entities.find((e) => e.id === entityId)!;
    const [record = {}] = sampleRecords(dictionary, entityId, 1, 9);
    const base = Object.fromEntries(entity.fields.flatMap((field) => {
      const value = parseCell(field, record[field.code] ?? '');
      return value === undefined ? [] : [[field.code, value]];
    }));
    const disagreements: string[] = [];
    for (const field of entity.fields) {
      const rule = compileField(field, index);
      for (const probe of probes) {
        const refusedBySchema = !validate({ ...base, [field.code]: probe }) && (validate.errors ?? []).some((error) => error.instancePath === `/${field.code}`);
        const refusedByRules = probe === null || rule.check(probe) !== undefined;
        if (refusedBySchema && !refusedByRules) disagreements.push(`${field.code} ${JSON.stringify(probe)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});

