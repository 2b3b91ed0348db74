import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dictionaryCsv } from '../../src/core/artefacts/fields-csv.ts';
import { dictionaryArtefacts } from '../../src/core/artefacts/registry.ts';
import { diffDictionaries } from '../../src/core/dictionary/diff.ts';
import { lheoCorrespondence } from '../../src/core/dictionary/lheo.ts';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import { allFields, indexDictionary, type Dictionary, type Field } from '../../src/core/dictionary/model.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';

/**
 * The working copy's LHÉO mappings, checked against LHÉO 2.3 itself: tests/fixtures/lheo/lheo-2.3.json is
 * extracted from definition/lheo-gml.xml of lheo/lheo-schema (each element's children, type, bounds and
 * code table). Published versions up to 2.0.0 recorded bare names and are frozen: only the copy a
 * maintainer edits is held to paths.
 */
interface LheoElement {
  children?: string[];
  type?: string;
  lgmax?: number;
  dict?: string;
}
const lheo = JSON.parse(readFileSync('tests/fixtures/lheo/lheo-2.3.json', 'utf8')) as { elements: Record<string, LheoElement>; dicts: Record<string, Record<string, string>> };
const working = loadDictionary(readDictionaryFiles('.')).dictionary as Dictionary;
const index = indexDictionary(working);
const mapped = allFields(working).filter((field) => field.lheo);
/** Labels compare as LHÉO writes them, apostrophes aside (the dictionary uses the typographic one). */
const plain = (text: string) => text.replaceAll('’', "'");

/** The leaf element a path designates, or why the path is not one of LHÉO 2.3. */
function walk(path: string): LheoElement | string {
  const [first, ...rest] = path.split('/');
  if (first !== 'formation') return `ne part pas de l’élément formation`;
  let parent = 'formation';
  for (const name of rest) {
    if (!lheo.elements[parent]?.children?.includes(name)) return `${name} n’est pas un enfant de ${parent}`;
    parent = name;
  }
  const leaf = lheo.elements[parent] as LheoElement;
  return leaf.type ? leaf : `${parent} contient d’autres éléments : le chemin doit aller jusqu’à la valeur`;
}
const leafOf = (field: Field) => walk(field.lheo as string) as LheoElement;

