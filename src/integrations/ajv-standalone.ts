import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import type { Plugin } from 'vite';
import { etatSchemas } from '../core/etat-des-lieux/schemas.ts';
import { kitSchemas } from '../core/kit/schemas.ts';

/** Each partner workbook's record schemas, compiled into its own module: export name → schema. */
const modules: Record<string, Record<string, { $id: string }>> = {
  'virtual:agora/kit-validators': kitSchemas,
  'virtual:agora/etat-des-lieux-validators': etatSchemas,
};

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

/** A workbook's validators as an ES module; fails the build rather than ship code that would need eval. */
export function validatorsModule(schemas: Record<string, { $id: string }>): string {
  const ajv = new Ajv({ code: { source: true, esm: true }, allErrors: true, strict: true });
  addFormats(ajv, ['email']);
  for (const schema of Object.values(schemas)) ajv.addSchema(schema);
  const exports = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, schema.$id]));
  const code = requiresToImports(standaloneCode(ajv, exports));
  if (/\bnew Function\b|\beval\(|\brequire\(/.test(code)) throw new Error('ajv-standalone: le code généré contient eval, new Function ou require.');
  return code;
}

export const kitValidatorsModule = (): string => validatorsModule(kitSchemas);

/**
 * Serves `virtual:agora/kit-validators` and `virtual:agora/etat-des-lieux-validators`: each workbook's
 * JSON Schemas (src/core/<workbook>/schemas.ts) compiled by Ajv at build time. Register it for pages,
 * for workers (Vite bundles them with their own plugin list) and in Vitest.
 */
export function ajvStandalone(): Plugin {
  return {
    name: 'agora:ajv-standalone',
    resolveId: (id) => (id in modules ? `\0${id}` : undefined),
    load: (id) => {
      const schemas = id.startsWith('\0') ? modules[id.slice(1)] : undefined;
      return schemas ? validatorsModule(schemas) : undefined;
    },
  };
}
