import { describe, expect, it } from 'vitest';
import { cellText, formatCell, parseCell } from '../../src/core/artefacts/formats/cell-text.ts';
import { sampleRecords, sampleSource } from '../../src/core/artefacts/sample-extract.ts';
import { checkRecords, compileEntity } from '../../src/core/dictionary/check-value.ts';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import { indexDictionary, type Dictionary, type Entity, type Field } from '../../src/core/dictionary/model.ts';
import { luhn } from '../../src/core/referentials/checksums.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { readRepository } from '../../src/node/releases.ts';

const load = (root: string) => loadDictionary(readDictionaryFiles(root)).dictionary as Dictionary;
/** Every published version, newest first, and the working copy when it is a draft. */
const { repository } = readRepository(process.cwd());
const versions = [...(repository?.draft ? [repository.draft] : []), ...(repository?.published ?? []).map((p) => p.dictionary)];
/** Dictionary 1.0.0, frozen: the fixed examples below are about its content. */
const shipped = versions.find((d) => d.manifest.version === '1.0.0') as Dictionary;
const small = load('tests/fixtures/dictionary/valid');
/** The extract lane's fixture: a dictionary whose YAML declares a key, notBefore and requiredWhen. */
const ruledFixture = load('tests/fixtures/dictionary/rules-valid');
const SEEDS = [1, 2, 42, 2026];

const entity = (dictionary: Dictionary, id: string) => dictionary.entities.find((e) => e.id === id) as Entity;
const field = (dictionary: Dictionary, code: string) => dictionary.entities.flatMap((e) => e.fields).find((f) => f.code === code) as Field;

/** Every issue our validators find in a set of records, cells read as the validators read them. */
function issues(dictionary: Dictionary, entityId: string, records: readonly Record<string, string>[]): string[] {
  const e = entity(dictionary, entityId);
  const absent = records.flatMap((record, row) => e.fields.filter((f) => record[f.code] === undefined).map((f) => `ligne ${row}: ${f.code} absent`));
  const typed = records.map((record) => Object.fromEntries(e.fields.map((f) => [f.code, parseCell(f, record[f.code] ?? '')])));
  const found = checkRecords(compileEntity(e, indexDictionary(dictionary)), typed);
  return [...absent, ...found.map(({ record, field: code, issue }) => `ligne ${record}: ${code} « ${records[record]?.[code]} » ${issue.message}`)];
}

