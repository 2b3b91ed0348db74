import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, type YAMLSeq } from 'yaml';
import { templateIdentity, type HashList } from '../../src/core/releases/freeze.ts';
import { compareVersions, nextVersion } from '../../src/core/dictionary/semver.ts';
import { findChromium } from '../../src/node/chromium.ts';
import { readHashList, readRepository } from '../../src/node/releases.ts';
import { DICTIONARIES_ID, dictionariesModule } from '../../src/integrations/dictionaries.ts';

/**
 * The README's maintainer steps, run on a scratch copy of this working tree: draft the next minor version
 * with a new optional field, check, preview, release, build for production on a real host's address — then
 * the version and migration browser tests run against that build. A release must leave the suite green
 * without a developer editing a test.
 */
const root = process.cwd();
// Inside the ignored tests/.output/: packages resolve from this working tree's node_modules, as from a clone's.
mkdirSync(join(root, 'tests/.output'), { recursive: true });
const scratch = mkdtempSync(join(root, 'tests/.output/release-'));
const HOST = 'https://partenaires.exemple.fr';
const MINUTES = 60_000;
const left = ['node_modules', 'dist', '.astro', '.git', 'tests/.output', 'src/generated'];

/** The environment of a maintainer's shell: none of this test run's own settings (Vitest's, the site's). */
const shell = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(VITEST|TEST$|NODE_ENV$|SITE_URL$|SITE_DIST$|DRAFTS$)/.test(key)));
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const result = spawnSync(process.execPath, args, { cwd: scratch, encoding: 'utf8', env: { ...shell, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};
const astroBuild = (outDir: string, env: NodeJS.ProcessEnv) => run([join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], env);
/** Git in the scratch copy, a clone of this repository. */
const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@exemple.fr', ...args], { cwd: scratch, encoding: 'utf8' });
const htmlPages = (dir: string) => (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((path) => path.endsWith('.html'));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The working tree as a clone has it: what git ignores (node_modules, dist, tests/.output…) left out. */
function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (left.includes(relative(root, source))) continue;
    if (entry.isDirectory()) copyTree(source, join(to, entry.name));
    else if (entry.isFile()) copyFileSync(source, join(to, entry.name));
  }
}

let version = '';
let fieldCode = '';

beforeAll(() => {
  // A clone keeps the history the freeze is checked against; the working tree goes on top, as a maintainer has it.
  spawnSync('git', ['clone', '-q', '--no-hardlinks', root, scratch]);
  copyTree(root, scratch);
  git('add', '-A');
  git('commit', '-qm', 'Scratch copy', '--allow-empty');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a maintainer publishes a minor version by following the README', () => {
  it('drafts it (number, status, a new optional field with its « since ») and dictionary:check accepts it', () => {
    const { repository } = readRepository(scratch);
    const newest = repository!.published[0]!.dictionary.manifest.version;
    // The working copy may already be a draft: the maintainer goes on with it, at least a minor version.
    const drafted = repository!.draft?.manifest.version;
    version = drafted && compareVersions(drafted, nextVersion(newest, 'mineure')) >= 0 ? drafted : nextVersion(newest, 'mineure');
    const manifestPath = join(scratch, 'dictionary/manifest.yaml');
    const manifest = parseDocument(readFileSync(manifestPath, 'utf8'));
    manifest.set('version', version);
    manifest.set('status', 'brouillon');
    writeFileSync(manifestPath, manifest.toString());

    const entity = repository!.working.entities[0]!;
    const entityPath = join(scratch, 'dictionary/entities', `${entity.id}.yaml`);
    const document = parseDocument(readFileSync(entityPath, 'utf8'));
    fieldCode = `${entity.fields[0]!.code.split('_')[0]}_ESSAI_PUBLICATION`;
    (document.get('fields') as YAMLSeq).add(
      document.createNode({
        code: fieldCode,
        label: 'Champ d’essai de la publication',
        definition: 'Champ facultatif ajouté par le test de publication d’une version mineure.',
        type: 'texte',
        constraints: { maxLength: 40 },
        obligation: 'facultative',
        personalData: false,
        example: 'Essai',
        since: version,
        sources: entity.fields[0]!.sources,
      }),
    );
    writeFileSync(entityPath, document.toString());

    const check = run(['scripts/dictionary-check.ts']);
    expect(check.output).toContain('aucun problème');
    expect(check.status, check.output).toBe(0);
  }, MINUTES);

  it('publishes no page or download of the draft in a production build, and all of them in a preview (DRAFTS=1)', async () => {
    const draftIn = async (env: NodeJS.ProcessEnv) => {
      const previous = process.env['DRAFTS'];
      if (env['DRAFTS'] === undefined) delete process.env['DRAFTS'];
      else process.env['DRAFTS'] = env['DRAFTS'];
      try {
        const plugin = dictionariesModule(scratch) as unknown as { configResolved(config: { command: string }): void; resolveId(id: string): string; load(this: { addWatchFile(): void }, id: string): string };
        plugin.configResolved({ command: 'build' });
        const data = JSON.parse(plugin.load.call({ addWatchFile: () => undefined }, plugin.resolveId(DICTIONARIES_ID)).replace(/^export default /, '').replace(/;$/, '')) as { draft: { manifest: { version: string } } | null };
        return data.draft?.manifest.version ?? null;
      } finally {
        if (previous === undefined) delete process.env['DRAFTS'];
        else process.env['DRAFTS'] = previous;
      }
    };
    // Every page and download of a version is generated from this module's data: without the draft, none exists.
    expect(await draftIn({})).toBeNull();
    expect(await draftIn({ DRAFTS: '1' })).toBe(version);

    const build = astroBuild('preview', { DRAFTS: '1' });
    expect(build.status, build.output).toBe(0);
    const pages = htmlPages(join(scratch, 'preview/dictionnaire', version));
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      const html = readFileSync(join(scratch, 'preview/dictionnaire', version, page), 'utf8');
      expect(html, page).toContain('<meta name="robots" content="noindex"/>');
      expect(html, page).toContain('brouillon, non publiée');
      expect(html, page).toContain('Version en préparation');
    }
    expect(readFileSync(join(scratch, 'preview/dictionnaire', version, `${repository().working.entities[0]!.id}/index.html`), 'utf8')).toContain(`id="${fieldCode}"`);
    expect(existsSync(join(scratch, 'preview/dictionnaire', version, `dictionnaire-agora-${version}.json`))).toBe(true);
    // « latest » stays the newest published version.
    expect((JSON.parse(readFileSync(join(scratch, 'preview/dictionnaire/latest/dictionnaire-agora-latest.json'), 'utf8')) as { manifest: { version: string } }).manifest.version).not.toBe(version);
  }, 5 * MINUTES);

  it('releases it: dictionary:release freezes it, and dictionary:check then finds the published versions unchanged', () => {
    const release = run(['scripts/dictionary-release.ts', version]);
    expect(release.status, release.output).toBe(0);
    expect(existsSync(join(scratch, 'releases', version, 'hashes.json'))).toBe(true);
    const check = run(['scripts/dictionary-check.ts']);
    expect(check.status, check.output).toBe(0);
    // README step 5: the maintainer commits the release.
    git('add', '-A');
    git('commit', '-qm', `Dictionnaire ${version}`);
  }, 3 * MINUTES);

  it('serves, from a production build on a real host, each published version’s frozen bytes — and no draft', () => {
    const build = astroBuild('dist', { SITE_URL: `${HOST}/` });
    expect(build.status, build.output).toBe(0);
    const { repository } = readRepository(scratch);
    expect(repository!.published[0]!.dictionary.manifest.version).toBe(version);
    const differing: string[] = [];
    let compared = 0;
    for (const { folder, dictionary } of repository!.published) {
      const list = readHashList(scratch, folder) as HashList;
      const served = (path: string) => new Uint8Array(readFileSync(join(scratch, 'dist/dictionnaire', dictionary.manifest.version, path)));
      for (const [path, hash] of Object.entries(list.artefacts)) {
        compared += 1;
        if (sha(served(path)) !== hash) differing.push(`${dictionary.manifest.version}/${path}`);
      }
      for (const [path, identity] of Object.entries(list.templates)) expect(templateIdentity(served(path)), path).toEqual(identity);
    }
    expect(differing).toEqual([]);
    expect(compared).toBeGreaterThan(repository!.published.length * 10);
    const canonical = readFileSync(join(scratch, 'dist/dictionnaire', version, 'index.html'), 'utf8');
    expect(canonical).toContain(`<link rel="canonical" href="${HOST}/dictionnaire/${version}/"/>`);
    expect(htmlPages(join(scratch, 'dist')).filter((page) => readFileSync(join(scratch, 'dist', page), 'utf8').includes('brouillon, non publiée'))).toEqual([]);
  }, 5 * MINUTES);

  it('keeps the version and migration browser tests green against that build', () => {
    const chromium = findChromium({ install: false });
    const tests = run([join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/browser/versions.test.ts', 'tests/browser/kit-migration.test.ts'], { CHROME_PATH: chromium.path ?? '', SITE_DIST: join(scratch, 'dist') });
    expect(tests.status, tests.output).toBe(0);
    expect(tests.output).toMatch(/Tests\s+\S*\d+ passed/);
  }, 5 * MINUTES);
});

function repository() {
  return readRepository(scratch).repository!;
}
