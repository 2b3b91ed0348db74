import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { headersFile, nginxSnippet, securityHeaders } from '../core/security/csp.ts';

/**
 * After the build, hashes every inline script of the built pages (Starlight's theme and sidebar
 * scripts) and writes `dist/_headers` and `dist/nginx-security-headers.conf`: a `<meta>` CSP would
 * not reach Worker scripts, and Astro's own CSP misses Starlight's inline scripts.
 */
export function securityHeadersIntegration(): AstroIntegration {
  return {
    name: 'agora:security-headers',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const hashes = new Set<string>();
        const pages = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.html'));
        for (const page of pages) {
          const html = await readFile(join(root, page), 'utf8');
          for (const match of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
            const body = match[1] ?? '';
            if (body.trim() !== '' && !/type="application\/(ld\+)?json"/.test(match[0])) {
              hashes.add(createHash('sha256').update(body).digest('base64'));
            }
          }
        }
        const headers = securityHeaders([...hashes]);
        await writeFile(join(root, '_headers'), headersFile(headers));
        await writeFile(join(root, 'nginx-security-headers.conf'), nginxSnippet(headers));
        logger.info(`${hashes.size} inline script hash(es) from ${pages.length} pages written to _headers`);
      },
    },
  };
}
