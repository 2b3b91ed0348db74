import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inForce } from '../../src/core/dictionary/statuses.ts';
import { bundleCommand, checksumLine } from '../../src/integrations/command-line.ts';
import { COMMAND_FILE, reportSchema } from '../../src/node/cli/report-schema.ts';
import type { Report } from '../../src/node/cli/report.ts';
import { readRepository } from '../../src/node/releases.ts';
import { writeCommandSamples } from '../fixtures/node/cli-files.ts';
import { runCommand } from '../fixtures/node/command.ts';

/**
 * The single file the site publishes: one ES module that imports nothing but Node's own modules, runs
 * on the system's Node 20 (not the Node 24 `npm ci` installs), embeds every published version, and
 * answers as the command of a clone does — exit codes 1, 1, 0 on a planted extract, a planted kit and a
 * valid état des lieux, with a JSON report valid against the published schema.
 */
const folder = mkdtempSync(join(tmpdir(), 'agora-cli-bundle-'));
const command = join(folder, COMMAND_FILE);
const published = readRepository(process.cwd()).repository?.published ?? [];
let bytes: Uint8Array;
let imports: string[];
let kitPlanted = '';

/** The Node the machine has, outside node_modules (which holds the Node 24 of `npm ci`): Debian's Node 20. */
function systemNode(): string {
  const candidates = (process.env['PATH'] ?? '').split(delimiter).filter((dir) => dir && !dir.includes('node_modules')).map((dir) => join(dir, 'node'));
  const found = [...candidates, '/usr/bin/node', '/usr/local/bin/node'].find((path) => existsSync(path));
  if (!found) throw new Error('Aucun Node hors de node_modules : installez le Node du système (apt-get install nodejs) pour ce test.');
  return found;
}
const node = systemNode();

beforeAll(async () => {
  ({ bytes, imports } = await bundleCommand());
  writeFileSync(command, bytes);
  writeFileSync(`${command}.sha256`, checksumLine(bytes));
  ({ kitPlanted } = await writeCommandSamples(folder, inForce(published)!.dictionary));
}, 180_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the single file agora-verifier.mjs', () => {
  it('runs on the system Node, which is older than 22', () => {
    const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
    expect(Number(/^v(\d+)/.exec(version)?.[1])).toBeLessThan(22);
    expect(Number(/^v(\d+)/.exec(version)?.[1])).toBeGreaterThanOrEqual(20);
  });

  it('imports only Node’s own modules: nothing to install', () => {
    expect(imports.length).toBeGreaterThan(0);
    const builtins = new Set(builtinModules);
    expect([...new Set(imports)].filter((name) => !builtins.has(name.replace(/^node:/, '')))).toEqual([]);
  });

  it('comes with its SHA-256 in the format sha256sum -c reads', () => {
    expect(checksumLine(bytes)).toBe(`${createHash('sha256').update(bytes).digest('hex')}  ${COMMAND_FILE}\n`);
    expect(execFileSync('sha256sum', ['-c', `${COMMAND_FILE}.sha256`], { cwd: folder, encoding: 'utf8' })).toBe(`${COMMAND_FILE}: OK\n`);
  });

  it('embeds every published version of the dictionary', () => {
    const run = runCommand(['--versions'], { node, command, cwd: folder });
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n').map((line) => line.split('\t')[0])).toEqual(published.map(({ dictionary }) => dictionary.manifest.version));
  });

  it('exits 1, 1 and 0 on a planted extract, a planted kit and a valid état des lieux, with a report valid against its schema, without network', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(reportSchema);
    const codes: (number | null)[] = [];
    for (const file of ['titulaire-plante.csv', kitPlanted, 'etat-valide.xlsx']) {
      const run = runCommand(['--format', 'json', file], { node, command, cwd: folder, noNetwork: true });
      expect(run.stderr, file).toBe('');
      const report = JSON.parse(run.stdout) as Report;
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
      const clone = JSON.parse(runCommand(['--format', 'json', file], { cwd: folder }).stdout) as Report;
      const dated = (value: Report) => JSON.stringify(value).replace(/"verifieLe":"[^"]+"/g, '');
      expect(dated(report), file).toBe(dated(clone));
      codes.push(run.status);
    }
    expect(codes).toEqual([1, 1, 0]);
  });

  it('writes the annotated copy of a workbook with the ExcelJS it embeds', () => {
    const run = runCommand(['--copie-annotee', 'copies', kitPlanted], { node, command, cwd: folder });
    expect(run.status).toBe(1);
    expect(readdirSync(join(folder, 'copies'))).toEqual([expect.stringMatching(/\.xlsx$/)]);
  });
});
