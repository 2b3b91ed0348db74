import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { typesetHtml } from '../core/typography.ts';

/**
 * French typography on every built page (no-break spaces before « : ; ! ? » and inside
 * guillemets), so that authors of guides and generated pages type ordinary spaces. Astro 7's
 * Markdown engine runs no remark plugins, hence a pass over the HTML output.
 */
export function frenchTypographyIntegration(): AstroIntegration {
  return {
    name: 'agora:french-typography',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const root = fileURLToPath(dir);
        const pages = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.html'));
        await Promise.all(
          pages.map(async (page) => {
            const path = join(root, page);
            const html = await readFile(path, 'utf8');
            const typeset = typesetHtml(html);
            if (typeset !== html) await writeFile(path, typeset);
          }),
        );
      },
    },
  };
}
