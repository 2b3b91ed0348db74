import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sheetNames } from '../../src/core/kit/layout.ts';
import { buildKitTemplate } from '../../src/core/artefacts/templates.ts';
import { validateKit } from '../../src/core/kit/validate.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { fillValidKit, plant, sheet } from '../fixtures/kit/fill.ts';
import { frozenDictionary } from '../fixtures/kit/dictionary.ts';

const dictionary = frozenDictionary;
const now = new Date(Date.UTC(2026, 10, 25));

let valid: Uint8Array;
beforeAll(async () => {
  valid = await fillValidKit(await buildKitTemplate(dictionary));
});

const planted = async (change: (workbook: ExcelJS.Workbook) => void) => validateKit(await plant(valid, change), 'kit.xlsx', { dictionaries: [dictionary], now });

describe('the metadata sheet, checked by its schema and its fingerprint', () => {
  const meta = (workbook: ExcelJS.Workbook) => sheet(workbook, sheetNames.meta);

  it('a fingerprint that is not the published one: one warning, the version still from the metadata', async () => {
    const report = await planted((w) => (meta(w).getCell('B3').value = 'a'.repeat(64)));
    expect(report.versionSource).toBe('metadata');
    expect(report.issues.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "Feuille « Métadonnées » (masquée) — Ce kit ne vient pas du modèle publié pour la version 1.0.0 du dictionnaire : son empreinte de la liste des champs est différente (modèle provisoire ou modifié). Téléchargez le modèle de la version 1.0.0 sur le portail et recopiez-y vos réponses ; les lignes qui diffèrent sont signalées dans « Diagnostic ».",
      ]
    `);
    expect(report.issues.map(({ rule, severity }) => [rule, severity])).toEqual([['kit.structure.empreinte', 'avertissement']]);
  });

  it('a damaged metadata record is named and ignored; the version is inferred from the field list', async () => {
    const report = await planted((w) => {
      meta(w).getCell('B1').value = 'mon-modele';
      meta(w).getCell('B2').value = 'v1';
    });
    expect(report.versionSource).toBe('inferred');
    expect(report.dictionaryVersion).toBe(dictionary.manifest.version);
    expect(report.issues.map(({ rule, severity, value }) => [rule, severity, value])).toEqual([
      ['kit.structure.metadonnees', 'avertissement', 'modele = « mon-modele » ; version_dictionnaire = « v1 »'],
      ['kit.structure.version-deduite', 'information', undefined],
    ]);
    expect(formatProblem(report.issues[0]!)).toMatchInlineSnapshot(`"Feuille « Métadonnées » (masquée) — La feuille masquée « Métadonnées » du modèle a été modifiée (« modele », « version_dictionnaire ») : elle est ignorée et la version du dictionnaire est déduite de la liste des champs. Téléchargez le modèle du kit sur le portail et recopiez-y vos réponses : les feuilles masquées ne doivent pas être modifiées."`);
  });
});

describe('record errors told in French at the partner’s cell', () => {
  it('required answers and the e-mail form of « Partenaire », the SI of a pair', async () => {
    const report = await planted((w) => {
      const partner = sheet(w, sheetNames.partner);
      partner.getCell('B2').value = null;
      partner.getCell('B5').value = '   ';
      partner.getCell('B6').value = 'camille.martin@exemple';
      sheet(w, sheetNames.pairs).getCell('B3').value = null;
    });
    expect(report.issues.map((issue) => [issue.severity, issue.rule, issue.place])).toEqual([
      ['erreur', 'kit.valeurs.obligatoire', 'Partenaire!B2'],
      ['erreur', 'kit.valeurs.obligatoire', 'Partenaire!B5'],
      ['erreur', 'value.pattern', 'Partenaire!B6'],
      ['erreur', 'kit.valeurs.obligatoire', 'Dispositifs!B3'],
    ]);
    expect(report.issues.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "Partenaire!B2 — « Raison sociale » n’est pas renseigné. Renseignez Partenaire!B2 : Nom de l’organisme partenaire, tel qu’il figure au répertoire SIRENE.",
        "Partenaire!B5 — « Contact : nom et fonction » n’est pas renseigné. Renseignez Partenaire!B5 : La personne qui répond aux questions sur ce kit.",
        "Partenaire!B6 — La valeur n’a pas le format attendu. Écrivez-la sur le modèle de l’exemple du dictionnaire : « contact@irms-formation.example ».",
        "Dispositifs!B3 — Couple n° 2 : le dispositif n’est pas renseigné. Indiquez le nom du dispositif, tel que dans votre état des lieux.",
      ]
    `);
  });
});
