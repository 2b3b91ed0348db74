import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { describe, expect, it } from 'vitest';
import { etatSchemas } from '../../src/core/etat-des-lieux/schemas.ts';
import { kitSchemas } from '../../src/core/kit/schemas.ts';
import { EMAIL, recordCheck, type RecordSchema } from '../../src/core/workbook/record-check.ts';

/** Ajv as the kit used it when it compiled the schemas at build time: the reference the interpreter keeps to. */
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv, ['email']);

/** Every keyword the interpreter knows, whatever the workbooks use today. */
const sample = {
  $id: 'essai',
  type: 'object',
  required: ['nom', 'courriel'],
  properties: { nom: { type: 'string', minLength: 1 }, courriel: { type: 'string', format: 'email' }, modele: { const: 'kit-diagnostic/1' }, version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' } },
  additionalProperties: false,
} as const satisfies RecordSchema;

const workbooks: Record<string, Record<string, RecordSchema>> = { kit: kitSchemas, 'état des lieux': etatSchemas, essai: { validateEssai: sample } };

const emails = ['c.martin@exemple.fr', 'camille.martin@exemple', 'c martin@exemple.fr', 'c.martin@@exemple.fr', 'c..martin@exemple.fr', '.c@exemple.fr', 'c@-exemple.fr', 'C.MARTIN@EXEMPLE.FR', 'c+agora@sous.exemple.fr', 'é@exemple.fr', ''];
const texts = ['Région Exemple', '', ' ', '1.0.0', 'v1', '1.0', '1.0.0.0', 'a'.repeat(64), 'A'.repeat(64), 'a'.repeat(63), 'kit-1', '😀'];

/** Records around one schema: valid, each required cell missing, each cell given every probe value, a foreign key, a non-string, not a record. */
function probes(schema: RecordSchema): unknown[] {
  const valid: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties)) {
    if ('const' in property) valid[key] = property.const;
    else if (property.format === 'email') valid[key] = 'c.martin@exemple.fr';
    else if (property.pattern?.includes('64')) valid[key] = 'a'.repeat(64);
    else if (property.pattern) valid[key] = '1.0.0';
    else valid[key] = 'Valeur';
  }
  const records: unknown[] = [valid, {}, null, 'texte', [valid], { ...valid, colonne_ajoutee: 'x' }];
  for (const key of Object.keys(schema.properties)) {
    const { [key]: _, ...without } = valid;
    records.push(without, { ...valid, [key]: undefined }, { ...valid, [key]: 12 }, { ...valid, [key]: null });
    for (const value of [...texts, ...emails]) records.push({ ...valid, [key]: value });
  }
  records.push(Object.fromEntries(Object.keys(schema.properties).map((key) => [key, ''])));
  return records;
}

describe('the record checks of partner workbooks, interpreted without generated code', () => {
  it('use the e-mail form Ajv applied', () => {
    expect(EMAIL.source).toBe((fullFormats.email as RegExp).source);
    expect(EMAIL.flags).toBe((fullFormats.email as RegExp).flags);
  });

  const keywordsSeen = new Set<string>();
  for (const [workbook, schemas] of Object.entries(workbooks)) {
    for (const [name, schema] of Object.entries(schemas)) {
      it(`${workbook}, ${name}: the same verdict and the same errors, in the same order, as Ajv`, () => {
        const reference = ajv.getSchema(schema.$id) ?? ajv.compile(schema);
        const ours = recordCheck(schema);
        const records = probes(schema);
        let invalid = 0;
        for (const record of records) {
          const expected = reference(record);
          expect(ours(record), JSON.stringify(record)).toBe(expected);
          const shape = (errors: { keyword: string; instancePath: string; params: unknown }[] | null | undefined) => (errors ?? []).map(({ keyword, instancePath, params }) => ({ keyword, instancePath, params }));
          expect(shape(ours.errors), JSON.stringify(record)).toEqual(shape(reference.errors));
          if (!expected) invalid += 1;
          for (const error of reference.errors ?? []) keywordsSeen.add(error.keyword);
        }
        expect(invalid).toBeGreaterThan(0);
        expect(invalid).toBeLessThan(records.length);
      });
    }
  }

  it('the probes reach every keyword the schemas use', () => {
    const used = new Set<string>(['type', 'required', 'format', 'const', 'pattern', 'minLength', 'additionalProperties']);
    for (const schemas of Object.values(workbooks)) {
      for (const schema of Object.values(schemas)) {
        if (schema.additionalProperties === false) used.add('additionalProperties');
        for (const property of Object.values(schema.properties)) for (const keyword of Object.keys(property)) if (keyword !== 'type') used.add(keyword);
      }
    }
    expect([...keywordsSeen].sort()).toEqual([...used].sort());
  });

  it('every error at once: missing cells, the e-mail form, a fixed value, a pattern', () => {
    const validate = recordCheck(sample);
    expect(validate({ nom: 'C. Martin', courriel: 'c.martin@exemple.fr', modele: 'kit-diagnostic/1', version: '1.0.0' })).toBe(true);
    expect(validate.errors).toBeNull();
    expect(validate({ courriel: 'c.martin-exemple.fr', modele: 'mon-modele', version: 'v1', autre: 'x' })).toBe(false);
    expect(validate.errors?.map((e) => [e.keyword, e.instancePath, e.params])).toEqual([
      ['required', '', { missingProperty: 'nom' }],
      ['additionalProperties', '', { additionalProperty: 'autre' }],
      ['format', '/courriel', { format: 'email' }],
      ['const', '/modele', { allowedValue: 'kit-diagnostic/1' }],
      ['pattern', '/version', { pattern: '^\\d+\\.\\d+\\.\\d+$' }],
    ]);
  });
});
