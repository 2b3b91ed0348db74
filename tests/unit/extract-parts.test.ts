import { describe, expect, it } from 'vitest';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import type { Dictionary } from '../../src/core/dictionary/model.ts';
import { buildExtractReceipt } from '../../src/core/extract/exports.ts';
import { guessEntity, matchHeaders } from '../../src/core/extract/mapping.ts';
import { checkCsvInParts, localRunner, partCount, partStarts, SPLIT_MIN_BYTES, type PartRunner } from '../../src/core/extract/parts.ts';
import { sha256OfBlob } from '../../src/core/extract/sha256.ts';
import { openExtract } from '../../src/core/extract/source.ts';
import { validateExtract } from '../../src/core/extract/validate.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { csvBytes, csvText, sampleTable, windows1252, xlsxBytes, type Table } from '../fixtures/extract/files.ts';
import { plants } from '../fixtures/extract/plants.ts';
import { sparseCsv, sparseTable } from '../fixtures/extract/sparse.ts';

const load = (root: string) => loadDictionary(readDictionaryFiles(root)).dictionary as Dictionary;
const shipped = load(process.cwd());
const rulesFixture = load('tests/fixtures/dictionary/rules-valid');

/** Open, read the header, map the columns, as the page does; then validate on one reader or in ranges. */
async function run(bytes: Uint8Array, dictionary: Dictionary, cuts?: readonly number[], workers = 1) {
  const file = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const source = await openExtract(file, 'extrait.csv');
  const preview = await source.preview(undefined, dictionary.entities);
  const entity = guessEntity(preview.headers, dictionary.entities)!;
  const request = { dictionary, entityId: entity.id, columns: matchHeaders(preview.headers, entity), preview };
  let csv = '';
  const usage = { starts: 1, checks: 0, workers: 1 };
  let split: { starts: number[]; runners: PartRunner[] } | undefined;
  if (cuts) {
    const starts = await partStarts(file, source.csv!.format, 0, cuts);
    const local = localRunner(file, source.csv!.format);
    // The runners count the ranges they check: a test that split nothing would prove nothing.
    const runner: PartRunner = { count: (range) => local.count(range), check: (...args) => ((usage.checks += 1), local.check(...args)) };
    usage.starts = starts.length;
    split = { starts, runners: Array.from({ length: workers }, () => runner) };
  }
  const report = await validateExtract(source, request, { onCsv: (text) => (csv += text), ...(split ? { split } : {}) });
  const receipt = buildExtractReceipt(report, await sha256OfBlob(file), new Date(0));
  usage.workers = report.workers ?? 1;
  // Every range the report counts was checked by a runner.
  if (usage.workers > 1) expect(usage.checks).toBeGreaterThanOrEqual(usage.workers);
  return { report: { ...report, durationMs: 0, workers: undefined }, csv, receipt, usage };
}

/** Runs the file on one reader, then cut at each set of `cuts`: every result must be the one reader's. */
async function expectSameSplit(bytes: Uint8Array, dictionary: Dictionary, cutSets: readonly (readonly number[])[]) {
  const one = await run(bytes, dictionary);
  const usage = { split: 0, joined: 0 };
  for (const cuts of cutSets) {
    const parts = await run(bytes, dictionary, cuts, 3);
    expect(parts.report, `cuts ${cuts.join(', ')}`).toEqual(one.report);
    expect(parts.csv, `cuts ${cuts.join(', ')}`).toBe(one.csv);
    expect(parts.receipt).toEqual(one.receipt);
    if (parts.usage.workers > 1) usage.split += 1;
    if (parts.usage.workers < parts.usage.starts) usage.joined += 1;
  }
  return { one, usage };
}

