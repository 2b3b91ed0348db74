import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import type { Plugin } from 'vite';
import { kitSchemas } from '../core/kit/schemas.ts';

export const KIT_VALIDATORS_ID = 'virtual:agora/kit-validators';
const RESOLVED_ID = `\0${KIT_VALIDATORS_ID}`;

/**
 * Ajv's standalone output is CommonJS-flavoured: `require("ajv/dist/runtime/…")`, `require("ajv-formats/dist/formats")`.
 * Bundlers hand a CommonJS namespace over in two shapes (Node: `default` is `module.exports`; Rolldown:
 * the named exports, `default` being `exports.default`): `__cjs` returns the `exports` object in both.
 */
const INTEROP = 'const __cjs = (ns) => (ns.default && ns.default.__esModule ? ns.default : ns);';

/** Turns each `require("x")` of Ajv's output into an ES import, so the module runs in Node ESM, Vitest and workers. */
export function requiresToImports(code: string): string {
  const specifiers: string[] = [];
  const body = code.replace(/require\(("[^"\\]+")\)/g, (_, literal: string) => {
    const specifier = JSON.parse(literal) as string;
    const index = specifiers.includes(specifier) ? specifiers.indexOf(specifier) : specifiers.push(specifier) - 1;
    return `__cjs(__dep${index})`;
  });
  const imports = specifiers.map((specifier, i) => `import * as __dep${i} from ${JSON.stringify(specifier)};`);
  return [...imports, ...(specifiers.length > 0 ? [INTEROP] : []), body.replace(/^"use strict";\n?/, '')].join('\n');
}

/** The kit's validators as an ES module; fails the build rather than ship code that would need eval. */
export function kitValidatorsModule(): string {
  const ajv = new Ajv({ code: { source: true, esm: true }, allErrors: true, strict: true });
  addFormats(ajv, ['email']);
  for (const schema of Object.values(kitSchemas)) ajv.addSchema(schema);
  const exports = Object.fromEntries(Object.entries(kitSchemas).map(([name, schema]) => [name, schema.$id]));
  const code = requiresToImports(standaloneCode(ajv, exports));
  if (/\bnew Function\b|\beval\(|\brequire\(/.test(code)) throw new Error('ajv-standalone: le code généré contient eval, new Function ou require.');
  return code;
}

/**
 * Serves `virtual:agora/kit-validators`: the kit's JSON Schemas (src/core/kit/schemas.ts) compiled by Ajv
 * at build time. Register it for pages, for workers (Vite bundles them with their own plugin list) and in Vitest.
 */
export function ajvStandalone(): Plugin {
  return {
    name: 'agora:ajv-standalone',
    resolveId: (id) => (id === KIT_VALIDATORS_ID ? RESOLVED_ID : undefined),
    load: (id) => (id === RESOLVED_ID ? kitValidatorsModule() : undefined),
  };
}
