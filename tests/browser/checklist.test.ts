import { describe, expect, it } from 'vitest';
import { axeViolations, openPage, useSite } from './harness.ts';

const site = useSite();
const KEY = 'agora:parcours:v1';

describe('journey checklist', () => {
  it('keeps ticks across a reload, sends nothing, and clears on confirmation', async () => {
    const { page, errors, requests } = await openPage(site, '/guide/suivi/');
    const boxes = page.locator('.checklist input[type="checkbox"]');
    await expect.poll(() => boxes.count()).toBeGreaterThanOrEqual(12);
    const total = await boxes.count();
    const status = page.locator('.checklist [role="status"]');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    expect(await status.textContent()).toBe(`0 étape sur ${total} faite`);
    expect(await axeViolations(page)).toEqual([]);

    const before = requests.length;
    await boxes.nth(0).focus();
    await page.keyboard.press('Space');
    await boxes.nth(5).focus();
    await page.keyboard.press('Space');
    expect(await status.textContent()).toBe(`2 étapes sur ${total} faites`);
    expect(await page.locator('#checklist-bar').getAttribute('value')).toBe('2');
    await boxes.nth(1).focus();
    await page.keyboard.press('Space');
    expect(await status.textContent()).toBe(`3 étapes sur ${total} faites`);
    await page.keyboard.press('Space');
    expect(await status.textContent()).toBe(`2 étapes sur ${total} faites`);
    // Give a late beacon or fetch the time to show up before concluding that nothing left.
    await page.waitForTimeout(500);
    expect(requests.slice(before).map((request) => request.url())).toEqual([]);
    const origin = new URL(site.url).origin;
    expect(requests.filter((request) => new URL(request.url()).origin !== origin || request.postData() !== null).map((request) => request.url())).toEqual([]);
    const stored = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), KEY)) ?? '{}') as { checked: Record<string, string> };
    expect(Object.keys(stored.checked)).toHaveLength(2);
    expect(await axeViolations(page)).toEqual([]);

    await page.reload({ waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('.checklist input:checked').count()).toBe(2);
    expect(await boxes.nth(0).isChecked()).toBe(true);
    expect(await boxes.nth(5).isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Effacer ma progression' }).click();
    const confirm = page.getByRole('button', { name: 'Confirmer l’effacement' });
    await expect.poll(() => confirm.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    expect(await page.locator('.checklist input:checked').count()).toBe(0);
    expect(await status.textContent()).toBe('Progression effacée.');
    await expect
      .poll(() => page.getByRole('button', { name: 'Effacer ma progression' }).evaluate((element) => element === document.activeElement))
      .toBe(true);
    expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBeNull();
    await page.reload({ waitUntil: 'networkidle' });
    await expect.poll(() => boxes.count()).toBe(total);
    expect(await page.locator('.checklist input:checked').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('cancels the clearing without losing anything', async () => {
    const { page } = await openPage(site, '/guide/suivi/');
    const boxes = page.locator('.checklist input[type="checkbox"]');
    await expect.poll(() => boxes.count()).toBeGreaterThan(0);
    await boxes.nth(1).check();
    await page.getByRole('button', { name: 'Effacer ma progression' }).click();
    await page.getByRole('button', { name: 'Annuler' }).click();
    expect(await boxes.nth(1).isChecked()).toBe(true);
    expect(await page.getByRole('button', { name: 'Confirmer l’effacement' }).count()).toBe(0);
    await expect
      .poll(() => page.getByRole('button', { name: 'Effacer ma progression' }).evaluate((element) => element === document.activeElement))
      .toBe(true);
  });

  it('labels each step and its guide link, with French spacing in the text rendered by the island', async () => {
    const { page, errors } = await openPage(site, '/guide/suivi/');
    const boxes = page.locator('.checklist input[type="checkbox"]');
    await expect.poll(() => boxes.count()).toBeGreaterThan(0);
    expect(await page.getByRole('checkbox', { name: 'Obtenir la suite jeton auprès du GIP MDS' }).count()).toBe(1);
    expect(await page.getByRole('group', { name: /^Volet technique/ }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Voir la page — Vérifier le kit avec le validateur du portail' }).getAttribute('href')).toBe('/verifier/kit-de-diagnostic/');
    expect(await page.locator('.checklist').innerText()).not.toMatch(/ [;:?!»]|« /);
    expect(errors).toEqual([]);
  });

  it('starts afresh when the stored progress is corrupt', async () => {
    const { page, errors } = await openPage(site, '/guide/suivi/');
    await page.evaluate((key) => localStorage.setItem(key, '{cassé'), KEY);
    await page.reload({ waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('.checklist input[type="checkbox"]').count()).toBeGreaterThan(0);
    expect(await page.locator('.checklist input:checked').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('keeps the ticks on screen and says so when the browser refuses to store them', async () => {
    const { page, errors } = await openPage(site, '/guide/suivi/');
    await page.evaluate(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('quota', 'QuotaExceededError');
      };
    });
    const boxes = page.locator('.checklist input[type="checkbox"]');
    await expect.poll(() => boxes.count()).toBeGreaterThan(0);
    expect(await page.locator('.checklist-warning').count()).toBe(0);
    await boxes.first().check();
    expect(await boxes.first().isChecked()).toBe(true);
    expect(await page.locator('.checklist-warning').textContent()).toContain('vos coches seront perdues');
    expect(errors).toEqual([]);
  });

  it('prints a summary without the site chrome', async () => {
    const { page, errors } = await openPage(site, '/guide/suivi/');
    const boxes = page.locator('.checklist input[type="checkbox"]');
    await expect.poll(() => boxes.count()).toBeGreaterThan(0);
    const total = await boxes.count();
    expect(await page.locator('.checklist-print').isVisible()).toBe(false);
    await boxes.first().check();
    const today = new Date().toLocaleDateString('fr-FR', { dateStyle: 'long' });
    await page.emulateMedia({ media: 'print' });
    const summary = page.locator('.checklist-print');
    expect(await summary.isVisible()).toBe(true);
    const text = await summary.innerText();
    expect(text).toContain(`Imprimé le ${today}`);
    expect(text).toContain(`1 étape sur ${total} faite`);
    expect(text).toContain(`☑ Fait — Désigner vos interlocuteurs juridique, technique et données (faite le ${today})`);
    expect(text.match(/☐ À faire/g)).toHaveLength(total - 1);
    expect(await page.locator('nav.sidebar').isVisible()).toBe(false);
    expect(await page.locator('header.header').isVisible()).toBe(false);
    expect(await page.locator('.checklist-strand').first().isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Imprimer un récapitulatif' }).isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });

  it('lists every step without JavaScript', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/guide/suivi/`);
    expect(await page.locator('main ol li a').count()).toBeGreaterThanOrEqual(12);
    await context.close();
  });
});