const bytesOf = (text: string) => new TextEncoder().encode(text);
/** Byte offset of the start of line `line` (0-based) of an encoded text. */
const lineOffset = (bytes: Uint8Array, line: number) => {
  let at = 0;
  for (let l = 0; l < line; l += 1) at = bytes.indexOf(0x0a, at) + 1;
  return at;
};
const around = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('a CSV checked in ranges gives the result of one reader', () => {
  const entities = [...new Set(plants.map(([entity]) => entity))];

  it.each(entities)('on the planted extract of the suites: %s, cut around every line start, in 2, 3 and 7 ranges', async (entityId) => {
    const table = sampleTable(shipped, entityId, 40, 3);
    const header = table[0]!;
    for (const [, row, code, value] of plants.filter(([entity]) => entity === entityId)) table[row + 1]![header.indexOf(code)] = value;
    const bytes = csvBytes(table);
    const cuts: number[][] = [];
    for (let line = 1; line < table.length; line += 1) for (const shift of [-1, 0, 1]) cuts.push([lineOffset(bytes, line) + shift]);
    const size = bytes.length;
    cuts.push([size / 3, (2 * size) / 3].map(Math.floor), Array.from({ length: 6 }, (_, i) => Math.floor((size * (i + 1)) / 7)));
    const { one, usage } = await expectSameSplit(bytes, shipped, cuts);
    expect(one.report.issues.length).toBeGreaterThan(0);
    expect(usage.split).toBeGreaterThan(cuts.length / 2);
  });

  /** Cut at every `step`-th line start, one byte either side too, then in 2 and 3 even ranges. */
  const cutsAcross = (bytes: Uint8Array, lines: number, step: number) => [
    ...Array.from({ length: Math.floor(lines / step) }, (_, i) => lineOffset(bytes, (i + 1) * step)).flatMap((at) => [[at - 1], [at], [at + 1]]),
    [Math.floor(bytes.length / 2)],
    [Math.floor(bytes.length / 3), Math.floor((2 * bytes.length) / 3)],
  ];

  it.each(shipped.entities.map((entity) => entity.id))('on the random sparse extracts of the readers’ differential test (empty cells, rows and columns, wrong values): %s', async (entityId) => {
    for (const seed of [11, 12]) {
      const table = sparseTable(shipped, entityId, 60, seed);
      const bytes = sparseCsv(table);
      const { one, usage } = await expectSameSplit(bytes, shipped, cutsAcross(bytes, table.text.length, 5));
      expect(one.report.issues.length).toBeGreaterThan(0);
      expect(usage.split).toBeGreaterThan(0);
    }
  });

  it('under title lines, with columns of values under no header', async () => {
    const table: Table = [['Extrait du système de gestion, arrêté au 30 septembre 2025'], ['Confidentiel : données personnelles'], [], ...sampleTable(shipped, 'action', 60, 4)];
    table[3]![2] = '';
    table.forEach((row, r) => r > 3 && r % 4 !== 0 && row.push(`note ${r}`));
    const bytes = csvBytes(table);
    const { one, usage } = await expectSameSplit(bytes, shipped, cutsAcross(bytes, table.length, 4));
    expect(one.report.fileIssues.map((issue) => issue.rule)).toEqual(expect.arrayContaining(['extrait.fichier.lignes-avant-en-tetes', 'extrait.colonne.sans-en-tete']));
    expect(usage.split).toBeGreaterThan(0);
  });

  /** Records with quoted separators and line ends, non-ASCII text, keys repeated far apart, a repeated header, a cell too many. */
  function tricky(): { table: Table; quoted: number } {
    const table: Table = sampleTable(rulesFixture, 'inscription', 90, 5);
    const quoted = 20;
    table[quoted]![0] = 'A;B\r\n"C" ; é\nà😀';
    table[quoted + 1]![0] = 'ligne\navec « guillemets » ; et "" doublés';
    table[40] = [...table[0]!];
    table[55] = [...table[55]!, 'en trop'];
    table[60] = [];
    // Duplicates of keys far before them (other ranges), the quoted multi-line key among them.
    table[80]![0] = table[3]![0];
    table[80]![1] = table[3]![1];
    table[85]![0] = table[quoted]![0];
    table[85]![1] = table[quoted]![1];
    table[86]![0] = table[80]![0];
    table[86]![1] = table[80]![1];
    return { table, quoted };
  }

  it('with quoted « ; » and line ends across a cut, CRLF, a byte-order mark, multi-byte characters and duplicates in other ranges', async () => {
    const { table, quoted } = tricky();
    const bytes = csvBytes(table);
    const from = lineOffset(bytes, quoted) - 2;
    const to = lineOffset(bytes, quoted + 3) + 2;
    const late = lineOffset(bytes, 83);
    const size = bytes.length;
    const cuts = [...around(0, 8).map((p) => [p]), ...around(from, to).flatMap((p) => [[p], [p, late], [Math.floor(size / 8), p, late, ...[4, 5, 6, 7].map((i) => Math.floor((size * i) / 8))]])];
    const { one, usage } = await expectSameSplit(bytes, rulesFixture, cuts);
    const duplicates = one.report.issues.filter((issue) => issue.rule === 'record.duplicate-key').map((issue) => `${issue.row} ${issue.message.match(/Première occurrence : ligne \d+\./)?.[0]}`);
    expect(duplicates).toEqual(['81 Première occurrence : ligne 4.', '86 Première occurrence : ligne 21.', '87 Première occurrence : ligne 4.']);
    expect(one.report.issues.map((issue) => issue.rule)).toContain('extrait.ligne.cellules-en-trop');
    expect(one.report.fileIssues.map((issue) => issue.rule)).toContain('extrait.ligne.en-tetes-repetes');
    // Some cuts fall inside the quoted line ends: the range after was joined to the one before it.
    expect(usage.joined).toBeGreaterThan(0);
    expect(usage.split).toBeGreaterThan(cuts.length / 2);
  });

  it('with LF line ends, and in Windows-1252', async () => {
    const { table, quoted } = tricky();
    for (const bytes of [bytesOf(csvText(table, ';', '\n')), windows1252(csvText(table.map((row) => row.map((cell) => (typeof cell === 'string' ? cell.replace('😀', '') : cell)))))]) {
      const cuts = around(lineOffset(bytes, quoted) - 1, lineOffset(bytes, quoted + 3) + 1).map((p) => [p, lineOffset(bytes, 83)]);
      const { usage } = await expectSameSplit(bytes, rulesFixture, cuts);
      expect(usage.split).toBeGreaterThan(0);
    }
  });

  it('with more than the 1,000 listed issues spread over the ranges', async () => {
    const table = sampleTable(rulesFixture, 'inscription', 2500, 9);
    for (let row = 1; row < table.length; row += 1) table[row]![2] = 'INCONNU';
    const bytes = csvBytes(table);
    const size = bytes.length;
    const { one } = await expectSameSplit(bytes, rulesFixture, [[size / 2], [size / 5, size / 3, size / 2], around(1, 7).map((i) => (size * i) / 7)].map((cuts) => cuts.map(Math.floor)));
    expect(one.report.counts.erreur).toBeGreaterThan(2000);
    expect(one.report.issues).toHaveLength(1000);
  });

  it('with bytes that are not UTF-8 after an ASCII start, which only one reader can read (as Windows-1252)', async () => {
    // Past the 64 KB the encoding is guessed from.
    const table = sampleTable(rulesFixture, 'inscription', 2000, 2);
    table[1900]![0] = 'Noël';
    const bytes = windows1252(csvText(table));
    const { one } = await expectSameSplit(bytes, rulesFixture, [[Math.floor(bytes.length / 2)]]);
    expect(one.report.fileIssues.map((issue) => issue.rule)).toContain('extrait.fichier.encodage');
  });
});

