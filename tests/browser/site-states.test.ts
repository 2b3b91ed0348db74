// The same site built from a scratch copy of the repository in the other state of each setting: every
// dictionary version declared official, the platform's contacts and legal notice configured, and a title
// of the version in force's sources changed. The notices disappear and nothing else of the dictionary
// pages changes; each « ask the platform team » sentence gives the contact configured for its topic; the
// legal notice shows its parties; the guide cites the changed title.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactFor, contactTopics, platformConfigSchema, type ContactTopic } from '../../src/core/config/platform.ts';
import { loadDataFile } from '../../src/core/data-file.ts';
import { composedNotice } from '../../src/core/dictionary/origin.ts';
import { readRepository } from '../../src/node/releases.ts';
import { builtSite, plain, presentsDictionary, type BuiltSite } from './built-site.ts';

const root = process.cwd();
const shipped = builtSite(process.env.SITE_DIST ?? `${root}/dist`);
const MARK = 'TITRE MODIFIÉ POUR LE TEST';
const config = `contacts:
  - role: Équipe accrochage
    email: accrochage@exemple.fr
  - role: Équipe interops
    email: interops@exemple.fr
    topics: [technique]
  - role: Équipe conventions
    email: conventions@exemple.fr
    topics: [juridique]
documents: []
legal:
  publisher:
    name: Éditeur de test
    address: 1 rue de l’Exemple, 75000 Paris
  director:
    name: Directrice de test
  host:
    name: Hébergeur de test
    address: 2 rue de l’Exemple, 75000 Paris
`;

let scratch: string;
let site: BuiltSite;
let inForceVersion: string;
/** Published versions whose frozen manifest states their origin: their downloads lose the notice's bytes. */
const reweighed: string[] = [];

beforeAll(() => {
  // Inside the repository, so that the scratch copy resolves the repository's node_modules as its own
  // parent folder (a symbolic link makes Vite see each module under two paths).
  mkdirSync(join(root, 'tests/.output'), { recursive: true });
  scratch = mkdtempSync(join(root, 'tests/.output/site-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files.filter((path) => !path.startsWith('tests/') && existsSync(join(root, path)))) {
    mkdirSync(dirname(join(scratch, file)), { recursive: true });
    cpSync(join(root, file), join(scratch, file));
  }
  const edit = (path: string, change: (text: string) => string) => {
    const text = readFileSync(join(scratch, path), 'utf8');
    const next = change(text);
    if (next === text) throw new Error(`${path} : modification sans effet`);
    writeFileSync(join(scratch, path), next);
  };
  edit('releases/index.yaml', (text) => text.replaceAll('origin: composé', 'origin: officiel'));
  writeFileSync(join(scratch, 'src/config/plateforme.yaml'), config);
  // The title changes in the version in force and, when the working copy carries that version, in it too.
  const { repository } = readRepository(root);
  const inForce = repository?.published.find(({ release }) => release.status === 'en vigueur') ?? repository?.published[0];
  if (!inForce) throw new Error('aucune version en vigueur');
  inForceVersion = inForce.dictionary.manifest.version;
  // Versions published since the key exists state their origin in their frozen manifest, which the working
  // copy repeats when it carries that version: both change together, as the freeze compares them.
  const manifests: { path: string; version?: string }[] = [{ path: 'dictionary/manifest.yaml' }, ...(repository?.published ?? []).map(({ folder, dictionary }) => ({ path: `${folder}/dictionary/manifest.yaml`, version: dictionary.manifest.version }))];
  for (const { path, version } of manifests.filter(({ path }) => /^origin:/m.test(readFileSync(join(scratch, path), 'utf8')))) {
    edit(path, (text) => text.replace(/^origin: .*$/m, 'origin: officiel'));
    if (version) reweighed.push(version);
  }
  const retitle = (text: string) => text.replace(/(- id: decret-2017-772\n\s+title: [^\n]+)/, `$1 (${MARK})`);
  edit(`${inForce.folder}/dictionary/sources.yaml`, retitle);
  if (repository?.working.manifest.version === inForce.dictionary.manifest.version) edit('dictionary/sources.yaml', retitle);
  execFileSync('npx', ['astro', 'build'], { cwd: scratch, stdio: 'pipe', timeout: 280_000 });
  site = builtSite(join(scratch, 'dist'));
}, 300_000);

afterAll(() => {
  if (scratch && !process.env.KEEP_SCRATCH) rmSync(scratch, { recursive: true, force: true });
});

describe('built with every version official, contacts and legal notice configured', () => {
  it('shows no composed-dictionary notice anywhere', () => {
    const notice = plain(composedNotice.text);
    expect(site.pages.length).toBe(shipped.pages.length);
    expect(site.pages.filter((path) => /data-(origin|file)-notice/.test(site.html(path)) || site.text(path, 'body').includes(notice))).toEqual([]);
  });

  it('changes nothing else on the pages that present the dictionary', () => {
    // Pages that differ for the other changes are left out: those that cite the retitled source, count the
    // version in force's changes or weigh its downloads (the title is one more change, a few more bytes), weigh
    // the downloads of a version declared official (without the notice, fewer bytes), and those that send the
    // partner to the now configured platform team.
    const retitled = [`/dictionnaire/${inForceVersion}/changements/`, '/dictionnaire/versions/', ...new Set([inForceVersion, ...reweighed])].map((entry) => (entry.startsWith('/') ? entry : `/dictionnaire/${entry}/telechargements/`));
    const compared = shipped.pages
      .filter(presentsDictionary)
      .filter((path) => !site.text(path).includes(MARK) && !retitled.includes(path) && !site.html(path).includes('data-ask-platform'));
    expect(compared.length).toBeGreaterThan(20);
    expect(compared.filter((path) => site.text(path) !== shipped.textWithoutNotice(path))).toEqual([]);
    // The removal is not a no-op: the shipped pages did carry the notice.
    expect(compared.filter((path) => shipped.text(path) === shipped.textWithoutNotice(path))).toEqual([]);
  });

  it('gives, in each sentence that sends the partner to the platform team, the contact configured for its topic', () => {
    const platform = loadDataFile('src/config/plateforme.yaml', config, platformConfigSchema);
    const sentences = site.pages.flatMap((path) => [...site.html(path).matchAll(/data-ask-platform="([a-z]+)"[^>]*>([\s\S]*?)<\/span>/g)].map((m) => ({ path, topic: m[1] as ContactTopic, html: m[2] ?? '' })));
    expect(new Set(sentences.map((s) => s.topic)).size).toBeGreaterThan(3);
    expect(contactTopics.length).toBeGreaterThan(3);
    expect(sentences.filter((s) => !s.html.includes(`href="mailto:${contactFor(platform, s.topic)?.email}"`)).map((s) => `${s.path} (${s.topic})`)).toEqual([]);
  });

  it('shows the publisher, the publication director and the host in the legal notice', () => {
    const text = site.text('/mentions-legales/');
    for (const name of ['Éditeur de test', 'Directrice de test', 'Hébergeur de test']) expect(text).toContain(name);
    expect(site.html('/mentions-legales/')).not.toContain('data-to-supply');
  });

  it('cites on the guide the title as the version in force’s sources now give it', () => {
    expect(site.text('/guide/volet-juridique/')).toContain(MARK);
    expect(shipped.text('/guide/volet-juridique/')).not.toContain(MARK);
  });
});
