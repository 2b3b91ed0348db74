import { Readable } from 'node:stream';
import * as XLSX from '@e965/xlsx';
import { Field as TableField, Schema, Table, type TableSchemaError } from 'tableschema';
import { describe, expect, it } from 'vitest';
import { cellText, parseCell } from '../../src/core/artefacts/formats/cell-text.ts';
import { toCsv } from '../../src/core/artefacts/formats/csv.ts';
import { dictionaryArtefacts } from '../../src/core/artefacts/registry.ts';
import { sampleCsv, SAMPLE_ROWS } from '../../src/core/artefacts/sample-files.ts';
import { entityTableSchema } from '../../src/core/artefacts/table-schema.ts';
import { checkRecords, checkValue, compileEntity } from '../../src/core/dictionary/check-value.ts';
import { indexDictionary, type Dictionary, type Entity, type Field } from '../../src/core/dictionary/model.ts';
import { frenchTypography } from '../../src/core/typography.ts';
import { readRepository } from '../../src/node/releases.ts';

/** Every published version, newest first, and the working copy when it is a draft. */
const { repository } = readRepository(process.cwd());
const versions = [...(repository?.draft ? [repository.draft] : []), ...(repository?.published ?? []).map((p) => p.dictionary)];
/** Dictionary 1.0.0, frozen: the planted errors and pinned texts below are about its content. */
const shipped = versions.find((d) => d.manifest.version === '1.0.0') as Dictionary;

/** The shipped dictionary with the record rules of CONTRACTS.md, as a later version carries them. */
function withRecordRules(): Dictionary {
  const copy = structuredClone(shipped);
  const entity = (id: string) => copy.entities.find((e) => e.id === id) as Entity;
  const field = (code: string) => copy.entities.flatMap((e) => e.fields).find((f) => f.code === code) as Field;
  Object.assign(entity('titulaire'), { key: ['TIT_IDENTIFIANT'] });
  Object.assign(entity('dossier'), { key: ['DOS_IDENTIFIANT'] });
  Object.assign(entity('session'), { key: ['SES_IDENTIFIANT_ACTION', 'SES_DATE_DEBUT'] });
  Object.assign(field('DOS_DATE_SORTIE'), { constraints: { notBefore: 'DOS_DATE_ENTREE' } });
  Object.assign(field('DOS_MOTIF_SORTIE'), { requiredWhen: { field: 'DOS_STATUT', in: ['SORTI'] } });
  return copy;
}
const ruled = withRecordRules();

/** The published files of a version, as the site serves them. */
async function published(dictionary: Dictionary, path: string): Promise<string> {
  const artefact = dictionaryArtefacts(dictionary).find((a) => a.path(dictionary.manifest.version) === path);
  if (!artefact) throw new Error(`${path} n’est pas publié`);
  const body = await artefact.build(dictionary);
  return typeof body === 'string' ? body : Buffer.from(body).toString('base64');
}

interface Verdict {
  headers: string[];
  rows: number;
  errors: string[];
}

/** What Frictionless' own library says of a CSV (the file's bytes, BOM included) against a Table Schema. */
async function tableschemaVerdict(csv: string, descriptor: object): Promise<Verdict> {
  const table = await Table.load(() => Readable.from([Buffer.from(csv, 'utf8')]), { schema: descriptor, delimiter: ';', bom: true });
  const verdict: Verdict = { headers: [], rows: 0, errors: [] };
  const rows = (await table.iter({ forceCast: true, extended: true })) as unknown as AsyncIterable<unknown>;
  for await (const row of rows) {
    if (!(row instanceof Error)) {
      verdict.rows += 1;
      continue;
    }
    const error = row as TableSchemaError;
    for (const e of error.errors.length > 0 ? error.errors : [error]) verdict.errors.push(`ligne ${e.rowNumber ?? error.rowNumber}${e.columnNumber ? ` colonne ${e.columnNumber}` : ''} : ${e.message}`);
  }
  verdict.headers = table.headers;
  return verdict;
}

