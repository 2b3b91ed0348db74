import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { History } from '../../src/core/dictionary/history.ts';
import { loadRepository } from '../../src/core/dictionary/repository.ts';
import { allFields, type Dictionary } from '../../src/core/dictionary/model.ts';
import { answerColumn, diagnosticFirstRow, sheetNames } from '../../src/core/kit/layout.ts';
import { buildKitTemplate } from '../../src/core/artefacts/templates.ts';
import { validateKit } from '../../src/core/kit/validate.ts';
import { planForKit, readKitAnswers, readKitSheets } from '../../src/core/migration/kit-plan.ts';
import { UPGRADE_SHEET, upgradeKitFile } from '../../src/core/migration/kit-upgrade.ts';
import { readRepositoryFiles } from '../../src/node/releases.ts';
import { fillValidKit, sheet } from '../fixtures/kit/fill.ts';

const { repository } = loadRepository(readRepositoryFiles(process.cwd()));
const published = repository?.published.map(({ dictionary }) => dictionary) ?? [];
const history = new History(published);
const version = (number: string) => published.find((d) => d.manifest.version === number) as Dictionary;
const [v100, v110, v200] = [version('1.0.0'), version('1.1.0'), version('2.0.0')];

/** A valid 1.0.0 kit with two pairs, plus an answer on a removed field and a row the partner added. */
async function oldKit(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const filled = await fillValidKit(await buildKitTemplate(v100), { pairs: 2 });
  await workbook.xlsx.load(filled.buffer as ArrayBuffer);
  const diagnostic = sheet(workbook, sheetNames.diagnostic);
  const extra = diagnostic.rowCount + 1;
  diagnostic.getCell(extra, 1).value = 'TIT_AJOUT_PARTENAIRE';
  diagnostic.getCell(extra, answerColumn(1, 'commentaire')).value = 'Ligne ajoutée à la main';
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('kit migration to a newer version', () => {
  it('plans an older kit’s upgrade: changes that matter to the kit, answers that cannot be carried', async () => {
    const bytes = await oldKit();
    const plan = planForKit(bytes, 'kit.xlsx', '1.0.0', history, v200);
    expect(plan).toBeDefined();
    expect(plan?.renamed).toEqual({ DOS_DATE_FIN_INTERRUPTION: 'DOS_DATE_REPRISE' });
    expect(plan?.newFields).toEqual(['TIT_EMPLOYEUR_RAISON_SOCIALE', 'TIT_EMPLOYEUR_IDCC', 'TIT_EMPLOYEUR_NAF', 'TIT_CODE_POSTAL_TRAVAIL', 'TIT_PCS_ESE', 'TIT_CONTRAT_DATE_DEBUT', 'TIT_CONTRAT_DATE_FIN', 'TIT_DIPLOME_PLUS_ELEVE', 'TIT_DIPLOME_PLUS_ELEVE_RNCP', 'TIT_BOETH', 'TIT_BENEFICIAIRE_RSA']);
    expect(plan?.changes.filter((change) => change.kind !== 'ajout').map((change) => change.message)).toMatchInlineSnapshot(`
      [
        "DOS_ABANDON (« Abandon ») n’existe plus en version 2.0.0 : sa ligne disparaît du kit.",
        "DOS_DATE_FIN_INTERRUPTION s’appelle DOS_DATE_REPRISE en version 2.0.0 : ses réponses passent sur la ligne DOS_DATE_REPRISE.",
      ]
    `);
    expect(plan?.lost.map((lost) => `${lost.code} ${lost.pair} ${lost.column} = ${lost.value} (${lost.reason})`)).toMatchInlineSnapshot(`
      [
        "DOS_ABANDON 1 Disponibilité (1) = Partiellement disponible (champ retiré en version 2.0.0)",
        "DOS_ABANDON 1 Nom du champ ou source dans le SI (1) = T_DOSSIER.C88 (champ retiré en version 2.0.0)",
        "DOS_ABANDON 1 Format source (1) = texte (champ retiré en version 2.0.0)",
        "DOS_ABANDON 1 Commentaire (1) = Renseigné depuis 2024 seulement. (champ retiré en version 2.0.0)",
        "DOS_ABANDON 2 Disponibilité (2) = Non disponible (champ retiré en version 2.0.0)",
        "DOS_ABANDON 2 Solution envisagée (2) = Évolution du SI prévue au prochain lot. (champ retiré en version 2.0.0)",
        "DOS_ABANDON 2 Échéance prévisionnelle (2) = 2027-06-30 (champ retiré en version 2.0.0)",
        "TIT_AJOUT_PARTENAIRE 1 Commentaire (1) = Ligne ajoutée à la main (ligne inconnue de la version 1.0.0 (code « TIT_AJOUT_PARTENAIRE »))",
      ]
    `);
    // Nothing to offer for a kit of the version in force, or of an unknown version.
    expect(planForKit(bytes, 'kit.xlsx', '2.0.0', history, v200)).toBeUndefined();
    expect(planForKit(bytes, 'kit.xlsx', '0.9.0', history, v200)).toBeUndefined();
  });

  it('writes every answer where its field now is, highlights new fields, lists what could not be carried', async () => {
    const bytes = await oldKit();
    const before = bytes.slice();
    const plan = planForKit(bytes, 'Kit Région.xlsx', '1.0.0', history, v200);
    if (!plan) throw new Error('plan attendu');
    const upgraded = await upgradeKitFile(bytes, 'Kit Région.xlsx', plan, history, v200);
    expect(upgraded.fileName).toBe('Kit Région-version-2.0.0.xlsx');
    expect(Buffer.from(bytes).equals(Buffer.from(before))).toBe(true);

    const oldAnswers = readKitAnswers(readKitSheets(bytes, 'kit.xlsx')!);
    const newAnswers = readKitAnswers(readKitSheets(upgraded.bytes, upgraded.fileName)!);
    expect(newAnswers.partner).toEqual(oldAnswers.partner);
    expect(newAnswers.pairs).toEqual(oldAnswers.pairs);
    const byCode = (answers: typeof oldAnswers) => new Map(answers.rows.map((row) => [row.code, row.answers]));
    const after = byCode(newAnswers);
    for (const [code, answers] of byCode(oldAnswers)) {
      const target = plan.renamed[code] ?? code;
      if (plan.lost.some((lost) => lost.code === code)) expect(after.has(target) ? after.get(target) : [], code).toEqual([]);
      else expect(after.get(target), code).toEqual(answers);
    }
    for (const code of plan.newFields) expect(after.get(code), code).toEqual([]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(upgraded.bytes.buffer as ArrayBuffer);
    const diagnostic = sheet(workbook, sheetNames.diagnostic);
    const rowOf = (code: string) => diagnosticFirstRow + allFields(v200).findIndex((field) => field.code === code);
    expect(diagnostic.getCell(rowOf('TIT_BOETH'), 1).note).toBe('Nouveau champ de la version 2.0.0 : renseignez-le pour chaque couple.');
    expect((diagnostic.getCell(rowOf('TIT_BOETH'), 2).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFF2CC');
    const report = sheet(workbook, UPGRADE_SHEET);
    const text = report.getSheetValues().flat().filter((value) => typeof value === 'string' || typeof value === 'number').join(' | ');
    expect(text).toContain('DOS_ABANDON | Abandon | 1 | Programme régional qualifiant | Disponibilité (1)');
    expect(text).toContain('TIT_AJOUT_PARTENAIRE');
  });

  it('gives a kit that validates on the version in force, problems carried over listed, nothing lost', async () => {
    const plan = planForKit(await oldKit(), 'kit.xlsx', '1.0.0', history, v200);
    if (!plan) throw new Error('plan attendu');
    const upgraded = await upgradeKitFile(await oldKit(), 'kit.xlsx', plan, history, v200);
    const report = await validateKit(upgraded.bytes, upgraded.fileName, { dictionaries: published, now: new Date(Date.UTC(2026, 10, 25)) });
    expect(report.dictionaryVersion).toBe('2.0.0');
    expect(report.versionSource).toBe('metadata');
    // The only problems: the new fields, not answered yet (two pairs each).
    expect([...new Set(report.issues.map((issue) => `${issue.severity} ${issue.rule} ${issue.field ?? ''}`))].sort()).toMatchInlineSnapshot(`
      [
        "erreur kit.coherence.reponse-manquante TIT_BENEFICIAIRE_RSA",
        "erreur kit.coherence.reponse-manquante TIT_BOETH",
        "erreur kit.coherence.reponse-manquante TIT_CODE_POSTAL_TRAVAIL",
        "erreur kit.coherence.reponse-manquante TIT_CONTRAT_DATE_DEBUT",
        "erreur kit.coherence.reponse-manquante TIT_CONTRAT_DATE_FIN",
        "erreur kit.coherence.reponse-manquante TIT_DIPLOME_PLUS_ELEVE",
        "erreur kit.coherence.reponse-manquante TIT_DIPLOME_PLUS_ELEVE_RNCP",
        "erreur kit.coherence.reponse-manquante TIT_EMPLOYEUR_IDCC",
        "erreur kit.coherence.reponse-manquante TIT_EMPLOYEUR_NAF",
        "erreur kit.coherence.reponse-manquante TIT_EMPLOYEUR_RAISON_SOCIALE",
        "erreur kit.coherence.reponse-manquante TIT_PCS_ESE",
      ]
    `);
  });

  it('carries every answer of a 1.0.0 kit to 1.1.0, a minor version: nothing lost, only the added fields left to answer', async () => {
    const bytes = await fillValidKit(await buildKitTemplate(v100), { pairs: 2 });
    const plan = planForKit(bytes, 'kit.xlsx', '1.0.0', history, v110);
    if (!plan) throw new Error('plan attendu');
    expect(plan.renamed).toEqual({});
    expect(plan.lost).toEqual([]);
    const upgraded = await upgradeKitFile(bytes, 'kit.xlsx', plan, history, v110);
    const before = new Map(readKitAnswers(readKitSheets(bytes, 'kit.xlsx')!).rows.map((row) => [row.code, row.answers]));
    const after = new Map(readKitAnswers(readKitSheets(upgraded.bytes, upgraded.fileName)!).rows.map((row) => [row.code, row.answers]));
    for (const [code, answers] of before) expect(after.get(code), code).toEqual(answers);
    const report = await validateKit(upgraded.bytes, upgraded.fileName, { dictionaries: published, now: new Date(Date.UTC(2026, 10, 25)) });
    expect(report.dictionaryVersion).toBe('1.1.0');
    expect([...new Set(report.issues.map((issue) => `${issue.rule} ${issue.field ?? ''}`))].sort()).toEqual(plan.newFields.map((code) => `kit.coherence.reponse-manquante ${code}`).sort());
  });
});
