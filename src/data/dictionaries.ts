import { loadDictionary } from '../core/dictionary/load.ts';
import type { Dictionary } from '../core/dictionary/model.ts';
import { formatProblem } from '../core/problems.ts';

/** Bundled by Vite so that `astro dev` reloads pages when a dictionary file changes. */
const files = import.meta.glob<string>('/dictionary/**/*.yaml', { query: '?raw', import: 'default', eager: true });

function load(): Dictionary {
  const { dictionary, problems } = loadDictionary(Object.entries(files).map(([path, text]) => ({ path: path.replace(/^\//, ''), text })));
  if (!dictionary) {
    throw new Error(`Le dictionnaire contient des erreurs (npm run dictionary:check) :\n${problems.map(formatProblem).join('\n')}`);
  }
  return dictionary;
}

/** Every published version, newest first. */
export const dictionaries: Dictionary[] = [load()];

export const latest: Dictionary = dictionaries[0] as Dictionary;

export function dictionaryByVersion(version: string): Dictionary | undefined {
  return version === 'latest' ? latest : dictionaries.find((d) => d.manifest.version === version);
}

/** Props of a page generated once per dictionary version. */
export interface VersionProps {
  dictionary: Dictionary;
}

/** `getStaticPaths` of the pages under /dictionnaire/<version>/. */
export const versionPaths = () => dictionaries.map((dictionary) => ({ params: { version: dictionary.manifest.version }, props: { dictionary } satisfies VersionProps }));
