import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { CHECKSUM_FILE, COMMAND_FILE, COMMAND_PAGE, reportSchema, SCHEMA_FILE } from '../node/cli/report-schema.ts';
import { DICTIONARIES_ID, dictionariesSource } from './dictionaries.ts';

/** The oldest Node the single file runs on: what partners' servers commonly have. */
export const COMMAND_NODE_TARGET = 'node20';

/**
 * The command line as one file: src/node/cli/bundled.ts with every module it imports (SheetJS, ExcelJS,
 * fflate) and every published dictionary version, embedded from the module the pages read. It imports
 * only Node's own modules, so it runs without an install step; nothing in it reaches the network.
 */
export async function bundleCommand(root: string = process.cwd()): Promise<{ bytes: Uint8Array; imports: string[] }> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'src/node/cli/bundled.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: COMMAND_NODE_TARGET,
    write: false,
    metafile: true,
    minify: true,
    legalComments: 'eof',
    logLevel: 'silent',
    // ExcelJS and its dependencies are CommonJS and require Node's modules: give them `require` in an ES module.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __agoraRequire } from 'node:module';\nconst require = __agoraRequire(import.meta.url);" },
    plugins: [
      {
        name: 'agora:dictionaries',
        setup(plugin) {
          plugin.onResolve({ filter: new RegExp(`^${DICTIONARIES_ID}$`) }, () => ({ path: DICTIONARIES_ID, namespace: 'agora' }));
          // Published versions only, as a production build publishes them.
          plugin.onLoad({ filter: /.*/, namespace: 'agora' }, () => ({ contents: dictionariesSource(root, false), loader: 'js' }));
        },
      },
    ],
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error('esbuild n’a produit aucun fichier pour la commande agora-verifier.');
  // What the file still imports once bundled: Node's own modules only, or it would need an install step.
  const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((entry) => entry.path));
  return { bytes: file.contents, imports };
}

/** `sha256sum -c` reads this line: the hash, two spaces, the file name. */
export const checksumLine = (bytes: Uint8Array) => `${createHash('sha256').update(bytes).digest('hex')}  ${COMMAND_FILE}\n`;

/**
 * Publishes the command beside its page, at a stable address: /verifier/traitements/agora-verifier.mjs,
 * its SHA-256 (agora-verifier.mjs.sha256) and the JSON Schema of its report. Runs before compression.
 */
export function commandLineIntegration(): AstroIntegration {
  return {
    name: 'agora:command-line',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const folder = join(fileURLToPath(dir), COMMAND_PAGE);
        await mkdir(folder, { recursive: true });
        const { bytes } = await bundleCommand();
        await writeFile(join(folder, COMMAND_FILE), bytes);
        await writeFile(join(folder, CHECKSUM_FILE), checksumLine(bytes));
        await writeFile(join(folder, SCHEMA_FILE), `${JSON.stringify(reportSchema, null, 2)}\n`);
        logger.info(`${COMMAND_PAGE}${COMMAND_FILE} : ${(bytes.length / 1024 / 1024).toFixed(1)} Mo, avec son empreinte et le schéma de son rapport`);
      },
    },
  };
}