/**
 * A file whose stream has its bytes at hand, as Chromium's has when the disk is faster than the reader:
 * every read resolves at once, without a turn of the event loop.
 */
class AtHandBlob extends Blob {
  readonly #bytes: Uint8Array<ArrayBuffer>;

  constructor(bytes: Uint8Array<ArrayBuffer>) {
    super([bytes]);
    this.#bytes = bytes;
  }

  override slice(start = 0, end = this.#bytes.length): Blob {
    return new AtHandBlob(this.#bytes.subarray(start, end));
  }

  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const bytes = this.#bytes;
    return new ReadableStream({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.slice(at, at + 64 * 1024));
        controller.close();
      },
    });
  }
}

describe('the first range, checked at once beside the copies', () => {
  it('lets the copies’ messages in as it reads: their counts do not wait for its end', async () => {
    const bytes = csvBytes(sampleTable(rulesFixture, 'inscription', 240_000, 6));
    const file = new AtHandBlob(bytes as Uint8Array<ArrayBuffer>);
    const source = await openExtract(file, 'extrait.csv');
    const preview = await source.preview(undefined, rulesFixture.entities);
    const entity = guessEntity(preview.headers, rulesFixture.entities)!;
    const format = source.csv!.format;
    const local = localRunner(file, format);
    const starts = await partStarts(file, format, 2);
    // The first range is long enough for the reader to pass several turns.
    expect(starts[1]).toBeGreaterThan(4 * 1024 * 1024);
    const firstCount = await local.count({ start: starts[0]!, end: starts[1]! });
    const order: string[] = [];
    const runners: PartRunner[] = [
      { count: (range) => local.count(range), check: (...args) => local.check(...args).finally(() => order.push('première plage vérifiée')) },
      {
        // The copy has its count at once: its answer is a message, a task of the thread's event loop.
        count: () =>
          new Promise((resolve) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => {
              channel.port1.close();
              order.push('compte reçu');
              resolve(firstCount);
            };
            channel.port2.postMessage(undefined);
          }),
        check: (...args) => local.check(...args),
      },
    ];
    const plan = { dictionary: rulesFixture, entity, columns: matchHeaders(preview.headers, entity), headerRow: preview.headerRow, date1904: false };
    await checkCsvInParts(file, format, plan, starts, runners);
    expect(order).toEqual(['compte reçu', 'première plage vérifiée']);
  });
});

