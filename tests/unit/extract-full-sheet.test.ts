import { mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import type { Dictionary } from '../../src/core/dictionary/model.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { writeXlsx } from '../fixtures/extract/large.ts';
import { runExtract } from '../fixtures/extract/run.ts';

const dictionary = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
const dir = mkdtempSync(join(tmpdir(), 'agora-full-sheet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a full Excel sheet', () => {
  it('validates all its 1,048,576 rows (header included): no row cap', async () => {
    const file = join(dir, 'sessions-pleine-feuille.xlsx');
    // Excel's last row is 1,048,576: the header and 1,048,575 records.
    await writeXlsx(file, dictionary, 'session', 4, 1_048_575);
    const { report } = await runExtract(await openAsBlob(file), 'sessions-pleine-feuille.xlsx', dictionary, 'session');
    expect(report.rows).toBe(1_048_575);
    expect(report.issues).toEqual([]);
    // Only the fields this narrow extract leaves out are reported, once each, not on a million rows.
    expect(report.fileIssues.every((issue) => issue.rule.startsWith('extrait.colonne.'))).toBe(true);
  }, 600_000);
});
