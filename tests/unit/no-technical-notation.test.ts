import { describe, expect, it } from 'vitest';
import { compileField, compileReferential } from '../../src/core/dictionary/check-value.ts';
import { indexDictionary, allFields, type Dictionary } from '../../src/core/dictionary/model.ts';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import type { Finding } from '../../src/core/problems.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { publishedDictionaries } from '../fixtures/kit/dictionary.ts';

/**
 * Issue 15, point 7: no technical notation in a message. A pattern is for machines; the partner reads
 * French and an example. Every finding the value engine can give, for every field and referential of the
 * working dictionary and of every published version, is probed with values that break each rule.
 */
const working = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
const dictionaries = [working, ...publishedDictionaries];

/** Regular-expression syntax: anchors, escapes, classes, groups, quantifiers, alternatives. */
const TECHNICAL = /[\^$\\|]|\[[^\]]*\]|\{\d|\(\?|\.[*+]|[*+]\)/;

const probes: unknown[] = [true, 'oui', 12.3456789, -1e9, 1e12, 0, 'x', ' ', 'zz zz', '@@', '#N/A', '2025-02-30', '31/12/2025', '1234567', '12345678901234', 'a'.repeat(5000), '<é>'];

function findings(dictionary: Dictionary): Finding[] {
  const index = indexDictionary(dictionary);
  const found: Finding[] = [];
  for (const field of allFields(dictionary)) {
    const rule = compileField(field, index);
    for (const value of [...probes, `${String(field.example)}!`, `${String(field.example)} `]) {
      const finding = rule.check(value);
      if (finding) found.push(finding);
    }
  }
  for (const referential of dictionary.referentials) {
    const check = compileReferential(referential);
    for (const code of ['x', '0000', `${referential.example}0`, referential.example.slice(1), referential.example.toLowerCase(), ` ${referential.example}`, `${referential.example.slice(0, 3)}.${referential.example.slice(3)}`]) {
      const finding = check(code);
      if (finding) found.push(finding);
    }
  }
  return found;
}

describe('messages and fixes of the value engine', () => {
  it('hold no regular expression, for any field of any version', () => {
    const all = dictionaries.flatMap(findings);
    expect(all.length).toBeGreaterThan(100);
    expect(new Set(all.map((finding) => finding.rule)).size).toBeGreaterThan(10);
    const technical = [...new Set(all.flatMap((finding) => [finding.message, finding.fix]).filter((text) => TECHNICAL.test(text)))];
    expect(technical).toEqual([]);
  });

  it('a value that misses a pattern is told the field’s example instead', () => {
    const field = allFields(working).find((candidate) => candidate.constraints?.pattern?.startsWith('^https'));
    expect(field).toBeDefined();
    const finding = compileField(field!, indexDictionary(working)).check('www.exemple.fr');
    expect(finding).toMatchObject({ rule: 'value.pattern' });
    expect(finding?.fix).toContain(`« ${String(field!.example)} »`);
  });

  it('the detector catches the notation issue 15 found', () => {
    expect(TECHNICAL.test('Respectez le format « ^https?://\\S+$ ».')).toBe(true);
    expect(TECHNICAL.test('Écrivez un nombre entier, sans espace ni unité (ex. 12).')).toBe(false);
  });
});
