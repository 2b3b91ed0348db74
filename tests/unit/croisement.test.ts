import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEtatTemplate } from '../../src/core/artefacts/templates.ts';
import { buildCombinedReceipt, crossCheck } from '../../src/core/croisement/crosscheck.ts';
import { kitCount, kitFromEtat } from '../../src/core/etat-des-lieux/kit.ts';
import { etatSheets } from '../../src/core/etat-des-lieux/layout.ts';
import type { EtatReport } from '../../src/core/etat-des-lieux/report.ts';
import { validateEtat } from '../../src/core/etat-des-lieux/validate.ts';
import { sheetNames } from '../../src/core/kit/layout.ts';
import type { KitReport } from '../../src/core/kit/report.ts';
import { validateKit } from '../../src/core/kit/validate.ts';
import { workbookShapes } from '../../src/core/workbooks.ts';
import { frozenDictionary, publishedDictionaries } from '../fixtures/kit/dictionary.ts';
import { answerKit } from '../fixtures/kit/fill.ts';
import { disagreeingKit, fillValidEtat, plantEtat, sheetOf } from '../fixtures/etat-des-lieux/fill.ts';

const dictionary = frozenDictionary;
const now = new Date(Date.UTC(2026, 10, 25));
const options = { dictionaries: [dictionary], now, known: workbookShapes };

let etatBytes: Uint8Array;
let etat: EtatReport;
/** The kit built from the état des lieux, then answered: the two documents agree. */
let kitBytes: Uint8Array;
let kit: KitReport;

beforeAll(async () => {
  etatBytes = await fillValidEtat(await buildEtatTemplate(dictionary));
  etat = await validateEtat(etatBytes, 'etat.xlsx', options);
  const built = await kitFromEtat(ExcelJS, dictionary, etat, 0);
  kitBytes = await answerKit(built.bytes, etat.inventory.couples.length);
  kit = await validateKit(kitBytes, built.fileName, options);
});

describe('kit de diagnostic built from an état des lieux', () => {
  it('is pre-filled with the partner and the pairs, and once answered validates clean', async () => {
    expect(kit.issues.map((issue) => `${issue.rule} ${issue.place}`)).toEqual([]);
    expect(kit).toMatchObject({ verdict: 'conforme', dictionaryVersion: dictionary.manifest.version, versionSource: 'metadata' });
    expect(kit.fileName).toBe(`etat-kit-diagnostic-${dictionary.manifest.version}.xlsx`);
    expect(kit.pairs.map(({ dispositif, si }) => `${dispositif} × ${si}`)).toMatchInlineSnapshot(`
      [
        "PRQ — Programme régional qualifiant × GESTFORM — Logiciel de gestion des aides",
        "PRQ — Programme régional qualifiant × EXTRANET — Extranet des organismes",
        "AIF — Aide individuelle à la formation × GESTFORM — Logiciel de gestion des aides",
        "PEE — Parcours d’entrée en emploi × TABLEUR — Tableur de suivi",
        "CHQ — Chèque formation × GESTFORM — Logiciel de gestion des aides",
      ]
    `);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(kitBytes.slice().buffer);
    const partner = workbook.getWorksheet(sheetNames.partner) as ExcelJS.Worksheet;
    expect([2, 3, 4, 5, 6, 7].map((row) => partner.getCell(row, 2).value)).toEqual(['Région Exemple', '73282932000074', 'Région', 'Camille Martin, chargée de mission données', 'camille.martin@exemple.fr', null]);
    expect((workbook.getWorksheet(sheetNames.pairs) as ExcelJS.Worksheet).getCell('D2').value).toBe('Région ; FSE+');
  });

  it('from the template of each published version, for the version the état des lieux names', async () => {
    for (const published of publishedDictionaries) {
      const report = await validateEtat(await fillValidEtat(await buildEtatTemplate(published)), 'etat.xlsx', { ...options, dictionaries: publishedDictionaries });
      const built = await kitFromEtat(ExcelJS, published, report, 0);
      const checked = await validateKit(await answerKit(built.bytes, report.inventory.couples.length), built.fileName, { ...options, dictionaries: publishedDictionaries });
      expect([published.manifest.version, checked.verdict, checked.dictionaryVersion]).toEqual([published.manifest.version, 'conforme', published.manifest.version]);
    }
  });

  it('spreads a périmètre larger than one kit over several kits, each valid once answered', async () => {
    const large = await validateEtat(await fillValidEtat(await buildEtatTemplate(dictionary), { extraPairs: 20 }), 'grand.xlsx', options);
    expect(kitCount(large)).toBe(2);
    const kits = await Promise.all([0, 1].map(async (part) => {
      const built = await kitFromEtat(ExcelJS, dictionary, large, part);
      return validateKit(await answerKit(built.bytes, part === 0 ? 20 : 5), built.fileName, options);
    }));
    expect(kits.map((report) => [report.fileName, report.verdict, report.pairs.length])).toEqual([
      [`grand-kit-diagnostic-${dictionary.manifest.version}-1-sur-2.xlsx`, 'conforme', 20],
      [`grand-kit-diagnostic-${dictionary.manifest.version}-2-sur-2.xlsx`, 'conforme', 5],
    ]);
    expect(crossCheck(large, kits)).toEqual([]);
  });
});