describe('sample records', () => {
  const cases = [...versions, small, ruledFixture].flatMap((dictionary) =>
    dictionary.entities.flatMap((e) => SEEDS.map((seed) => [`${e.id} (${dictionary.manifest.title} ${dictionary.manifest.version}), graine ${seed}`, dictionary, e.id, seed] as const)),
  );

  it.each(cases)('pass every check of their fields: %s', (_, dictionary, entityId, seed) => {
    const records = sampleRecords(dictionary, entityId, 300, seed);
    expect(records).toHaveLength(300);
    expect(issues(dictionary, entityId, records)).toEqual([]);
  });

  it('are keyed by field code, in the entity order, as CSV cell text', () => {
    const [record] = sampleRecords(shipped, 'action', 1);
    expect(Object.keys(record ?? {})).toEqual(entity(shipped, 'action').fields.map((f) => f.code));
    expect(Object.values(record ?? {}).every((value) => typeof value === 'string')).toBe(true);
  });

  it('are deterministic for a seed and change with it', () => {
    expect(sampleRecords(shipped, 'titulaire', 50, 7)).toEqual(sampleRecords(shipped, 'titulaire', 50, 7));
    expect(sampleRecords(shipped, 'titulaire', 50, 7)).not.toEqual(sampleRecords(shipped, 'titulaire', 50, 8));
    // A row depends on its number only: a benchmark can generate any slice of a large file.
    const source = sampleSource(shipped, 'titulaire', 7);
    expect(source.record(1234)).toEqual(sampleSource(shipped, 'titulaire', 7).record(1234));
  });

  it.each(versions.map((d) => [d.manifest.version, d] as const))('vary from row to row in every field, and leave optional fields empty in some rows (%s)', (_, dictionary) => {
    for (const e of dictionary.entities) {
      const records = sampleRecords(dictionary, e.id, 200, 3);
      for (const f of e.fields) {
        const values = new Set(records.map((record) => record[f.code]));
        values.delete('');
        // A field on its way out is left empty unless mandatory.
        if (f.until && f.obligation !== 'obligatoire') {
          expect(values.size, f.code).toBe(0);
          continue;
        }
        expect(values.size, `${f.code} : ${[...values].join(', ')}`).toBeGreaterThan(1);
        if (f.obligation === 'facultative') expect(records.some((record) => record[f.code] === ''), f.code).toBe(true);
      }
    }
  });

  it('write numbers with a decimal comma and booleans as « oui » / « non », as French Excel does', () => {
    const records = sampleRecords(shipped, 'financement', 200);
    expect(records.some((record) => /^\d+,\d{1,2}$/.test(record.FIN_MONTANT_PRIS_EN_CHARGE ?? ''))).toBe(true);
    expect(records.every((record) => !(record.FIN_MONTANT_PRIS_EN_CHARGE ?? '').includes('.'))).toBe(true);
    const flags = new Set(sampleRecords(shipped, 'organisme', 100).map((record) => record.ORG_QUALIOPI));
    expect(flags).toEqual(new Set(['oui', 'non']));
  });

  it('fill row after row without allocating a record when asked for cells', () => {
    const source = sampleSource(shipped, 'dossier', 5);
    const cells: string[] = [];
    expect(source.row(10, cells)).toBe(cells);
    expect(cells).toEqual(source.fields.map((f) => source.record(10)[f.code]));
  });

  it('names the entity when it does not exist', () => {
    expect(() => sampleRecords(shipped, 'stagiaire', 1)).toThrowError(
      `L’entité « stagiaire » n’existe pas dans le dictionnaire ${shipped.manifest.version} : choisissez l’une de titulaire, organisme, action, session, dossier, financement, dispositif.`,
    );
  });
});

/** Referential codes by their real rules, stricter than the dictionary's patterns. */
const DEPARTMENT = '(0[1-9]|1\\d|[3-8]\\d|9[0-5]|2[1-9AB])';
const realRules: Record<string, (code: string) => boolean> = {
  siret: (code) => /^\d{14}$/.test(code) && luhn(code) && luhn(code.slice(0, 9)) && !code.startsWith('356000000'),
  uai: (code) => {
    const match = /^(0(0[1-9]|1\d|[3-8]\d|9[0-5]|2[1-9])|620|720|97[1-6])\d{4}([A-Z])$/.exec(code);
    return match !== null && 'ABCDEFGHJKLMNPRSTUVWXYZ'[Number(code.slice(0, 7)) % 23] === match[3];
  },
  nir: (code) => {
    const match = new RegExp(`^[12]\\d{2}(0[1-9]|1[0-2])${DEPARTMENT}(?!000)\\d{3}(?!000)\\d{3}(\\d{2})?$`).exec(code);
    if (!match) return false;
    const key = match[3];
    return key === undefined || Number(key) === 97 - (Number(code.slice(0, 13).replace('2A', '19').replace('2B', '18')) % 97);
  },
  'code-commune-insee': (code) => new RegExp(`^${DEPARTMENT}(?!000)\\d{3}$`).test(code),
  'code-postal': (code) => /^(0[1-9]|[1-8]\d|9[0-5])\d{3}$/.test(code),
  'code-pays': (code) => /^[A-Z]{2}$/.test(code) && !/^(AA|Q[M-Z]|X[A-Z]|ZZ)$/.test(code),
};

