import type { Plugin } from 'vite';
import { formatProblem } from '../core/problems.ts';
import { readRepositoryFiles } from '../node/releases.ts';
import { loadRepository } from '../core/dictionary/repository.ts';

export const DICTIONARIES_ID = 'virtual:agora/dictionaries';
const RESOLVED_ID = `\0${DICTIONARIES_ID}`;

/**
 * Whether a build shows the working copy while it is a draft: `astro dev`, or a preview build asked for
 * with DRAFTS=1. A production build publishes no page or download of a draft, so no draft file ever
 * takes the address a frozen file will later have.
 */
export const buildsDrafts = (command: 'build' | 'serve', env: NodeJS.ProcessEnv = process.env) => command === 'serve' || env['DRAFTS'] === '1';

/**
 * Serves `virtual:agora/dictionaries`: every version the site publishes (the frozen ones of releases/,
 * and, in a preview, the working copy while it is a draft), loaded and checked at build time and handed
 * over as plain JSON. Pages, islands and workers get the data without the YAML parser or the schemas;
 * `astro dev` reloads when a dictionary file changes. A dictionary with errors, draft included, stops the
 * build with every problem.
 */
export function dictionariesModule(root: string = process.cwd()): Plugin {
  let drafts = buildsDrafts('build');
  return {
    name: 'agora:dictionaries',
    configResolved(config) {
      drafts = buildsDrafts(config.command);
    },
    resolveId: (id) => (id === DICTIONARIES_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      return dictionariesSource(root, drafts, (path) => this.addWatchFile(path));
    },
  };
}

/**
 * The module's source: every published version (and the draft when `drafts`), loaded and checked. The
 * command line’s single file embeds the same module (src/integrations/command-line.ts). Stops on any error.
 */
export function dictionariesSource(root: string, drafts: boolean, watch: (path: string) => void = () => undefined): string {
  const files = readRepositoryFiles(root);
  for (const file of [...files.working, ...files.releases.flatMap((version) => version.files), ...(files.index ? [files.index] : [])]) watch(`${root}/${file.path}`);
  const { repository, problems } = loadRepository(files);
  const errors = problems.filter((problem) => problem.severity === 'erreur');
  if (!repository || errors.length > 0) throw new Error(`Le dictionnaire contient des erreurs (npm run dictionary:check) :\n${errors.map(formatProblem).join('\n')}`);
  const data = {
    published: repository.published.map(({ dictionary, release }) => ({ dictionary, release })),
    draft: (drafts && repository.draft) || null,
  };
  return `export default ${JSON.stringify(data)};`;
}
