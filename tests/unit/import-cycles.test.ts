import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The core's modules form no import cycle, type imports included: a cycle means a type or a helper lives
 * in the wrong file (issue 16: check-value ↔ referentials/rules, lint ↔ load). And the layers hold: the
 * dictionary sits below what is built from it.
 */
const root = resolve('src/core');

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const targets = [...text.matchAll(/^(?:import|export)\b[^'";]*?from\s+'(\.[^']+)'/gms)].map((match) => match[1] ?? '');
  return targets.filter((target) => target.endsWith('.ts')).map((target) => resolve(dirname(file), target));
}

/** Strongly connected components of more than one module (Tarjan), and modules importing themselves. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (;;) {
      const top = stack.pop() as string;
      onStack.delete(top);
      component.push(top);
      if (top === node) break;
    }
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.map((file) => relative(root, file)).sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('src/core imports', () => {
  it('form no cycle', () => {
    const files = modules(root);
    expect(files.length).toBeGreaterThan(50);
    const graph = new Map(files.map((file) => [file, importsOf(file)]));
    expect(cycles(graph)).toEqual([]);
  });

  it('keep the dictionary and the low-level file formats below the workbooks, the validators, the downloads and the freeze', () => {
    // Reached from dictionary/ or artefacts/formats/, directly or not, these would pull a whole stack under them.
    const above = /^(workbook|kit|etat-des-lieux|extract|croisement|migration|releases|rules)\/|^artefacts\/(?!formats\/)|^workbooks\.ts$/;
    const graph = new Map(modules(root).map((file) => [file, importsOf(file)]));
    const reached = (start: string) => {
      const seen = new Set<string>();
      const walk = (file: string) => {
        for (const target of graph.get(file) ?? []) if (!seen.has(target)) (seen.add(target), walk(target));
      };
      walk(start);
      return [...seen].map((file) => relative(root, file));
    };
    const below = [...graph.keys()].filter((file) => /^(dictionary|artefacts\/formats)\//.test(relative(root, file)));
    expect(below.length).toBeGreaterThan(10);
    expect(below.flatMap((file) => reached(file).filter((target) => above.test(target)).map((target) => `${relative(root, file)} → ${target}`))).toEqual([]);
  });

  it('catches a cycle when there is one', () => {
    const graph = new Map([
      ['/a.ts', ['/b.ts']],
      ['/b.ts', ['/a.ts']],
      ['/c.ts', ['/a.ts']],
    ]);
    expect(cycles(graph)).toHaveLength(1);
  });
});
