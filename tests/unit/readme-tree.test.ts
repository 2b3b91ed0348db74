import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('## Organisation du dépôt'), readme.indexOf('\n## ', readme.indexOf('## Organisation du dépôt') + 1));
const tree = section.slice(section.indexOf('```\n') + 4, section.indexOf('\n```', section.indexOf('```\n') + 4));
const dirs = (path: string) => readdirSync(path, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

/** Lines of the tree that sit under `parent` (the line naming it and those indented below it). */
function under(parent: string): string {
  const lines = tree.split('\n');
  const start = lines.findIndex((line) => line.startsWith(parent));
  if (start < 0) return '';
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^\S/.test(line) && !line.startsWith(parent));
  return [lines[start], ...(end < 0 ? rest : rest.slice(0, end))].join('\n');
}

describe('README « Organisation du dépôt » matches the tree', () => {
  it('names every folder of src/', () => {
    expect(dirs('src').filter((dir) => !tree.includes(`src/${dir}/`))).toEqual([]);
  });

  it('names every folder of src/core/ and src/components/ under its parent', () => {
    const core = under('src/core/');
    expect(dirs('src/core').filter((dir) => !new RegExp(`(^|[\\s,])${dir}/`, 'm').test(core))).toEqual([]);
    const components = under('src/components/');
    expect(dirs('src/components').filter((dir) => !components.includes(`${dir}/`))).toEqual([]);
  });

  it('every path it names exists', () => {
    const paths = [...section.matchAll(/`?((?:src|tests|scripts|dictionary|releases)\/[\w./\-[\]<>]*)/g)].map((match) => match[1]!.replace(/[.,;:]$/, ''));
    const concrete = paths.filter((path) => !/[<*]/.test(path));
    expect(concrete.length).toBeGreaterThan(20);
    // Indented lines under src/core/ name its folders by their path inside it.
    expect(concrete.filter((path) => !existsSync(path) && !existsSync(join('src/core', path)))).toEqual([]);
    const core = under('src/core/');
    const named = [...core.matchAll(/^ {2}([\w-]+(?:\/|\.ts))(?:, ([\w-]+\/))?/gm)].flatMap((match) => [match[1], match[2]].filter(Boolean) as string[]);
    expect(named.filter((name) => !existsSync(join('src/core', name)))).toEqual([]);
  });
});
