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
  return {
    name: 'agora:build-time-data',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith(QUERY)) return undefined;
      const resolved = await this.resolve(source.slice(0, -QUERY.length), importer, { skipSelf: true });
      return resolved ? `${resolved.id}${QUERY}` : undefined;
    },
    async load(id) {
      if (!id.endsWith(QUERY)) return undefined;
      const { module, dependencies } = await runnerImport<Record<string, unknown>>(id.slice(0, -QUERY.length), { configFile: false, logLevel: 'error' });
      for (const dependency of dependencies) this.addWatchFile(dependency);
      return Object.entries(module)
        .filter(([, value]) => typeof value !== 'function')
        .map(([name, value]) => `export ${name === 'default' ? 'default' : `const ${name} =`} JSON.parse(${JSON.stringify(JSON.stringify(value))});`)
        .join('\n');
    },
  };
}
