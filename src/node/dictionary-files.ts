import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SourceFile } from '../core/dictionary/load.ts';

/** Every file under `<root>/dictionary`, with paths relative to `root` (what problems display). */
export function readDictionaryFiles(root: string): SourceFile[] {
  const dir = join(root, 'dictionary');
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
    .map((path) => ({ path: relative(root, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));
}
