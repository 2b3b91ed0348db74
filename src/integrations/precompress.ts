import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { AstroIntegration } from 'astro';
import { COMPRESSIBLE, compressedVariants } from '../node/compression.ts';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Writes a `.br` and a `.gz` copy beside every text file of the built site (pages, styles, scripts,
 * data), once, at build time: `npm run serve` (src/node/static-server.ts) and nginx (`gzip_static`,
 * `brotli_static`) then send them as they are. Runs last, after every pass that rewrites pages.
 * A copy that would not be smaller is not written.
 */
export function precompressIntegration(): AstroIntegration {
  return {
    name: 'agora:precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const files = ((await readdir(root, { recursive: true })) as string[]).filter((file) => COMPRESSIBLE.test(file));
        let before = 0;
        let after = 0;
        for (const file of files) {
          const path = join(root, file);
          if (!(await stat(path)).isFile()) continue;
          const bytes = await readFile(path);
          const [br, gzipped] = await Promise.all([
            // Brotli's best quality is slow on the large worker bundles: a notch lower there costs a few per cent.
            brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: bytes.length > 256 * 1024 ? 9 : 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
            gz(bytes, { level: 9 }),
          ]);
          before += bytes.length;
          for (const [variant, data] of [[compressedVariants.br, br], [compressedVariants.gzip, gzipped]] as const) {
            if (data.length < bytes.length) await writeFile(`${path}${variant}`, data);
          }
          after += br.length;
        }
        logger.info(`${files.length} files precompressed (brotli): ${Math.round(before / 1024)} Ko → ${Math.round(after / 1024)} Ko`);
      },
    },
  };
}
