import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskValue } from '../../src/core/mask.ts';
import type { Problem } from '../../src/core/problems.ts';
import type { Report } from '../../src/node/cli/report.ts';
import { current } from '../../src/data/dictionaries.ts';
import { writeExtractFixtures, writeWorkbookFixtures, type FixtureFile } from '../fixtures/node/cli-files.ts';
import { extractPage, workbookPages, type PageResult } from '../fixtures/node/page-workers.ts';
import { NO_NETWORK, runCommand } from '../fixtures/node/command.ts';

/**
 * Identical verdicts: every kit, état des lieux and extract the suites check goes through its page's
 * Worker (the module itself, driven as its page drives it) and through the command, spawned; both give
 * the same findings — rule, place, message, value as the report shows it — the same receipt and the same CSV.
 * The command runs a second time with Node's network modules replaced by ones that throw, and gives the
 * same report: it needs no connection.
 */
const folder = mkdtempSync(join(tmpdir(), 'agora-cli-parity-'));
/** What the report shows of an issue: its value masked, as the page shows it until the partner reveals it. */
const shown = (issue: Problem) => ({
  regle: issue.rule,
  emplacement: issue.place,
  message: issue.message,
  ...(issue.value !== undefined ? { valeur: maskValue(issue.mask ?? 'none', issue.value) } : {}),
});
const withoutDate = ({ verifieLe: _, ...receipt }: Record<string, unknown>) => receipt;

let files: FixtureFile[] = [];
const page = new Map<string, PageResult<{ issues: Problem[]; fileIssues?: Problem[]; verdict: string }>>();
let report: Report;
let status: number | null;
let offline: ReturnType<typeof runCommand>;

beforeAll(async () => {
  files = [...(await writeWorkbookFixtures(folder, { all: true })), ...writeExtractFixtures(folder, current, { all: true })];
  const now = new Date();
  const workbooks = await workbookPages();
  const extracts = await extractPage();
  try {
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file.path));
      if (file.page === 'extrait') {
        const result = await extracts.check(bytes, file.name, now);
        if ('failed' in result) throw new Error(`${file.name} : ${JSON.stringify(result.failed)}`);
        page.set(file.name, result);
      } else page.set(file.name, await workbooks(file.page, bytes, file.name, now));
    }
  } finally {
    extracts.restore();
  }
  const online = runCommand(['--format', 'json', ...files.map((file) => file.name)], { cwd: folder });
  expect(online.stderr).toBe('');
  report = JSON.parse(online.stdout) as Report;
  status = online.status;
  offline = runCommand(['--format', 'json', ...files.map((file) => file.name)], { cwd: folder, noNetwork: true });
}, 600_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the command and the pages give the same verdicts', () => {
  it('covers every kind of file, valid and planted', () => {
    expect(files.filter((file) => file.page === 'kit').length).toBeGreaterThanOrEqual(20);
    expect(files.filter((file) => file.page === 'etat-des-lieux').length).toBeGreaterThanOrEqual(10);
    expect(new Set(files.filter((file) => file.page === 'extrait').map((file) => file.name.split('-')[0])).size).toBe(current.entities.length);
    expect(report.fichiers.map((entry) => entry.fichier)).toEqual(files.map((file) => file.name));
  });

  it('finds, for each file, what its page finds: rule, place, message, value shown', () => {
    for (const [index, file] of files.entries()) {
      const entry = report.fichiers[index]!;
      const expected = page.get(file.name)!;
      expect(entry.nature, file.name).toBe(file.page);
      expect(entry.verdict, file.name).toBe(expected.report.verdict);
      expect(entry.constats.map(({ regle, emplacement, message, valeur }) => ({ regle, emplacement, message, ...(valeur !== undefined ? { valeur } : {}) })), file.name).toEqual([...(expected.report.fileIssues ?? []), ...expected.report.issues].map(shown));
    }
  });

  it('writes, for each file, the receipt its page writes', () => {
    for (const [index, file] of files.entries()) expect(withoutDate(report.fichiers[index]!.recu ?? {}), file.name).toEqual(withoutDate(page.get(file.name)!.receipt as unknown as Record<string, unknown>));
  });

  it('exits 1 when a file is to correct, and says 0 of each conforming file', () => {
    expect(status).toBe(1);
    for (const entry of report.fichiers) expect(entry.codeSortie, entry.fichier).toBe(entry.verdict === 'a-corriger' ? 1 : 0);
    expect(report.fichiers.filter((entry) => entry.codeSortie === 0).map((entry) => entry.fichier)).toEqual(expect.arrayContaining(['kit-valide.xlsx', 'etat-valide.xlsx', 'titulaire-valide.csv']));
  });

  it('writes the CSV its page downloads, for a valid and a planted kit and a planted extract in CSV and .xlsx', () => {
    const names = ['kit-valide.xlsx', files.find((file) => file.name.startsWith('kit-00-'))!.name, 'titulaire-plante.csv', 'titulaire-plante.xlsx'];
    for (const name of names) expect(runCommand(['--format', 'csv', name], { cwd: folder }).stdout, name).toBe(page.get(name)?.csv);
  });

  it('replaces the network for real: a connection attempt under the same preload throws and is told', () => {
    const run = spawnSync(process.execPath, ['--import', NO_NETWORK, '-e', "try { fetch('http://127.0.0.1:9/') } catch {} try { require('node:net').connect(9, '127.0.0.1') } catch {}"], { encoding: 'utf8' });
    expect(run.stderr).toContain('RESEAU-TENTE fetch');
    expect(run.stderr).toContain('RESEAU-TENTE connect');
  });

  it('gives the same report with every network module of Node replaced by one that throws', () => {
    expect(offline.stderr).toBe('');
    expect(offline.status).toBe(status);
    const dated = (text: string) => text.replace(/"verifieLe": "[^"]+"/g, '"verifieLe": "…"');
    expect(dated(offline.stdout)).toBe(dated(JSON.stringify(report, null, 2) + '\n'));
  });
});