describe('referential codes of sample records', () => {
  const bound = versions.flatMap((dictionary) =>
    dictionary.entities.flatMap((e) =>
      e.fields.flatMap((f) => (f.binding && 'referential' in f.binding && realRules[f.binding.referential] ? [[`${f.code} (${dictionary.manifest.version})`, dictionary, e.id, f.code, f.binding.referential] as const] : [])),
    ),
  );

  it.each(bound)('%s follows the real rules of its referential', (_, dictionary, entityId, code, referential) => {
    const rule = realRules[referential] as (code: string) => boolean;
    const values = SEEDS.flatMap((seed) => sampleRecords(dictionary, entityId, 200, seed).map((record) => record[code] ?? '')).filter(Boolean);
    expect(values.length).toBeGreaterThan(0);
    expect(values.filter((value) => !rule(value))).toEqual([]);
  });

  it('the rules themselves tell right codes from wrong ones', () => {
    const verdicts = (pairs: [string, string][]) => pairs.map(([referential, code]) => `${code}: ${realRules[referential]?.(code)}`);
    expect(verdicts([['siret', '73282932000074'], ['uai', '0751717J'], ['nir', '2900575123456'], ['nir', '190052A12345679'], ['code-commune-insee', '2A004'], ['code-postal', '69003'], ['code-pays', 'FR']]).join(' ')).not.toContain('false');
    expect(verdicts([['siret', '73282932000075'], ['siret', '35600000000048'], ['uai', '0751717K'], ['nir', '1851375123456'], ['nir', '1850700000123'], ['nir', '190052A12345600'], ['code-commune-insee', '20004'], ['code-postal', '00123'], ['code-pays', 'XK']]).join(' ')).not.toContain('true');
  });
});

describe('record rules of a dictionary version that declares them', () => {
  /** The shared keys of CONTRACTS.md, added to a copy of the shipped dictionary. */
  function withRules(): Dictionary {
    const copy = structuredClone(shipped);
    Object.assign(entity(copy, 'dossier'), { key: ['DOS_IDENTIFIANT'] });
    Object.assign(entity(copy, 'session'), { key: ['SES_IDENTIFIANT_ACTION', 'SES_DATE_DEBUT'] });
    const sortie = field(copy, 'DOS_DATE_SORTIE');
    sortie.constraints = { ...sortie.constraints, notBefore: 'DOS_DATE_ENTREE' } as Field['constraints'];
    const entree = field(copy, 'DOS_DATE_ENTREE');
    entree.constraints = { ...entree.constraints, notBefore: 'DOS_DATE_ENTREE_PREVUE' } as Field['constraints'];
    const fin = field(copy, 'SES_DATE_FIN');
    fin.constraints = { ...fin.constraints, notBefore: 'SES_DATE_DEBUT' } as Field['constraints'];
    Object.assign(field(copy, 'DOS_MOTIF_SORTIE'), { requiredWhen: { field: 'DOS_STATUT', in: ['SORTI'] } });
    return copy;
  }
  const ruled = withRules();

  it.each(SEEDS)('keep every value valid, dates in order and conditional fields present when required (graine %i)', (seed) => {
    const records = sampleRecords(ruled, 'dossier', 2000, seed);
    expect(issues(ruled, 'dossier', records)).toEqual([]);
    const late = records.filter((r) => r.DOS_DATE_SORTIE && r.DOS_DATE_ENTREE && (r.DOS_DATE_SORTIE as string) < (r.DOS_DATE_ENTREE as string));
    expect(late).toEqual([]);
    const early = records.filter((r) => r.DOS_DATE_ENTREE && (r.DOS_DATE_ENTREE as string) < (r.DOS_DATE_ENTREE_PREVUE as string));
    expect(early).toEqual([]);
    expect(records.filter((r) => r.DOS_STATUT === 'SORTI' && !r.DOS_MOTIF_SORTIE)).toEqual([]);
    // Outside its condition the field stays empty, as a partner's system would leave it.
    expect(records.filter((r) => r.DOS_STATUT !== 'SORTI' && r.DOS_MOTIF_SORTIE)).toEqual([]);
    expect(records.filter((r) => r.DOS_STATUT === 'SORTI').length).toBeGreaterThan(0);
    const sessions = sampleRecords(ruled, 'session', 500, seed);
    expect(sessions.filter((r) => (r.SES_DATE_FIN as string) < (r.SES_DATE_DEBUT as string))).toEqual([]);
  });

  it('never repeat a key, simple or compound, over many rows', () => {
    const source = sampleSource(ruled, 'dossier', 9);
    const cells: string[] = [];
    const column = source.fields.findIndex((f) => f.code === 'DOS_IDENTIFIANT');
    const keys = new Set<string>();
    for (let row = 0; row < 100_000; row += 1) keys.add(source.row(row, cells)[column] as string);
    expect(keys.size).toBe(100_000);
    const sessions = sampleRecords(ruled, 'session', 5000, 9);
    expect(new Set(sessions.map((r) => `${r.SES_IDENTIFIANT_ACTION}|${r.SES_DATE_DEBUT}`)).size).toBe(5000);
  });

  it('say when a key cannot take as many values as rows asked', () => {
    const copy = structuredClone(shipped);
    Object.assign(entity(copy, 'organisme'), { key: ['ORG_QUALIOPI'] });
    expect(sampleRecords(copy, 'organisme', 2)).toHaveLength(2);
    expect(() => sampleRecords(copy, 'organisme', 3)).toThrowErrorMatchingInlineSnapshot(
      `[Error: L’entité « organisme » ne peut recevoir que 2 enregistrements de clé différente (ORG_QUALIOPI) : demandez-en moins ou complétez sa clé.]`,
    );
  });

  it('leave empty an optional field on its way out', () => {
    const copy = structuredClone(shipped);
    Object.assign(field(copy, 'TIT_NOM_USAGE'), { until: '2.0.0' });
    expect(sampleRecords(copy, 'titulaire', 100).filter((r) => r.TIT_NOM_USAGE !== '')).toEqual([]);
  });

  it('leave out nomenclature codes on their way out', () => {
    const copy = structuredClone(shipped);
    const nomenclature = copy.nomenclatures.find((n) => n.id === 'statut-dossier');
    Object.assign(nomenclature?.values[0] ?? {}, { until: '1.0.0' });
    const statuses = new Set(sampleRecords(copy, 'dossier', 300).map((r) => r.DOS_STATUT));
    expect(statuses.has(nomenclature?.values[0]?.code)).toBe(false);
    expect(statuses.size).toBe((nomenclature?.values.length ?? 0) - 1);
  });
});