describe('cross-check of the état des lieux and the kit', () => {
  it('finds nothing when they agree', () => {
    expect(crossCheck(etat, [kit])).toEqual([]);
  });

  it('a kit and an état des lieux that disagree on three pairs and on the SIRET: exactly those four findings', async () => {
    const otherKit = await validateKit(await disagreeingKit(kitBytes), 'kit.xlsx', options);
    const findings = crossCheck(etat, [otherKit]);
    expect(findings.map((finding) => finding.rule)).toEqual(['croisement.couple-different', 'croisement.couple-absent-du-kit', 'croisement.couple-absent-de-l-etat', 'croisement.siret']);
    expect(findings.map((finding) => `${finding.message} — état des lieux : ${finding.fix.etat} — kit : ${finding.fix.kit}`)).toMatchInlineSnapshot(`
      [
        "Le dispositif « PRQ — Programme régional qualifiant » est associé au système « EXTRANET — Extranet des organismes » dans l’état des lieux (Périmètre!A3), mais au système « TABLEUR — Tableur de suivi » dans le couple n° 2 du kit (Dispositifs!B3). — état des lieux : Si le kit a raison, corrigez le code du SI en Périmètre!B3. — kit : Sinon, corrigez le système d’information du couple n° 2 dans la feuille « Dispositifs » du kit.",
        "Le couple « PEE — Parcours d’entrée en emploi × TABLEUR — Tableur de suivi » de l’état des lieux (Périmètre!A5) n’est déclaré dans aucun kit. — état des lieux : Si ce couple n’existe plus, retirez la ligne 5 du « Périmètre ». — kit : Sinon, déclarez-le sur une ligne libre de la feuille « Dispositifs » du kit et remplissez son groupe de colonnes dans « Diagnostic ».",
        "Le couple n° 5 du kit, « FOR — Formations ouvertes × GESTFORM — Logiciel de gestion des aides » (Dispositifs!B6), n’apparaît pas dans le « Périmètre » de l’état des lieux : son dispositif n’est pas dans la feuille « Dispositifs » de l’état des lieux. — état des lieux : S’il fait partie du périmètre, ajoutez-le au « Périmètre » de l’état des lieux, avec les codes de son dispositif et de son SI. — kit : Sinon, retirez-le de la feuille « Dispositifs » du kit, avec ses réponses dans « Diagnostic ».",
        "Le SIRET du kit (35600000000051, Partenaire!B3) n’est pas celui de l’état des lieux (73282932000074, Partenaire!B3) : les deux documents doivent identifier le même partenaire. — état des lieux : Si le kit a raison, corrigez le SIRET de l’état des lieux en Partenaire!B3. — kit : Sinon, corrigez celui du kit en Partenaire!B3.",
      ]
    `);
  });

  it('names a different dictionary version', async () => {
    const versions = publishedDictionaries.map((d) => d.manifest.version);
    const older = publishedDictionaries.find((d) => d.manifest.version !== dictionary.manifest.version) ?? dictionary;
    const report = await validateEtat(await plantEtat(etatBytes, (w) => (sheetOf(w, etatSheets.meta).getCell('B2').value = older.manifest.version)), 'etat.xlsx', { ...options, dictionaries: publishedDictionaries });
    expect(versions.length).toBeGreaterThan(1);
    expect(crossCheck(report, [kit]).map((finding) => finding.rule)).toEqual(['croisement.version']);
  });

  it('a combined receipt holds the counts of both files and of the differences, and no partner data', () => {
    const receipt = buildCombinedReceipt({ report: etat, sha256: 'a'.repeat(64) }, [{ report: kit, sha256: 'b'.repeat(64) }], [], now);
    expect(receipt).toMatchObject({ type: 'recu-verification-croisee-agora', croisement: { ecarts: 0, resultat: 'Cohérents' }, etatDesLieux: { type: 'recu-verification-etat-des-lieux-agora', inventaire: { dispositifs: 4, systemes: 3, couples: 5 } }, kits: [{ type: 'recu-verification-kit-diagnostic-agora' }] });
    const text = JSON.stringify(receipt);
    for (const value of ['Région Exemple', '73282932000074', 'PRQ', 'GESTFORM', 'Programme régional', 'camille']) expect(text).not.toContain(value);
  });
});
