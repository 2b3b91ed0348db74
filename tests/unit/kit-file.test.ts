import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import type { Dictionary } from '../../src/core/dictionary/model.ts';
import { buildKitTemplate } from '../../src/core/kit/template.ts';
import { validateKit } from '../../src/core/kit/validate.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { fillValidKit } from '../fixtures/kit/fill.ts';
import { badFiles, resave, workbookWithoutKitSheets } from '../fixtures/kit/files.ts';

const dictionary = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
const now = new Date(Date.UTC(2026, 10, 25));
const validate = (bytes: Uint8Array, name: string) => validateKit(bytes, name, { dictionaries: [dictionary], now });

let valid: Uint8Array;
beforeAll(async () => {
  valid = await fillValidKit(await buildKitTemplate(dictionary));
});

describe('files that are not a readable kit', () => {
  it.each(Object.keys(badFiles))('%s: one French message, verdict « illisible », no exception', async (name) => {
    const file = await badFiles[name as keyof typeof badFiles](() => valid);
    const report = await validate(file.bytes, file.name);
    expect(report.verdict).toBe('illisible');
    expect(report.issues).toHaveLength(1);
    expect(formatProblem(report.issues[0]!)).toMatchSnapshot();
  });
});

describe('a workbook that is not the kit', () => {
  it('names each missing sheet', async () => {
    const report = await validate(workbookWithoutKitSheets(), 'classeur.xlsx');
    expect(report.verdict).toBe('illisible');
    expect(report.issues.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "Feuille « Partenaire » — La feuille « Partenaire » est introuvable (feuilles présentes : « Feuil1 »). Partez du modèle du kit de diagnostic téléchargé sur le portail et recopiez-y vos réponses, sans renommer ni supprimer de feuille.",
        "Feuille « Dispositifs » — La feuille « Dispositifs » est introuvable (feuilles présentes : « Feuil1 »). Partez du modèle du kit de diagnostic téléchargé sur le portail et recopiez-y vos réponses, sans renommer ni supprimer de feuille.",
        "Feuille « Diagnostic » — La feuille « Diagnostic » est introuvable (feuilles présentes : « Feuil1 »). Partez du modèle du kit de diagnostic téléchargé sur le portail et recopiez-y vos réponses, sans renommer ni supprimer de feuille.",
      ]
    `);
  });
});

describe('other workbook formats', () => {
  it.each([
    ['xls', 'kit.xls', 'kit.fichier.format-ancien'],
    ['ods', 'kit.ods', 'kit.fichier.format-ancien'],
    ['xlsm', 'kit.xlsm', 'kit.fichier.macros'],
  ] as const)('a kit re-saved as .%s is read and checked, with a note', async (bookType, name, rule) => {
    const report = await validate(resave(valid, bookType), name);
    expect(report.issues.map((issue) => `${issue.severity} ${issue.rule}`)).toEqual([`information ${rule}`]);
    expect(report.dispositifs).toHaveLength(3);
  });

  it('reads zip and compound files only: a CSV renamed .xlsx is not a kit', async () => {
    const csv = new TextEncoder().encode('Code;Libellé\nTIT_NIR;NIR\n');
    expect((await validate(csv, 'kit.xlsx')).issues.map((i) => i.rule)).toEqual(['kit.fichier.pas-un-classeur']);
  });

  it('a zip that is not a workbook is named as such', async () => {
    const zip = zipSync({ 'word/document.xml': new TextEncoder().encode('<w/>'), '[Content_Types].xml': new TextEncoder().encode('<Types/>') });
    expect((await validate(zip, 'kit.xlsx')).issues.map((i) => i.rule)).toEqual(['kit.fichier.pas-un-classeur']);
  });
});
