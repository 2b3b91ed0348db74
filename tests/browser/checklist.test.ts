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
    expect(await status.textContent()).toBe(`0 étape(s) faite(s) sur ${total}`);
    expect(await axeViolations(page)).toEqual([]);

    const before = requests.length;
    await boxes.nth(0).focus();
    await page.keyboard.press('Space');
    await boxes.nth(5).focus();
    await page.keyboard.press('Space');
    expect(await status.textContent()).toBe(`2 étape(s) faite(s) sur ${total}`);
    expect(await page.locator('#checklist-bar').getAttribute('value')).toBe('2');
    expect(requests.slice(before).map((request) => request.url())).toEqual([]);
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
    await page.keyboard.press('Enter');
    expect(await page.locator('.checklist input:checked').count()).toBe(0);
    expect(await status.textContent()).toBe('Progression effacée.');
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
  });

  it('starts afresh when the stored progress is corrupt', async () => {
    const { page, errors } = await openPage(site, '/guide/suivi/');
    await page.evaluate((key) => localStorage.setItem(key, '{cassé'), KEY);
    await page.reload({ waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('.checklist input[type="checkbox"]').count()).toBeGreaterThan(0);
    expect(await page.locator('.checklist input:checked').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('prints a summary without the site chrome', async () => {
    const { page } = await openPage(site, '/guide/suivi/');
    await expect.poll(() => page.locator('.checklist input[type="checkbox"]').count()).toBeGreaterThan(0);
    await page.locator('.checklist input[type="checkbox"]').first().check();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.checklist-print').isVisible()).toBe(true);
    expect(await page.locator('.checklist-print').textContent()).toContain('☑ Fait');
    expect(await page.locator('nav.sidebar').isVisible()).toBe(false);
    expect(await page.locator('.checklist-strand').first().isVisible()).toBe(false);
  });

  it('lists every step without JavaScript', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/guide/suivi/`);
    expect(await page.locator('main ol li a').count()).toBeGreaterThanOrEqual(12);
    await context.close();
  });
});
