import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkValue } from '../../src/core/dictionary/check-value.ts';
import { constraintKeys, constraintProblems, constraintSentences } from '../../src/core/dictionary/constraints/index.ts';
import { constraintsSchema } from '../../src/core/dictionary/schemas/field.ts';
import { indexDictionary, type Field } from '../../src/core/dictionary/model.ts';
import { frozenDictionary } from '../fixtures/kit/dictionary.ts';

/**
 * Issue 16, point 4: a field constraint is one module of `src/core/dictionary/constraints/` and one
 * entry of its index. Nothing else in the sources reads a constraint's key: the lint, the checks, the
 * reference pages, the change log and the downloads all go through the registry.
 */
const folder = 'src/core/dictionary/constraints';
const keys = [...constraintKeys.keys()];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === folder ? [] : sources(path);
    return /\.(ts|tsx|astro|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Ways of reading a key of `constraints`: `x.constraints?.min`, `{ min } = x.constraints`, `c = x.constraints ?? {}` then `c.min`. */
function readsOfKeys(text: string): string[] {
  const key = keys.join('|');
  const found = [...text.matchAll(new RegExp(`constraints\\s*\\??\\.\\s*(${key})\\b`, 'g'))].map((m) => m[0]);
  found.push(...[...text.matchAll(new RegExp(`\\{[^{}]*\\b(?:${key})\\b[^{}]*\\}\\s*=\\s*[\\w.]*constraints\\b`, 'g'))].map((m) => m[0]));
  for (const [, alias] of text.matchAll(/const (\w+)(?::[^=]+)? = [\w.]*constraints\b/g)) {
    found.push(...[...text.matchAll(new RegExp(`\\b${alias}\\s*\\??\\.\\s*(?:${key})\\b`, 'g'))].map((m) => m[0]));
  }
  return found;
}

describe('the registry of field constraints', () => {
  it('declares every key of the field schema once, in the schema’s order, with its words and its column', () => {
    expect(Object.keys(constraintsSchema.shape)).toEqual(keys);
    const headers = [...constraintKeys.values()].map((info) => info.column.header);
    expect(new Set(headers).size).toBe(headers.length);
    for (const info of constraintKeys.values()) expect(info.label).toMatch(/^\p{Ll}/u);
  });

  it('finds the readings of keys it looks for (the check below can fail)', () => {
    expect(readsOfKeys('const c = field.constraints ?? {};\nif (c.minLength) x();')).toHaveLength(1);
    expect(readsOfKeys('const { min, max } = field.constraints ?? {};')).toHaveLength(1);
    expect(readsOfKeys('field.constraints?.notBefore')).toHaveLength(1);
  });

  it('is the only reader of a constraint’s key in the sources', () => {
    const offenders = sources('src').flatMap((file) => readsOfKeys(readFileSync(file, 'utf8')).map((read) => `${file}: ${read}`));
    expect(offenders).toEqual([]);
  });

  it('describes, and checks an example against, every constraint a field of the dictionary carries', () => {
    const index = indexDictionary(frozenDictionary);
    const constrained = frozenDictionary.entities.flatMap((entity) => entity.fields).filter((field) => Object.keys(field.constraints ?? {}).length > 0);
    expect(constrained.length).toBeGreaterThan(0);
    for (const field of constrained) {
      expect(constraintSentences(field), field.code).not.toEqual([]);
      expect(checkValue(field, field.example, index), field.code).toEqual([]);
    }
  });

  it('gives each constraint its own sentence on the reference pages', () => {
    const base: Field = frozenDictionary.entities[0]!.fields[0]!;
    const variants: [Field['type'], Record<string, unknown>][] = [
      ['texte', { minLength: 2 }],
      ['texte', { maxLength: 9 }],
      ['texte', { pattern: '^[A-Z]+$' }],
      ['entier', { min: 1 }],
      ['decimal', { decimals: 2 }],
      ['date', { notBefore: 'XXX_DATE' }],
    ];
    expect(new Set(variants.flatMap(([, c]) => Object.keys(c)))).toEqual(new Set(keys.filter((key) => key !== 'max')));
    for (const [type, constraints] of variants) expect(constraintSentences({ ...base, type, constraints } as Field), JSON.stringify(constraints)).toHaveLength(1);
  });
});

describe('the length of a text', () => {
  const index = indexDictionary(frozenDictionary);
  const field = (constraints: Field['constraints']): Field => ({ ...frozenDictionary.entities[0]!.fields[0]!, type: 'texte', binding: undefined, constraints } as Field);
  const rule = (constraints: Field['constraints'], value: string) => checkValue(field(constraints), value, index).map((found) => found.rule);

  it('counts characters, not UTF-16 units, at both limits and whichever limits are set', () => {
    // « 𝔸 » is one character written with two units.
    expect(rule({ minLength: 3, maxLength: 10 }, '𝔸𝔸')).toEqual(['value.length']);
    expect(rule({ minLength: 3 }, '𝔸𝔸')).toEqual(['value.length']);
    expect(rule({ minLength: 3, maxLength: 10 }, '𝔸𝔸𝔸')).toEqual([]);
    expect(rule({ maxLength: 3 }, '𝔸𝔸𝔸')).toEqual([]);
    expect(rule({ maxLength: 3 }, '𝔸𝔸𝔸𝔸')).toEqual(['value.length']);
    expect(rule({ minLength: 2, maxLength: 2 }, 'é')).toEqual(['value.length']);
  });

  it('counts a lone half of a pair as one character, as the text’s own iteration does', () => {
    for (const text of ['a\ud835\udd38\ud835', '\udd38\ud835', '\ud835\ud835\udd38', '𝔸\udd38a', '😀😀\ud83d']) {
      const characters = [...text].length;
      expect(rule({ minLength: characters, maxLength: characters }, text), JSON.stringify(text)).toEqual([]);
      expect(rule({ minLength: characters + 1 }, text), JSON.stringify(text)).toEqual(['value.length']);
      expect(rule({ maxLength: characters - 1 }, text), JSON.stringify(text)).toEqual(['value.length']);
    }
  });
});

describe('the lint of constraints', () => {
  const lint = (type: Field['type'], constraints: Field['constraints'], cited?: Field['type']) =>
    constraintProblems({ type, constraints }, { cite: () => (cited ? { type: cited } : undefined) }).map(({ keys, message, fix }) => `${keys.join('.')} — ${message} ${fix}`);

  it('says which constraint does not fit the type, which values contradict each other, and how to fix it', () => {
    expect([
      ...lint('entier', { minLength: 2, pattern: '^a$' }),
      ...lint('texte', { min: 1, decimals: 2, notBefore: 'XXX_DATE' }),
      ...lint('entier', { min: 5, max: 1 }),
      ...lint('texte', { minLength: 5, maxLength: 2, pattern: '(' }),
      ...lint('date', { notBefore: 'XXX_NOM' }, 'texte'),
      ...lint('date', { min: 3 }),
    ]).toMatchInlineSnapshot(`
      [
        "minLength — La contrainte « minLength » ne s’applique qu’aux types texte et code. Retirez la contrainte ou changez le type du champ.",
        "pattern — La contrainte « pattern » ne s’applique qu’aux types texte et code. Retirez la contrainte ou changez le type du champ.",
        "min — La contrainte « min » doit être un nombre pour un type numérique, une date pour le type date, et ne s’applique pas aux autres. Retirez la contrainte ou changez le type du champ.",
        "decimals — La contrainte « decimals » ne s’applique qu’au type décimal. Retirez la contrainte ou changez le type du champ.",
        "notBefore — La contrainte « notBefore » ne s’applique qu’au type date. Retirez la contrainte ou changez le type du champ.",
        "min — Le minimum est supérieur au maximum. Donnez un minimum inférieur ou égal au maximum.",
        "minLength — La longueur minimale dépasse la longueur maximale. Donnez une longueur minimale inférieure ou égale à la longueur maximale.",
        "pattern — Le motif n’est pas une expression régulière valide. Corrigez le motif (une expression régulière JavaScript, sans barres obliques) ou retirez-le.",
        "notBefore — « XXX_NOM » est de type « texte » : « notBefore » doit citer un champ de type date. Citez le champ date qui doit précéder celui-ci.",
        "min — La contrainte « min » doit être un nombre pour un type numérique, une date pour le type date, et ne s’applique pas aux autres. Retirez la contrainte ou changez le type du champ.",
      ]
    `);
  });
});
