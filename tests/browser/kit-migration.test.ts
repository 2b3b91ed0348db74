import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { History } from '../../src/core/dictionary/history.ts';
import { answerColumn, diagnosticFirstRow, sheetNames } from '../../src/core/kit/layout.ts';
import { planForKit, readKitAnswers, readKitSheets, type UpgradePlan } from '../../src/core/migration/kit-plan.ts';
import { current } from '../../src/data/dictionaries.ts';
import { UPGRADE_SHEET } from '../../src/core/migration/kit-upgrade.ts';
import { fillValidKit, sheet } from '../fixtures/kit/fill.ts';
import { builtVersions, inForce } from './built-versions.ts';
import { axeViolations, openPage, useSite } from './harness.ts';

const site = useSite();
const PAGE = '/verifier/kit-de-diagnostic/';
const folder = mkdtempSync(join(tmpdir(), 'agora-migration-'));
const original = join(folder, 'Kit Région 2025.xlsx');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
let originalHash = '';
/** What the core plans for this kit, from 1.0.0 to the version in force (tests/unit/kit-migration.test.ts pins it for 2.0.0). */
let plan: UpgradePlan;

/** Row of a field in a kit built from `json`'s version, found by code as the validator does. */
const rowOf = (workbook: ExcelJS.Workbook, code: string) => {
  const diagnostic = sheet(workbook, sheetNames.diagnostic);
  for (let row = diagnosticFirstRow; row <= diagnostic.rowCount; row += 1) if (diagnostic.getCell(row, 1).value === code) return row;
  throw new Error(`${code} absent`);
};

beforeAll(async () => {
  // A partner's kit filled on the 1.0.0 template, with a problem of its own: a mandatory field
  // « Non disponible » without the planned solution.
  const template = new Uint8Array(await (await fetch(`${site.url}/dictionnaire/1.0.0/kit-diagnostic-1.0.0.xlsx`)).arrayBuffer());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await fillValidKit(template, { pairs: 2 })).slice().buffer);
  const diagnostic = sheet(workbook, sheetNames.diagnostic);
  const nir = rowOf(workbook, 'TIT_NOM_NAISSANCE');
  diagnostic.getCell(nir, answerColumn(1, 'disponibilite')).value = 'Non disponible';
  diagnostic.getCell(nir, answerColumn(1, 'solution')).value = null;
  diagnostic.getCell(nir, answerColumn(1, 'echeance')).value = null;
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  writeFileSync(original, bytes);
  originalHash = sha(bytes);
  plan = planForKit(bytes, 'kit.xlsx', '1.0.0', new History(builtVersions), current)!;
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('a kit filled on an older version', () => {
  it('is recognised, told what changes for it, upgraded in the browser with every answer, and the upgrade validates', async () => {
    const { page, errors } = await openPage(site, PAGE);
    await page.locator('#kit-file').setInputFiles(original);
    await page.locator('.kit-report[aria-busy="false"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.kit-meta').textContent()).toContain('version 1.0.0 (indiquée dans le kit)');
    const upgrade = page.locator('.kit-upgrade');
    await upgrade.waitFor();
    expect(await upgrade.locator('h3').textContent()).toBe(`Mise à niveau vers la version ${inForce}`);
    const kinds = await upgrade.locator('.kit-upgrade-changes li').evaluateAll((items) => items.map((li) => `${li.getAttribute('data-kind')}`));
    expect(kinds).toEqual(plan.changes.map((change) => change.kind));
    // Since 1.0.0, whatever came after: DOS_ABANDON withdrawn, DOS_DATE_FIN_INTERRUPTION renamed, 1.1.0's fields added.
    expect(plan.changes).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'retrait', code: 'DOS_ABANDON' }), expect.objectContaining({ kind: 'renommage', code: 'DOS_DATE_REPRISE' })]));
    expect(plan.newFields).toEqual(expect.arrayContaining(['TIT_EMPLOYEUR_IDCC', 'TIT_BOETH']));
    // DOS_ABANDON is answered for both pairs: those answers have nowhere to go, and say so.
    expect(await upgrade.locator('li[data-lost]').evaluateAll((items) => items.map((li) => li.getAttribute('data-lost')))).toEqual([...new Set(plan.lost.map((answer) => answer.code))]);
    expect(plan.lost.map((answer) => answer.code)).toContain('DOS_ABANDON');
    expect(await upgrade.locator('li[data-lost="DOS_ABANDON"] li').count()).toBe(7);
    expect(await axeViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), upgrade.getByRole('button', { name: `Télécharger le kit mis à niveau (version ${inForce})` }).click()]);
    expect(download.suggestedFilename()).toBe(`Kit Région 2025-version-${inForce}.xlsx`);
    const upgradedPath = join(folder, download.suggestedFilename());
    await download.saveAs(upgradedPath);
    expect(await upgrade.getByRole('status').textContent()).toContain('Votre fichier d’origine n’est pas modifié.');
    expect(sha(readFileSync(original))).toBe(originalHash);

    // Every answer is in the upgraded kit, on its field's row (renamed rows followed), except those listed.
    const upgraded = new Uint8Array(readFileSync(upgradedPath));
    const before = readKitAnswers(readKitSheets(new Uint8Array(readFileSync(original)), 'kit.xlsx')!);
    const after = readKitAnswers(readKitSheets(upgraded, 'kit.xlsx')!);
    expect(after.partner).toEqual(before.partner);
    expect(after.pairs).toEqual(before.pairs);
    const answers = (kit: typeof before) => new Map(kit.rows.map((row) => [row.code, row.answers]));
    const [was, is] = [answers(before), answers(after)];
    for (const [code, list] of was) {
      if (plan.changes.some((change) => change.kind === 'retrait' && change.code === code)) expect(is.has(code)).toBe(false);
      else expect(is.get(plan.renamed[code] ?? code), code).toEqual(list);
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(upgraded.slice().buffer);
    const diagnostic = sheet(workbook, sheetNames.diagnostic);
    for (const code of ['TIT_EMPLOYEUR_IDCC', 'TIT_BOETH']) {
      expect((diagnostic.getCell(rowOf(workbook, code), 1).fill as ExcelJS.FillPattern).fgColor?.argb, code).toBe('FFFFF2CC');
      expect(is.get(code), code).toEqual([]);
    }
    const listed = sheet(workbook, UPGRADE_SHEET).getSheetValues().flat().filter((value) => typeof value === 'string');
    expect(listed.filter((value) => value === 'DOS_ABANDON')).toHaveLength(7);

    // Checked on the version in force: the new fields to answer, and the problem the kit already had.
    await upgrade.getByRole('button', { name: 'Vérifier le kit mis à niveau' }).click();
    await expect.poll(() => page.locator('.kit-meta').textContent(), { timeout: 30_000 }).toContain(`version ${inForce} (indiquée dans le kit)`);
    await page.locator('.kit-report[aria-busy="false"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.kit-upgrade').count()).toBe(0);
    const issues = await page.locator('.kit-issue').allTextContents();
    expect(issues.some((text) => text.includes('TIT_NOM_NAISSANCE') && /solution/i.test(text))).toBe(true);
    expect(issues.filter((text) => text.includes('TIT_BOETH')).length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  }, 120_000);
});