/** Whether tableschema accepts one cell of a field, constraints included. */
function tableschemaAccepts(descriptor: object, text: string): boolean {
  try {
    // The library's typings name its second argument wrongly: it takes { missingValues }.
    new TableField(descriptor, { missingValues: [''] } as unknown as string[]).castValue(text, true);
    return true;
  } catch {
    return false;
  }
}

/** Whether our checks accept one cell: read as the validators read it, empty only when optional. */
function oursAccept(dictionary: Dictionary, field: Field, text: string): boolean {
  return text === '' ? field.obligation !== 'obligatoire' : checkValue(field, parseCell(field, text), indexDictionary(dictionary)).length === 0;
}

const fieldDescriptor = (dictionary: Dictionary, field: Field) =>
  (entityTableSchema(dictionary, dictionary.entities.find((e) => e.id === field.entity) as Entity).fields as { name: string }[]).find((d) => d.name === field.code) as object;

describe('Table Schema of an entity', () => {
  const entities = [...versions, ruled].flatMap((dictionary) =>
    dictionary.entities.map((entity) => [`${entity.id} ${dictionary.manifest.version}${dictionary === ruled ? ' (avec clé et règles ajoutées)' : ''}`, dictionary, entity] as const),
  );

  it.each(entities)('is a valid Table Schema descriptor: %s', async (_, dictionary, entity) => {
    const schema = await Schema.load(entityTableSchema(dictionary, entity));
    expect(schema.errors).toEqual([]);
    expect(schema.valid).toBe(true);
    expect(schema.fieldNames).toEqual(entity.fields.map((field) => field.code));
  });

  it.each(entities)('accepts the published sample extract, as published: %s', async (_, dictionary, entity) => {
    const descriptor = JSON.parse(await published(dictionary, `schemas/${entity.id}.tableschema.json`)) as object;
    const csv = await published(dictionary, `exemples/${entity.id}.csv`);
    expect(await tableschemaVerdict(csv, descriptor)).toEqual({ headers: entity.fields.map((field) => field.code), rows: SAMPLE_ROWS, errors: [] });
  });

  it.each(entities)('accepts the Excel sample, which holds the same records typed: %s', async (_, dictionary, entity) => {
    const workbook = XLSX.read(Buffer.from(await published(dictionary, `exemples/${entity.id}.xlsx`), 'base64'), { cellDates: true });
    const sheet = workbook.Sheets[workbook.SheetNames[0] as string] as XLSX.WorkSheet;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, defval: '' });
    // Codes stay text (leading zeros kept), numbers and dates are typed cells.
    const asText = rows.map((row) => row.map((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'number' ? String(value).replace('.', ',') : String(value))));
    expect(toCsv(asText)).toBe(sampleCsv(dictionary, entity));
    const types = new Set(rows.slice(1).flatMap((row) => row.map((value) => (value instanceof Date ? 'date' : typeof value))));
    expect([...types].sort()).toEqual(entity.fields.some((f) => f.type === 'date') ? expect.arrayContaining(['date', 'string']) : expect.arrayContaining(['string']));
    const header = sheet.A1 as XLSX.CellObject;
    expect(header.v).toBe(entity.fields[0]?.code);
  });

  it('says what it is, in the metadata schema.data.gouv.fr reads, and no address of the host that serves it', async () => {
    const entity = ruled.entities.find((e) => e.id === 'titulaire') as Entity;
    const { fields, description, ...metadata } = JSON.parse(await published(ruled, 'schemas/titulaire.tableschema.json')) as Record<string, unknown>;
    expect(metadata).toMatchInlineSnapshot(`
      {
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "countryCode": "FR",
        "created": "2026-11-25",
        "lastModified": "2026-11-25",
        "missingValues": [
          "",
        ],
        "name": "agora-titulaire",
        "primaryKey": [
          "TIT_IDENTIFIANT",
        ],
        "sources": [
          {
            "title": "Article L. 6353-10 du code du travail",
          },
          {
            "title": "Décret n° 2017-772 du 4 mai 2017 relatif au traitement automatisé de données à caractère personnel dénommé « Système d’information du compte personnel de formation »",
          },
        ],
        "title": "Titulaire — dictionnaire des données AGORA 1.0.0",
        "version": "1.0.0",
      }
    `);
    expect(description).toContain(frenchTypography(entity.description));
  });

  it('states in French the rules Table Schema cannot express, where a reader looks for them', () => {
    const dossier = entityTableSchema(ruled, ruled.entities.find((e) => e.id === 'dossier') as Entity);
    expect(String(dossier.description).split('\n\n').slice(1).join('\n\n')).toMatchInlineSnapshot(`
      "Un extrait CSV en UTF-8 a une ligne d’en-tête portant les codes des champs ; une cellule vide est une valeur absente. Les nombres décimaux s’écrivent avec une virgule (« 12,5 ») ou un point, les booléens « oui » ou « non », les dates au format AAAA-MM-JJ.

      Règles que Table Schema ne sait pas exprimer, vérifiées par les validateurs du portail partenaires AGORA :

      - DOS_HEURES_PREVUES : 2 décimales au plus.
      - DOS_DATE_SORTIE : date égale ou postérieure à DOS_DATE_ENTREE quand les deux sont renseignées.
      - DOS_MOTIF_SORTIE : obligatoire quand DOS_STATUT vaut SORTI.
      - DOS_HEURES_REALISEES : 2 décimales au plus.
      - DOS_HEURES_ENTREPRISE_REALISEES : 2 décimales au plus."
    `);
    const fields = dossier.fields as { name: string; description: string }[];
    expect(fields.find((f) => f.name === 'DOS_MOTIF_SORTIE')?.description).toMatchInlineSnapshot(
      `"Raison de la sortie de formation. Le motif « SANTE » est une donnée relative à la santé. Conditionnelle : obligatoire dès que le titulaire a quitté la formation. Vérifié par les validateurs du portail, pas par ce schéma : obligatoire quand DOS_STATUT vaut SORTI."`,
    );
    const withdrawn = structuredClone(shipped);
    const nomUsage = withdrawn.entities.flatMap((e) => e.fields).find((f) => f.code === 'TIT_NOM_USAGE') as Field;
    Object.assign(nomUsage, { until: '2.0.0' });
    expect(String((fieldDescriptor(withdrawn, nomUsage) as { description: string }).description)).toMatch(/Facultative\. Champ retiré à partir de la version 2\.0\.0\.$/);
    // A published version's renames and conditions read as a partner would say them.
    const v2 = versions.find((d) => d.manifest.version === '2.0.0') as Dictionary;
    const dossier2 = entityTableSchema(v2, v2.entities.find((e) => e.id === 'dossier') as Entity);
    expect(String(dossier2.description)).toContain(frenchTypography('- DOS_DATE_ENTREE : obligatoire quand DOS_STATUT vaut EN_FORMATION, INTERROMPU ou SORTI.'));
    expect((dossier2.fields as { name: string; description: string }[]).find((f) => f.name === 'DOS_DATE_REPRISE')?.description).toContain(frenchTypography('Code dans les versions précédentes : DOS_DATE_FIN_INTERRUPTION.'));
    const organisme = entityTableSchema(shipped, shipped.entities.find((e) => e.id === 'organisme') as Entity);
    expect(String(organisme.description)).toContain(frenchTypography('- ORG_SIRET : clé de contrôle du code SIRET.\n- ORG_UAI : clé de contrôle du code UAI.'));
  });
});

