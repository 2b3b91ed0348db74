import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptedEncodings, COMPRESSIBLE } from '../../src/node/compression.ts';
import { builtPages } from '../../src/node/page-types.ts';
import { useSite } from './harness.ts';

const site = useSite();
const dist = process.env.SITE_DIST ?? `${process.cwd()}/dist`;

/** A raw GET (fetch would decode the body and hide the encoding). */
const get = (path: string, acceptEncoding?: string) =>
  new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    request(`${site.url}${path}`, { headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });

describe('compression', () => {
  it('reads Accept-Encoding the way browsers write it', () => {
    expect(acceptedEncodings('gzip, deflate, br, zstd')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('gzip;q=1.0, br;q=0')).toEqual(['gzip']);
    expect(acceptedEncodings('*')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings(undefined)).toEqual([]);
  });

  it('writes a brotli and a gzip copy of every page, style and script at build time', () => {
    const scripts = (readFileSync(`${dist}/index.html`, 'utf8').match(/\/_astro\/[^"]+\.(?:css|js)/g) ?? []).map((path) => path.slice(1));
    const missing = [...builtPages(dist).map((page) => (page.endsWith('/') ? `${page.slice(1)}index.html` : page.slice(1))), ...scripts]
      .filter((file) => COMPRESSIBLE.test(file))
      .filter((file) => !existsSync(`${dist}/${file}.br`) || !existsSync(`${dist}/${file}.gz`));
    expect(missing).toEqual([]);
  });

  it('serves the precompressed copy the browser accepts, with Vary, and the file itself otherwise', async () => {
    const path = '/dictionnaire/latest/dictionnaire-agora-latest.json';
    const original = readFileSync(`${dist}${path}`);
    const br = await get(path, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(br.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);
    const gzip = await get(path, 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(original)).toBe(true);
    const identity = await get(path);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.equals(original)).toBe(true);
    expect((await get('/dictionnaire/latest/kit-diagnostic-latest.xlsx', 'br')).headers['content-encoding']).toBeUndefined();
  });
});
