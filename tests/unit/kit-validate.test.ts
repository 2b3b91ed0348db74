import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { allFields } from '../../src/core/dictionary/model.ts';
import { buildKitTemplate } from '../../src/core/kit/template.ts';
import { validateKit } from '../../src/core/kit/validate.ts';
import { fillValidKit, mistakeContext, mistakes } from '../fixtures/kit/fill.ts';
import { frozenDictionary, publishedDictionaries } from '../fixtures/kit/dictionary.ts';

const dictionary = frozenDictionary;
const fields = allFields(dictionary);
const now = new Date(Date.UTC(2026, 10, 25));
const validate = (bytes: Uint8Array, name = 'kit.xlsx') => validateKit(bytes, name, { dictionaries: [dictionary], now });
const summary = (issues: { rule: string; severity: string; place: string }[]) => issues.map(({ rule, severity, place }) => ({ rule, severity, place }));

let valid: Uint8Array;
beforeAll(async () => {
  valid = await fillValidKit(await buildKitTemplate(dictionary));
});

describe('kit validator on a valid kit', () => {
  it('reports nothing, recognises the version from the metadata and measures coverage', async () => {
    const report = await validate(valid);
    expect(summary(report.issues)).toEqual([]);
    expect(report).toMatchObject({ verdict: 'conforme', dictionaryVersion: dictionary.manifest.version, versionSource: 'metadata', counts: { erreur: 0, avertissement: 0, information: 0 } });
    expect(report.dispositifs).toEqual(['1. Programme régional qualifiant — GESTFORM', '2. Aide individuelle à la formation — GESTFORM', '3. Parcours d’entrée en emploi — Tableur de suivi']);
    const first = report.coverage[0]?.byObligation.obligatoire;
    expect(first?.total).toBe(fields.filter((f) => f.obligation === 'obligatoire').length);
    expect((first?.disponible ?? 0) + (first?.partiel ?? 0) + (first?.nonDisponible ?? 0) + (first?.nonApplicable ?? 0)).toBe(first?.total);
  });

  it.each(publishedDictionaries.map((d) => [d.manifest.version, d] as const))('filled from the template of version %s: nothing to report, recognised as that version', async (version, published) => {
    const kit = await fillValidKit(await buildKitTemplate(published));
    const report = await validateKit(kit, 'kit.xlsx', { dictionaries: publishedDictionaries, now });
    expect(summary(report.issues)).toEqual([]);
    expect(report).toMatchObject({ verdict: 'conforme', dictionaryVersion: version, versionSource: 'metadata' });
  });

  it('leaves the partner’s bytes untouched', async () => {
    const copy = valid.slice();
    await validate(valid);
    expect(Buffer.compare(Buffer.from(copy), Buffer.from(valid))).toBe(0);
  });
});

describe('kit validator on planted mistakes', () => {
  const planted = mistakes(mistakeContext(fields));

  it('covers at least 20 kinds of mistakes', () => {
    expect(new Set(planted.flatMap((m) => m.expected.map((e) => e.rule))).size).toBeGreaterThanOrEqual(20);
  });

  it.each(planted.map((m) => [m.name, m] as const))('%s: reported at its cell, and nothing else', async (_, mistake) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(valid.slice().buffer);
    mistake.plant(workbook);
    const report = await validate(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(summary(report.issues)).toEqual(mistake.expected);
  });
});