describe('cell text', () => {
  const decimal = field(shipped, 'FIN_MONTANT_PRIS_EN_CHARGE');
  const integer = field(shipped, 'SES_EFFECTIF_PREVU');
  const flag = field(shipped, 'ORG_QUALIOPI');

  it('reads what it writes', () => {
    for (const value of [0, 12.5, 6125.25, true, false, 'RNCP36805']) {
      const f = typeof value === 'boolean' ? flag : typeof value === 'number' ? decimal : field(shipped, 'ACT_CODE_RNCP');
      expect(parseCell(f, formatCell(value))).toBe(value);
    }
  });

  it('reads decimals written the French or the English way, with digit groups', () => {
    expect(['12,5', '12.5', '1 234,50', '1\u202f234,5', '-3', '+4,25', ',5'].map((text) => parseCell(decimal, text))).toEqual([12.5, 12.5, 1234.5, 1234.5, -3, 4.25, 0.5]);
    expect(['1.234,5', '12,5 €', 'douze', '1e3'].map((text) => parseCell(decimal, text))).toEqual(['1.234,5', '12,5 €', 'douze', '1e3']);
  });

  it('reads integers strictly, and booleans from the published words only', () => {
    expect(['15', '0', '-2', '015', '+3', '1 500', '15,0'].map((text) => parseCell(integer, text))).toEqual([15, 0, -2, '015', '+3', '1 500', '15,0']);
    expect([...cellText.trueValues, ...cellText.falseValues, ' oui ', 'O', 'peut-être'].map((text) => parseCell(flag, text))).toEqual([
      ...cellText.trueValues.map(() => true),
      ...cellText.falseValues.map(() => false),
      true,
      'O',
      'peut-être',
    ]);
    expect(parseCell(flag, '')).toBeUndefined();
  });
});
