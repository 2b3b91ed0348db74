import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SourceFile } from '../core/dictionary/load.ts';

/**
 * Every file under `<root>/dictionary`, with paths relative to `base` (what problems display): the
 * working copy is read with `root` = `base` = the repository, a published version with
 * `root` = `<repository>/releases/<version>`.
 */
export function readDictionaryFiles(root: string, base: string = root): SourceFile[] {
  const dir = join(root, 'dictionary');
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
    .map((path) => ({ path: relative(base, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));
}