/** One bad value per kind, each at its own row of the titulaire sample (row 1 is the header). */
const planted = [
  { kind: 'motif', row: 2, code: 'TIT_TELEPHONE', value: '06 12 34 56 78' },
  { kind: 'motif du référentiel', row: 3, code: 'TIT_NIR', value: '1851375123456' },
  { kind: 'liste de codes', row: 4, code: 'TIT_SEXE', value: 'F' },
  { kind: 'longueur', row: 5, code: 'TIT_NOM_NAISSANCE', value: 'M'.repeat(101) },
  { kind: 'borne', row: 6, code: 'TIT_DATE_NAISSANCE', value: '1899-12-31' },
  { kind: 'type (booléen)', row: 7, code: 'TIT_QPV', value: 'peut-être' },
  { kind: 'type (date)', row: 8, code: 'TIT_DATE_INSCRIPTION_DE', value: '2025-02-30' },
  { kind: 'obligatoire', row: 9, code: 'TIT_PRENOMS', value: '' },
] as const;
/** A value Table Schema cannot check: a SIRET whose Luhn key is wrong. */
const checksum = { row: 10, code: 'TIT_SIRET_EMPLOYEUR', value: '73282932000075' };
/** And the key of row 12 again at row 13 (a row with another error would not count in the key check). */
const duplicate = { row: 13, of: 12 };

