import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { dictionaryCsv } from '../../src/core/artefacts/fields-csv.ts';
import { entityJsonSchema } from '../../src/core/artefacts/json-schema.ts';
import { loadRepository } from '../../src/core/dictionary/repository.ts';
import type { Dictionary, Entity } from '../../src/core/dictionary/model.ts';
import { readRepositoryFiles } from '../../src/node/releases.ts';

const { repository } = loadRepository(readRepositoryFiles(process.cwd()));
const version = (number: string) => repository?.published.find(({ dictionary }) => dictionary.manifest.version === number)?.dictionary as Dictionary;
const header = (dictionary: Dictionary) => dictionaryCsv(dictionary).slice(1).split('\r\n')[0]?.split(';') ?? [];
const exampleRecord = (entity: Entity): Record<string, unknown> => Object.fromEntries(entity.fields.map((field) => [field.code, field.example]));

describe('downloads of versions that carry later keys', () => {
  it('add CSV columns only for the keys a version has, after those of 1.0.0', () => {
    const base = header(version('1.0.0'));
    expect(base).toHaveLength(19);
    expect(header(version('1.1.0'))).toEqual([...base, 'postérieure à', 'obligatoire quand', 'retrait prévu en version', 'élément LHÉO']);
    expect(header(version('2.0.0'))).toEqual([...base, 'postérieure à', 'obligatoire quand', 'ancien code', 'élément LHÉO']);
    const line = dictionaryCsv(version('2.0.0')).split('\r\n').find((row) => row.startsWith('DOS_DATE_REPRISE;'));
    expect(line?.split(';').slice(-4)).toEqual(['DOS_DATE_DEBUT_INTERRUPTION', '', 'DOS_DATE_FIN_INTERRUPTION', '']);
  });

  it('write checkable conditions into the JSON Schema, which strict Ajv compiles for every version', () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    for (const { dictionary } of repository?.published ?? []) {
      for (const entity of dictionary.entities) expect(ajv.validateSchema(entityJsonSchema(dictionary, entity)), `${dictionary.manifest.version} ${entity.id}`).toBe(true);
    }
    const dictionary = version('1.1.0');
    const titulaire = dictionary.entities.find((entity) => entity.id === 'titulaire') as Entity;
    const validate = ajv.compile(entityJsonSchema(dictionary, titulaire));
    const withoutId: Record<string, unknown> = { ...exampleRecord(titulaire), TIT_STATUT_ENTREE: 'DE_INSCRIT' };
    delete withoutId['TIT_ID_FRANCE_TRAVAIL'];
    expect(validate({ ...withoutId, TIT_ID_FRANCE_TRAVAIL: '1234567A' })).toBe(true);
    expect(validate(withoutId)).toBe(false);
    expect(validate.errors?.map((error) => `${error.keyword} ${JSON.stringify(error.params)}`)).toContain('required {"missingProperty":"TIT_ID_FRANCE_TRAVAIL"}');
    expect(validate({ ...withoutId, TIT_STATUT_ENTREE: 'ETUDIANT' })).toBe(true);
  });
});
