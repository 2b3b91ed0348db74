import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEtatTemplate, buildKitTemplate } from '../../src/core/artefacts/templates.ts';
import { crossCheck } from '../../src/core/croisement/crosscheck.ts';
import { newestFirst } from '../../src/core/dictionary/semver.ts';
import { kitFromEtat } from '../../src/core/etat-des-lieux/kit.ts';
import type { EtatReport } from '../../src/core/etat-des-lieux/report.ts';
import { validateEtat } from '../../src/core/etat-des-lieux/validate.ts';
import { metaKeys, sheetNames } from '../../src/core/kit/layout.ts';
import { validateKit } from '../../src/core/kit/validate.ts';
import { workbookShapes } from '../../src/core/workbooks.ts';
import { fillValidEtat } from '../fixtures/etat-des-lieux/fill.ts';
import { frozenDictionary, publishedDictionaries } from '../fixtures/kit/dictionary.ts';
import { answerKit, fillValidKit, plant, sheet } from '../fixtures/kit/fill.ts';

/** Issue 15, point 6: each difference is told by its real cause, once. */
const now = new Date(Date.UTC(2026, 10, 25));
const options = { dictionaries: [frozenDictionary], now, known: workbookShapes };

let etat: EtatReport;
let kitBytes: Uint8Array;
beforeAll(async () => {
  etat = await validateEtat(await fillValidEtat(await buildEtatTemplate(frozenDictionary)), 'etat.xlsx', options);
  const built = await kitFromEtat(ExcelJS, frozenDictionary, etat, 0);
  kitBytes = await answerKit(built.bytes, etat.inventory.couples.length);
});

describe('the cross-check names the real cause', () => {
  it('a kit line repeating couple n° 1 is a duplicate, not a pair missing from the « Périmètre »', async () => {
    const pairs = etat.inventory.couples.length;
    const bytes = await plant(kitBytes, (w) => {
      const sheetOfPairs = sheet(w, sheetNames.pairs);
      for (const column of ['B', 'C']) sheetOfPairs.getCell(`${column}${pairs + 2}`).value = sheetOfPairs.getCell(`${column}2`).value;
    });
    const kit = await validateKit(bytes, 'kit.xlsx', options);
    const findings = crossCheck(etat, [kit]);
    expect(findings.map((finding) => finding.rule)).toEqual(['croisement.couple-en-double']);
    expect(findings[0]?.message).toContain(`Le couple n° ${pairs + 1} du kit`);
    expect(findings[0]?.message).toContain('répète le couple n° 1');
  });

  it('a kit pair whose dispositif the état des lieux does not know says so', async () => {
    const bytes = await plant(kitBytes, (w) => (sheet(w, sheetNames.pairs).getCell('B2').value = 'XYZ — Inconnu'));
    const findings = crossCheck(etat, [await validateKit(bytes, 'kit.xlsx', options)]);
    const absent = findings.find((finding) => finding.rule === 'croisement.couple-absent-de-l-etat');
    expect(absent?.message).toContain('son dispositif n’est pas dans la feuille « Dispositifs »');
  });
});

describe('a kit whose metadata and field list disagree', () => {
  it('is checked against the version its fields match, and the disagreement is said once', async () => {
    const [newest, older] = [...publishedDictionaries].sort((a, b) => newestFirst(a.manifest.version, b.manifest.version));
    if (!newest || !older) throw new Error('deux versions publiées sont nécessaires');
    const filled = await fillValidKit(await buildKitTemplate(newest));
    const bytes = await plant(filled, (w) => {
      const meta = sheet(w, sheetNames.meta);
      meta.eachRow((row) => {
        if (row.getCell(1).value === metaKeys.version) row.getCell(2).value = older.manifest.version;
      });
    });
    const report = await validateKit(bytes, 'kit.xlsx', { ...options, dictionaries: publishedDictionaries });
    expect(report.dictionaryVersion).toBe(newest.manifest.version);
    expect(report.issues.map((issue) => `${issue.severity} ${issue.rule}`)).toEqual(['avertissement kit.structure.metadonnees-contredites']);
    expect(report.issues[0]?.message).toContain(`indique la version ${older.manifest.version}`);
    expect(report.issues[0]?.message).toContain(`est celle de la version ${newest.manifest.version}`);
  });
});