describe('a sample extract with planted errors', () => {
  const entity = ruled.entities.find((e) => e.id === 'titulaire') as Entity;
  const codes = entity.fields.map((field) => field.code);
  const rows = sampleCsv(ruled, entity).replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((line) => line.split(';'));
  const set = (row: number, code: string, value: string) => ((rows[row - 1] as string[])[codes.indexOf(code)] = value);
  for (const { row, code, value } of planted) set(row, code, value);
  set(checksum.row, checksum.code, checksum.value);
  set(duplicate.row, 'TIT_IDENTIFIANT', (rows[duplicate.of - 1] as string[])[codes.indexOf('TIT_IDENTIFIANT')] as string);
  const csv = toCsv(rows);

  it('fails against the published Table Schema, each error at its row and column and nothing else', async () => {
    const { errors } = await tableschemaVerdict(csv, entityTableSchema(ruled, entity));
    expect(errors).toMatchInlineSnapshot(`
      [
        "ligne 2 colonne 17 : The value "06 12 34 56 78" does not conform to the "pattern" constraint for column "TIT_TELEPHONE"",
        "ligne 3 colonne 2 : The value "1851375123456" does not conform to the "pattern" constraint for column "TIT_NIR"",
        "ligne 4 colonne 6 : The value "F" does not conform to the "enum" constraint for column "TIT_SEXE"",
        "ligne 5 colonne 3 : The value "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM" does not conform to the "maxLength" constraint for column "TIT_NOM_NAISSANCE"",
        "ligne 6 colonne 7 : The value "1899-12-31" does not conform to the "minimum" constraint for column "TIT_DATE_NAISSANCE"",
        "ligne 7 colonne 15 : The value "peut-être" in column "TIT_QPV" is not type "boolean" and format "default"",
        "ligne 8 colonne 20 : The value "2025-02-30" in column "TIT_DATE_INSCRIPTION_DE" is not type "date" and format "default"",
        "ligne 9 colonne 5 : The value "null" does not conform to the "required" constraint for column "TIT_PRENOMS"",
        "ligne 13 : Row 13 has an unique constraint violation in column "TIT_IDENTIFIANT"",
      ]
    `);
  });

  const field = (code: string) => entity.fields.find((f) => f.code === code) as Field;
  const verdict = (code: string, value: string) => [oursAccept(ruled, field(code), value), tableschemaAccepts(fieldDescriptor(ruled, field(code)), value)];

  it('fails our record checks at the same places, plus the check key only they see', async () => {
    const typed = rows.slice(1).map((row) => Object.fromEntries(entity.fields.map((f, i) => [f.code, parseCell(f, row[i] ?? '')])));
    const ours = checkRecords(compileEntity(entity, indexDictionary(ruled)), typed).map(({ record, field: code, issue }) => `ligne ${record + 2} ${code} ${issue.rule}`);
    expect(ours).toMatchInlineSnapshot(`
      [
        "ligne 2 TIT_TELEPHONE value.pattern",
        "ligne 3 TIT_NIR nir.month",
        "ligne 4 TIT_SEXE value.nomenclature",
        "ligne 5 TIT_NOM_NAISSANCE value.length",
        "ligne 6 TIT_DATE_NAISSANCE value.range",
        "ligne 7 TIT_QPV value.type",
        "ligne 8 TIT_DATE_INSCRIPTION_DE value.date",
        "ligne 9 TIT_PRENOMS record.required",
        "ligne 10 TIT_SIRET_EMPLOYEUR siret.key",
        "ligne 13 TIT_IDENTIFIANT record.duplicate-key",
      ]
    `);
    const { errors } = await tableschemaVerdict(csv, entityTableSchema(ruled, entity));
    // Same row and same field, whoever reports it.
    const theirs = errors.map((line) => `${line.split(' ').slice(0, 2).join(' ')} ${/column "([^"]+)"/.exec(line)?.[1]}`);
    const byRow = (a: string, b: string) => Number(a.split(' ')[1]) - Number(b.split(' ')[1]);
    expect(ours.map((line) => line.split(' ').slice(0, 3).join(' '))).toEqual([...theirs, `ligne ${checksum.row} ${checksum.code}`].sort(byRow));
  });

  it.each(planted)('is rejected by our checks too: $kind ($code)', ({ code, value }) => {
    expect(verdict(code, value)).toEqual([false, false]);
  });

  it('holds a checksum error only our checks see, as the schema says', () => {
    expect(verdict(checksum.code, checksum.value)).toEqual([false, true]);
    expect(String(entityTableSchema(ruled, entity).description)).toContain(frenchTypography(`- ${checksum.code} : clé de contrôle du code SIRET.`));
  });
});

