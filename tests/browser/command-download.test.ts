import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inForce } from '../../src/core/dictionary/statuses.ts';
import { CHECKSUM_FILE, COMMAND_FILE, COMMAND_PAGE, SCHEMA_FILE } from '../../src/node/cli/report-schema.ts';
import type { Report } from '../../src/node/cli/report.ts';
import { readRepository } from '../../src/node/releases.ts';
import { writeCommandSamples } from '../fixtures/node/cli-files.ts';
import { runCommand } from '../fixtures/node/command.ts';
import { openPage, useSite } from './harness.ts';

/**
 * From the built site only, as a partner's IT team would: the page « Vérifier dans vos traitements » links
 * the command, its SHA-256 and its report's schema; the downloaded file matches its checksum and, run with
 * the machine's own Node (20, not the Node 24 of node_modules) and no network, exits 1, 1 and 0 on a
 * planted extract, a planted kit and a valid état des lieux, with JSON that validates against the
 * downloaded schema.
 */
const site = useSite();
const folder = mkdtempSync(join(tmpdir(), 'agora-command-download-'));
const published = readRepository(process.cwd()).repository?.published ?? [];
let kitPlanted = '';
const node = [...(process.env['PATH'] ?? '').split(delimiter).filter((dir) => dir && !dir.includes('node_modules')).map((dir) => join(dir, 'node')), '/usr/bin/node'].find((path) => existsSync(path));

beforeAll(async () => {
  ({ kitPlanted } = await writeCommandSamples(folder, inForce(published)!.dictionary));
}, 120_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the command downloaded from the built site', () => {
  it('is linked from its page with its checksum and schema, and runs on the system Node offline: 1, 1, 0', async () => {
    const { page } = await openPage(site, COMMAND_PAGE);
    const links = await page.locator('a[download]').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
    expect(links).toEqual([`${COMMAND_PAGE}${COMMAND_FILE}`, `${COMMAND_PAGE}${CHECKSUM_FILE}`, `${COMMAND_PAGE}${SCHEMA_FILE}`]);
    const download = async (path: string) => new Uint8Array(await (await fetch(`${site.url}${path}`)).arrayBuffer());
    const [command, checksum, schema] = await Promise.all(links.map((link) => download(link ?? '')));
    writeFileSync(join(folder, COMMAND_FILE), command!);
    writeFileSync(join(folder, CHECKSUM_FILE), checksum!);
    expect(new TextDecoder().decode(checksum)).toBe(`${createHash('sha256').update(command!).digest('hex')}  ${COMMAND_FILE}\n`);
    expect(execFileSync('sha256sum', ['-c', CHECKSUM_FILE], { cwd: folder, encoding: 'utf8' })).toBe(`${COMMAND_FILE}: OK\n`);

    if (!node) throw new Error('Aucun Node hors de node_modules : installez le Node du système (apt-get install nodejs) pour ce test.');
    expect(Number(/^v(\d+)/.exec(execFileSync(node, ['--version'], { encoding: 'utf8' }))?.[1])).toBeLessThan(22);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(new TextDecoder().decode(schema)) as object);
    const codes = [];
    for (const file of ['titulaire-plante.csv', kitPlanted, 'etat-valide.xlsx']) {
      const run = runCommand(['--format', 'json', file], { node, command: join(folder, COMMAND_FILE), cwd: folder, noNetwork: true });
      expect(run.stderr, file).toBe('');
      expect(validate(JSON.parse(run.stdout) as Report), JSON.stringify(validate.errors)).toBe(true);
      codes.push(run.status);
    }
    expect(codes).toEqual([1, 1, 0]);
  });
});
