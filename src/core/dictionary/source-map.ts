import type { Field } from './model.ts';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';

/** Parsed YAML files kept with their line counters, so any problem can be given as file:line. */
export class SourceMap {
  readonly #docs = new Map<string, { doc: Document; lines: LineCounter }>();

  parse(path: string, text: string): Document {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    this.#docs.set(path, { doc, lines });
    return doc;
  }

  /** `file:line` of the deepest node that exists along `path` (falls back to line 1). */
  place(path: string, keys: readonly PropertyKey[] = []): string {
    return `${path}:${this.line(path, keys)}`;
  }

  line(path: string, keys: readonly PropertyKey[]): number {
    const entry = this.#docs.get(path);
    if (!entry) return 1;
    for (let depth = keys.length; depth >= 0; depth -= 1) {
      const node = entry.doc.getIn(keys.slice(0, depth).map(String).map(numericKey), true);
      if (isNode(node) && node.range) {
        return entry.lines.linePos(node.range[0]).line;
      }
    }
    return 1;
  }
}

function numericKey(key: string): string | number {
  return /^\d+$/.test(key) ? Number(key) : key;
}

/** Where each loaded item came from, for the lint's file:line places. */
export interface Origins {
  sourceMap: SourceMap;
  entities: Map<string, string>;
  /** Position of each loaded field in its file's `fields` list. */
  fieldIndexes: WeakMap<Field, number>;
  nomenclatures: Map<string, string>;
  manifest: string;
  sources: string;
  referentials: string;
  /** Codes and ids of items that failed their schema: references to them are not reported again. */
  unreadable: ReadonlySet<string>;
}
