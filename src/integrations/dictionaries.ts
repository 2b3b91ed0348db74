import type { Plugin } from 'vite';
import { formatProblem } from '../core/problems.ts';
import { readRepositoryFiles } from '../node/releases.ts';
import { loadRepository } from '../core/dictionary/repository.ts';

export const DICTIONARIES_ID = 'virtual:agora/dictionaries';
const RESOLVED_ID = `\0${DICTIONARIES_ID}`;

/**
 * Serves `virtual:agora/dictionaries`: every version the site publishes (the frozen ones of releases/,
 * and the working copy while it is a draft), loaded and checked at build time and handed over as plain
 * JSON. Pages, islands and workers get the data without the YAML parser or the schemas; `astro dev`
 * reloads when a dictionary file changes. A dictionary with errors stops the build with every problem.
 */
export function dictionariesModule(root: string = process.cwd()): Plugin {
  return {
    name: 'agora:dictionaries',
    resolveId: (id) => (id === DICTIONARIES_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const files = readRepositoryFiles(root);
      for (const file of [...files.working, ...files.releases.flatMap((version) => version.files), ...(files.index ? [files.index] : [])]) this.addWatchFile(`${root}/${file.path}`);
      const { repository, problems } = loadRepository(files);
      const errors = problems.filter((problem) => problem.severity === 'erreur');
      if (!repository || errors.length > 0) throw new Error(`Le dictionnaire contient des erreurs (npm run dictionary:check) :\n${errors.map(formatProblem).join('\n')}`);
      const data = {
        published: repository.published.map(({ dictionary, release }) => ({ dictionary, release })),
        draft: repository.draft ?? null,
      };
      return `export default ${JSON.stringify(data)};`;
    },
  };
}