describe('a runner that fails', () => {
  it('stops the check of the first range before the failure is told: the one reader that follows reads alone', async () => {
    const bytes = csvBytes(sampleTable(rulesFixture, 'inscription', 3000, 4));
    const file = new Blob([bytes as Uint8Array<ArrayBuffer>]);
    const source = await openExtract(file, 'extrait.csv');
    const preview = await source.preview(undefined, rulesFixture.entities);
    const entity = guessEntity(preview.headers, rulesFixture.entities)!;
    const format = source.csv!.format;
    const local = localRunner(file, format);
    const first = { settled: false, aborted: false };
    const runners: PartRunner[] = [
      {
        count: (range) => local.count(range),
        check: (...args) => {
          const [, , , , signal] = args;
          return local.check(...args).finally(() => Object.assign(first, { settled: true, aborted: signal?.aborted === true }));
        },
      },
      // A copy of the Worker whose script could not be fetched.
      { count: () => Promise.reject(new Error('copie non chargée')), check: () => Promise.reject(new Error('copie non chargée')) },
    ];
    let told = 0;
    const plan = { dictionary: rulesFixture, entity, columns: matchHeaders(preview.headers, entity), headerRow: preview.headerRow, date1904: false };
    const starts = await partStarts(file, format, 2);
    expect(starts).toHaveLength(2);
    await expect(checkCsvInParts(file, format, plan, starts, runners, { onProgress: () => (told += 1) })).rejects.toThrow('copie non chargée');
    expect(first).toEqual({ settled: true, aborted: true });
    const toldAtFailure = told;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(told).toBe(toldAtFailure);
  });
});

describe('a workbook', () => {
  it('stays on one reader, whatever the ranges asked for', async () => {
    const file = new Blob([xlsxBytes(sampleTable(rulesFixture, 'inscription', 50, 3)) as Uint8Array<ArrayBuffer>]);
    const source = await openExtract(file, 'extrait.xlsx');
    const preview = await source.preview(undefined, rulesFixture.entities);
    const entity = rulesFixture.entities[0]!;
    const used: string[] = [];
    const runner: PartRunner = { count: () => (used.push('count'), Promise.reject(new Error('count'))), check: () => (used.push('check'), Promise.reject(new Error('check'))) };
    const report = await validateExtract(source, { dictionary: rulesFixture, entityId: entity.id, columns: matchHeaders(preview.headers, entity), preview }, { split: { starts: [0, 100, 200], runners: [runner, runner] } });
    expect(source.csv).toBeUndefined();
    expect(report.rows).toBe(50);
    expect(report.workers).toBeUndefined();
    expect(used).toEqual([]);
  });
});

describe('the number of ranges', () => {
  it('is one for a small file, else one per core, each range of at least the minimum size', () => {
    expect(partCount(SPLIT_MIN_BYTES, 8)).toBe(1);
    expect(partCount(SPLIT_MIN_BYTES * 2 - 1, 8)).toBe(1);
    expect(partCount(SPLIT_MIN_BYTES * 2, 1)).toBe(1);
    expect(partCount(SPLIT_MIN_BYTES * 2, 8)).toBe(2);
    expect(partCount(SPLIT_MIN_BYTES * 100, 2)).toBe(2);
    expect(partCount(SPLIT_MIN_BYTES * 100, 64)).toBeLessThanOrEqual(8);
  });
});