describe('our checks and tableschema read a cell alike', () => {
  const field = (code: string) => shipped.entities.flatMap((e) => e.fields).find((f) => f.code === code) as Field;
  const verdicts = (code: string, values: readonly string[]) =>
    values.map((value) => {
      const ours = oursAccept(shipped, field(code), value);
      const theirs = tableschemaAccepts(fieldDescriptor(shipped, field(code)), value);
      return `${JSON.stringify(value)} ${ours === theirs ? (ours ? 'accepté' : 'refusé') : `DÉSACCORD (nous : ${ours}, tableschema : ${theirs})`}`;
    });

  it.each([
    ['FIN_MONTANT_PRIS_EN_CHARGE', ['6125,5', '6125.5', '1 234,50', '0', '-1', 'douze', '12,5 €', '1.234,5', '']],
    ['SES_EFFECTIF_PREVU', ['15', '0', '-2', '015', '+3', '1 500', '15,0', '']],
    ['ORG_QUALIOPI', [...cellText.trueValues, ...cellText.falseValues, 'O', 'N', 'peut-être', '']],
    ['DOS_DATE_ENTREE', ['2025-09-01', '2024-02-29', '2025-02-29', '01/09/2025', '2025-9-1', '']],
    ['TIT_DATE_NAISSANCE', ['1900-01-01', '1899-12-31', '']],
    ['TIT_SEXE', ['1', '2', '0', 'F', ' 1', '']],
    ['TIT_NIR', ['2900575123456', '2A', '2900575123456 ', '185072A123456', '']],
    ['ORG_COURRIEL', ['contact@exemple.fr', 'contact@exemple', 'a b@c.fr', '']],
    ['TIT_NOM_NAISSANCE', ['Martin', 'É'.repeat(100), 'É'.repeat(101), '']],
  ] as const)('%s', (code, values) => {
    const lines = verdicts(code, values);
    expect(lines.filter((line) => line.includes('DÉSACCORD'))).toEqual([]);
    expect([lines.some((line) => line.endsWith('accepté')), lines.some((line) => line.endsWith('refusé'))]).toEqual([true, true]);
  });

  it('check a field pattern and its referential pattern together', () => {
    const copy = structuredClone(shipped);
    const nir = copy.entities.flatMap((e) => e.fields).find((f) => f.code === 'TIT_NIR') as Field;
    nir.constraints = { pattern: '^2' };
    const descriptor = fieldDescriptor(copy, nir);
    expect(['2900575123456', '1850775123456', '2A'].map((value) => [oursAccept(copy, nir, value), tableschemaAccepts(descriptor, value)])).toEqual([
      [true, true],
      [false, false],
      [false, false],
    ]);
  });

  it('differ only where the schema says the portal checks more: decimals and check keys', () => {
    expect(verdicts('FIN_MONTANT_PRIS_EN_CHARGE', ['12,555'])).toEqual(['"12,555" DÉSACCORD (nous : false, tableschema : true)']);
    expect(verdicts('ORG_SIRET', ['73282932000075'])).toEqual(['"73282932000075" DÉSACCORD (nous : false, tableschema : true)']);
  });
});
