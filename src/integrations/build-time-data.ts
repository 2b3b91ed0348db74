import { runnerImport, type Plugin } from 'vite';

const QUERY = '?build-time-data';

/**
 * `import { dictionaries } from '…/dictionaries.ts?build-time-data'` gives the browser (pages and workers)
 * the module's exported values, evaluated at build time and inlined as JSON: the YAML parser and the zod
 * schemas that produced them stay on the build machine. zod compiles checks with `new Function` when it
 * can, which the site's CSP (no eval) reports as a violation in the console.
 * Only plain-data exports can be imported this way; importing a function fails the build.
 */
export function buildTimeData(): Plugin {
  // Pages and workers are separate builds that may ask for the same module: evaluate it once per build.
  const modules = new Map<string, ReturnType<typeof runnerImport<Record<string, unknown>>>>();
  return {
    name: 'agora:build-time-data',
    enforce: 'pre',
    buildStart: () => modules.clear(),
    async resolveId(source, importer) {
      if (!source.endsWith(QUERY)) return undefined;
      const resolved = await this.resolve(source.slice(0, -QUERY.length), importer, { skipSelf: true });
      return resolved ? `${resolved.id}${QUERY}` : undefined;
    },
    async load(id) {
      if (!id.endsWith(QUERY)) return undefined;
      const path = id.slice(0, -QUERY.length);
      if (!modules.has(path)) modules.set(path, runnerImport<Record<string, unknown>>(path, { configFile: false, logLevel: 'error' }));
      const { module, dependencies } = await (modules.get(path) as ReturnType<typeof runnerImport<Record<string, unknown>>>);
      for (const dependency of dependencies) this.addWatchFile(dependency);
      return Object.entries(module)
        .filter(([, value]) => typeof value !== 'function')
        .map(([name, value]) => `export ${name === 'default' ? 'default' : `const ${name} =`} JSON.parse(${JSON.stringify(JSON.stringify(value))});`)
        .join('\n');
    },
  };
}
