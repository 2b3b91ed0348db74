import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import localize from 'ajv-i18n/localize/fr/index.js';
import { describe, expect, it } from 'vitest';
import { dictionaryCsv } from '../../src/core/artefacts/fields-csv.ts';
import { toCsv } from '../../src/core/artefacts/formats/csv.ts';
import { entityJsonSchema } from '../../src/core/artefacts/json-schema.ts';
import { dictionaryArtefacts } from '../../src/core/artefacts/registry.ts';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import { allFields, type Dictionary, type Entity } from '../../src/core/dictionary/model.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';

const load = (root: string) => loadDictionary(readDictionaryFiles(root)).dictionary as Dictionary;
const shipped = load(process.cwd());
const small = load('tests/fixtures/dictionary/valid');

function validator(dictionary: Dictionary, entity: Entity) {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(entityJsonSchema(dictionary, entity));
}

const exampleRecord = (entity: Entity) => Object.fromEntries(entity.fields.map((field) => [field.code, field.example]));

describe('JSON Schema of an entity record', () => {
  it.each(shipped.entities.map((entity) => [entity.id, entity] as const))('accepts the record made of the examples of « %s »', (_, entity) => {
    const validate = validator(shipped, entity);
    expect(validate(exampleRecord(entity)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects wrong types, codes outside the nomenclature, formats, missing and unknown properties — in French', () => {
    const entity = small.entities[0] as Entity;
    const validate = validator(small, entity);
    const record = { PER_NOM: 42, PER_SEXE: '3', PER_EMPLOYEUR: '7328293200007', PER_NAISSANCE: '1890-01-01', PER_AGE: 3 };
    expect(validate(record)).toBe(false);
    localize(validate.errors);
    expect(validate.errors?.map((error) => `${error.instancePath || '/'} ${error.message}`)).toMatchInlineSnapshot(`
      [
        "/ ne doit pas contenir de propriétés additionnelles",
        "/PER_NOM doit être de type string",
        "/PER_SEXE doit être égal à une des valeurs prédéfinies",
        "/PER_EMPLOYEUR doit correspondre au format "^\\d{14}$"",
        "/PER_NAISSANCE doit être >= 1900-01-01",
      ]
    `);
    const { PER_NAISSANCE: _, ...missing } = exampleRecord(entity);
    expect(validate(missing)).toBe(false);
  });

  it('identifies each schema by dictionary version and entity, in draft-07', () => {
    const schema = entityJsonSchema(shipped, shipped.entities[0] as Entity);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe(`urn:agora:dictionnaire:${shipped.manifest.version}:${shipped.entities[0]?.id}`);
  });
});

describe('CSV of the dictionary', () => {
  const csv = dictionaryCsv(small);

  it('opens right in French Excel: UTF-8 BOM, « ; » separator, CRLF, quoted when needed', () => {
    expect(csv.startsWith('\uFEFFcode;libellé;entité;')).toBe(true);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(allFields(small).length + 1);
    expect(csv).toMatchInlineSnapshot(`
      "﻿code;libellé;entité;définition;type;obligation;condition;données personnelles;sensibilité;nomenclature;référentiel;longueur min;longueur max;motif;min;max;décimales;exemple;depuis la version
      PER_NOM;Nom;Personne;Nom de famille.;texte;obligatoire;;oui;normale;;;1;100;;;;;Martin;1.0.0
      PER_SEXE;Sexe;Personne;Sexe à l’état civil.;code;facultative;;oui;normale;sexe;;;;;;;;2;1.0.0
      PER_EMPLOYEUR;SIRET de l’employeur;Personne;Établissement employeur.;code;conditionnelle;Lorsque la personne est salariée.;non;;;siret;;;;;;;73282932000074;1.0.0
      PER_NAISSANCE;Date de naissance;Personne;Date de naissance.;date;obligatoire;;oui;normale;;;;;;1900-01-01;;;1990-05-17;1.0.0
      "
    `);
  });

  it('quotes cells holding the separator, quotes or line breaks', () => {
    expect(toCsv([['a;b', 'dit "oui"', 'deux\nlignes', 3, undefined]])).toBe('\uFEFF"a;b";"dit ""oui""";"deux\nlignes";3;\r\n');
  });

  it('has one line per field of the shipped dictionary', () => {
    const lines = dictionaryCsv(shipped).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(allFields(shipped).length + 1);
  });
});

describe('artefact registry', () => {
  it('gives every artefact a distinct path per alias', async () => {
    const artefacts = dictionaryArtefacts(shipped);
    const paths = artefacts.map((artefact) => artefact.path('latest'));
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toEqual(expect.arrayContaining(['dictionnaire-agora-latest.json', 'dictionnaire-agora-latest.csv', 'schemas/titulaire.schema.json']));
    const json = JSON.parse(String(await artefacts[0]?.build(shipped))) as Dictionary;
    expect(json.manifest.version).toBe(shipped.manifest.version);
    expect(allFields(json)).toHaveLength(allFields(shipped).length);
  });
});
