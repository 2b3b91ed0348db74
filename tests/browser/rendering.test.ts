// What the partner sees, measured on the pixels of screenshots: a progress track that reads empty at
// 0 in both themes, and underlined field codes whose underscores stay visible.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSite } from './harness.ts';
import { inForce } from './built-versions.ts';

const site = useSite();
const version = inForce;

interface Bitmap {
  width: number;
  height: number;
  data: number[];
}
type Rgb = [number, number, number];

let decoder: Page;
/** Decodes a PNG screenshot with the browser's own image decoder, on a blank page. */
const decode = (png: Buffer): Promise<Bitmap> =>
  decoder.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    context.drawImage(bitmap, 0, 0);
    return { width: bitmap.width, height: bitmap.height, data: [...context.getImageData(0, 0, bitmap.width, bitmap.height).data] };
  }, png.toString('base64'));

const pixel = (image: Bitmap, x: number, y: number): Rgb => {
  const i = (Math.round(y) * image.width + Math.round(x)) * 4;
  return [image.data[i] ?? 0, image.data[i + 1] ?? 0, image.data[i + 2] ?? 0];
};
const luminance = ([r, g, b]: Rgb) => {
  const channel = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};
/** WCAG contrast ratio between two colours. */
const contrast = (a: Rgb, b: Rgb) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};
const distance = (a: Rgb, b: Rgb) => Math.max(...a.map((v, i) => Math.abs(v - (b[i] ?? 0))));

let context: BrowserContext;
beforeAll(async () => {
  context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', deviceScaleFactor: 2 });
  decoder = await context.newPage();
});
afterAll(() => context?.close());

async function openIn(theme: 'light' | 'dark', path: string): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript((value) => window.localStorage.setItem('starlight-theme', value), theme);
  await page.goto(site.url + path, { waitUntil: 'networkidle' });
  return page;
}

describe('checklist progress bar', () => {
  it.each(['light', 'dark'] as const)('reads empty at 0 and full at the end, in the %s theme', async (theme) => {
    const page = await openIn(theme, '/guide/suivi/');
    const bar = page.locator('#checklist-bar');
    await bar.waitFor();
    expect(await bar.getAttribute('value')).toBe('0');
    const box = (await bar.boundingBox()) as { x: number; y: number; width: number; height: number };
    const clip = { x: box.x, y: box.y - 8, width: box.width, height: box.height + 8 };
    const empty = await decode(await page.screenshot({ clip }));
    await bar.evaluate((element) => ((element as HTMLProgressElement).value = (element as HTMLProgressElement).max));
    const full = await decode(await page.screenshot({ clip }));
    const middle = (image: Bitmap): Rgb => pixel(image, image.width / 2, image.height - (box.height * 2) / 2);
    const background = pixel(empty, empty.width / 2, 4);
    const [track, fill] = [middle(empty), middle(full)];
    // The done part stands out from the track (WCAG 1.4.11), and the empty track is closer to the page than the done part is.
    expect(contrast(fill, track), `track ${track} fill ${fill}`).toBeGreaterThanOrEqual(3);
    expect(contrast(track, background), `track ${track} page ${background}`).toBeLessThan(contrast(fill, background));
    await page.close();
  }, 90_000);
});

describe('field codes in links', () => {
  it.each(['light', 'dark'] as const)('keep their underscores visible under the underline (%s theme)', async (theme) => {
    const page = await openIn(theme, `/dictionnaire/${version}/`);
    const links = page.locator('main a:has(> code)').filter({ hasText: '_' });
    expect(await links.count()).toBeGreaterThan(10);
    const link = links.first();
    await link.scrollIntoViewIfNeeded();
    // A little below the link's box: an underline offset from the text may be drawn there.
    const box = (await link.boundingBox()) as { x: number; y: number; width: number; height: number };
    const clip = { x: box.x, y: box.y, width: box.width, height: box.height + 8 };
    const underlined = await decode(await page.screenshot({ clip }));
    await page.addStyleTag({ content: 'main a:has(> code), main a > code { text-decoration: none !important; }' });
    const plain = await decode(await page.screenshot({ clip }));
    expect([underlined.width, underlined.height]).toEqual([plain.width, plain.height]);
    const chip = pixel(plain, 1, 1);
    /** Rows of the image where at least one pixel passes the test. */
    const rows = (test: (x: number, y: number) => boolean) =>
      new Set(Array.from({ length: plain.height }, (_, y) => y).filter((y) => Array.from({ length: plain.width }, (_, x) => x).some((x) => test(x, y))));
    const underline = rows((x, y) => distance(pixel(underlined, x, y), pixel(plain, x, y)) > 40);
    const ink = rows((x, y) => distance(pixel(plain, x, y), chip) > 80);
    expect(underline.size, 'the link is underlined').toBeGreaterThan(0);
    expect([...underline].filter((y) => ink.has(y)), 'rows where the underline covers the characters').toEqual([]);
    await page.close();
  }, 90_000);
});
