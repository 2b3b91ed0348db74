import { describe, expect, it } from 'vitest';
import { axeViolations, openPage, scriptSources, useSite } from './harness.ts';

const site = useSite();

describe('site shell', () => {
  it('serves the home page in French with the security headers', async () => {
    const response = await fetch(`${site.url}/`);
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(scriptSources(response.headers.get('content-security-policy') ?? '')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    const { page, errors } = await openPage(site, '/');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.title()).toContain('Portail partenaires AGORA');
    expect(errors).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });
});