/** The rows of a CSV the site writes (BOM, « ; », quoted cells with doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i] as string;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') (cell += '"'), (i += 1);
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ';') row.push(cell), (cell = '');
    else if (char === '\r' && body[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), (i += 1);
    else cell += char;
  }
  return rows;
}

describe('LHÉO mappings of the working copy', () => {
  it('maps fields', () => expect(mapped.length).toBeGreaterThan(0));

  it('gives every element as a path from formation to a value element of LHÉO 2.3', () => {
    const wrong = mapped.flatMap((field) => {
      const leaf = walk(field.lheo as string);
      return typeof leaf === 'string' ? [`${field.code} (${field.lheo}) : ${leaf}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it('says how the codes correspond wherever the element takes the codes of a LHÉO table', () => {
    const silent = mapped.flatMap((field) => {
      const table = leafOf(field).dict;
      if (!table) return [];
      const nomenclature = lheoCorrespondence(field, index);
      if (nomenclature) return nomenclature.lheo?.dictionary === table ? [] : [`${field.code} : la nomenclature renvoie à ${nomenclature.lheo?.dictionary}, l’élément à ${table}`];
      return field.lheoNote?.includes(table) ? [] : [`${field.code} : l’élément prend les codes de ${table}, sans correspondance ni précision qui la nomme`];
    });
    expect(silent).toEqual([]);
  });

  it('warns wherever a value may not fit the element: whole hours, a shorter length', () => {
    const unsaid = mapped.flatMap((field) => {
      const leaf = leafOf(field);
      const referential = field.binding && 'referential' in field.binding ? index.referentials.get(field.binding.referential) : undefined;
      const longest = Math.max(field.constraints?.maxLength ?? 0, String(field.example).length, referential?.example.length ?? 0);
      const reasons = [
        leaf.type === 'basic_int' && field.type === 'decimal' ? 'LHÉO attend un entier' : '',
        leaf.lgmax !== undefined && longest > leaf.lgmax ? `LHÉO limite la valeur à ${leaf.lgmax} caractères (${longest} ici)` : '',
      ].filter(Boolean);
      return reasons.length > 0 && !field.lheoNote ? [`${field.code} : ${reasons.join(', ')}, sans précision`] : [];
    });
    expect(unsaid).toEqual([]);
  });

  it('cites only codes of the LHÉO table, with the label LHÉO gives them', () => {
    const wrong = working.nomenclatures.flatMap((nomenclature) => {
      if (!nomenclature.lheo) return [];
      const table = lheo.dicts[nomenclature.lheo.dictionary];
      if (!table) return [`${nomenclature.id} : pas de table ${nomenclature.lheo.dictionary} dans LHÉO 2.3`];
      return nomenclature.values.flatMap((value) =>
        (value.lheo ?? []).flatMap((entry) => {
          const label = table[entry.code];
          if (label === undefined) return [`${nomenclature.id} / ${value.code} : pas de code ${entry.code} dans ${nomenclature.lheo?.dictionary}`];
          return entry.label && plain(entry.label) !== plain(label) ? [`${nomenclature.id} / ${value.code} : « ${entry.label} » au lieu de « ${label} »`] : [];
        }),
      );
    });
    expect(wrong).toEqual([]);
  });

  it('says so wherever LHÉO puts the value elsewhere than the entity it belongs to', () => {
    // The LHÉO element that holds what an entity describes; action fields span formation and its action.
    const containers: Record<string, string> = { organisme: 'formation/organisme-formation-responsable/', session: 'formation/action/session/' };
    const unsaid = mapped.filter((field) => containers[field.entity] && !field.lheo?.startsWith(containers[field.entity] as string) && !field.lheoNote);
    expect(unsaid.map((field) => `${field.code} (${field.lheo})`)).toEqual([]);
  });

  it('maps nothing to a recruitment operation, which the dictionary does not describe', () => {
    // nb-places, periode/debut, periode/fin… also exist under session/recrutement: a session's own values are not there.
    expect(mapped.filter((field) => field.lheo?.includes('/recrutement/')).map((field) => field.code)).toEqual([]);
  });
});

describe('LHÉO correspondences in the downloads and the change log', () => {
  it('lists each field’s corresponding LHÉO codes in the fields’ CSV', () => {
    const rows = parseCsv(dictionaryCsv(working));
    const header = rows[0] as string[];
    const column = header.indexOf('codes LHÉO correspondants');
    const withCodes = mapped.filter((field) => lheoCorrespondence(field, index));
    expect(withCodes.length).toBeGreaterThan(0);
    for (const field of withCodes) {
      const nomenclature = lheoCorrespondence(field, index);
      const cell = rows.find((row) => row[0] === field.code)?.[column] ?? '';
      expect(cell).toContain(`table ${nomenclature?.lheo?.dictionary}`);
      for (const value of nomenclature?.values ?? []) expect(cell).toContain(`${value.code} = ${value.lheo ? value.lheo.map((entry) => entry.code).join(' ou ') : 'aucun'}`);
    }
  });

  it('carries the correspondences and the pending legal bases in the dictionary’s JSON download', async () => {
    const artefact = dictionaryArtefacts(working).find((a) => a.path('x') === 'dictionnaire-agora-x.json');
    const json = JSON.parse(String(await artefact?.build(working))) as Dictionary;
    expect(json.nomenclatures.map((n) => n.lheo)).toEqual(working.nomenclatures.map((n) => n.lheo));
    expect(json.nomenclatures.flatMap((n) => n.values.map((v) => v.lheo))).toEqual(working.nomenclatures.flatMap((n) => n.values.map((v) => v.lheo)));
    expect(allFields(json).map((f) => [f.lheo, f.lheoNote, f.legalBasis])).toEqual(allFields(working).map((f) => [f.lheo, f.lheoNote, f.legalBasis]));
  });

  it('counts paths, precisions, correspondences and pending legal bases as corrections', () => {
    const before = structuredClone(working);
    const after = structuredClone(working);
    const fieldIn = (d: Dictionary, code: string) => allFields(d).find((f) => f.code === code) as Field;
    const [nomenclature] = after.nomenclatures.filter((n) => n.lheo);
    const [someField] = allFields(after);
    if (!nomenclature || !someField) throw new Error('the working copy has no LHÉO correspondence to vary');
    nomenclature.values.forEach((value) => delete value.lheo);
    delete nomenclature.lheo;
    Object.assign(fieldIn(after, someField.code), { lheo: 'formation/intitule-formation', lheoNote: 'Une précision.', legalBasis: 'à confirmer' });
    const diff = diffDictionaries(before, after);
    expect(diff.changes.length).toBeGreaterThan(nomenclature.values.length);
    expect(diff.bump).toBe('correctif');
  });
});
