import { describe, expect, it } from 'vitest';
import { CsvParser, CsvRecordCounter, type Delimiter } from '../../src/core/extract/csv.ts';
import { random } from '../fixtures/extract/sparse.ts';

/**
 * A CSV read a piece at a time, as the readers stream it, on generated texts of every shape the reader
 * meets (quoted fields with separators, quotes and line ends inside, quotes in the middle of a cell, CRLF,
 * lone CR, blank lines, multi-byte characters). The reader's records do not depend on where the pieces
 * are cut; the byte counter that places a large CSV's ranges (parts.ts) gives the reader's count and the
 * same « record still open » at the end, wherever its pieces are cut.
 */

const alphabet = ['a', 'b', 'é', '😀', ';', ',', '"', '""', '\r', '\n', '\r\n', ' '];

function text(next: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

function parsed(source: string, delimiter: Delimiter, cuts: readonly number[], final: boolean) {
  const rows: number[] = [];
  const parser = new CsvParser(delimiter, (row) => void rows.push(row), { newline: '\n' });
  let from = 0;
  for (const cut of [...cuts, source.length]) {
    parser.push(source.slice(from, cut), final && cut === source.length);
    from = cut;
  }
  return { records: parser.row, pending: parser.pending };
}

function counted(bytes: Uint8Array, delimiter: Delimiter, cuts: readonly number[], final: boolean) {
  const counter = new CsvRecordCounter(delimiter);
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    counter.push(bytes.subarray(from, cut), final && cut === bytes.length);
    from = cut;
  }
  return { records: counter.records, pending: counter.pending };
}

/** Every record the reader gives (its number and cells), the text pushed in the pieces `cuts` make. */
function records(source: string, delimiter: Delimiter, cuts: readonly number[]) {
  const rows: string[] = [];
  const parser = new CsvParser(delimiter, (row, cells, width) => void rows.push(`${row}:${JSON.stringify(cells.slice(0, width))}`), { newline: '\n' });
  let from = 0;
  for (const cut of [...cuts, source.length]) {
    parser.push(source.slice(from, cut), cut === source.length);
    from = cut;
  }
  return rows;
}

const cutsOf = (next: () => number, length: number) => Array.from({ length: Math.floor(next() * 4) }, () => Math.floor(next() * (length + 1))).sort((a, b) => a - b);

describe('reading a CSV in pieces', () => {
  it('gives the records of the whole text, wherever the pieces are cut', () => {
    const next = random(7);
    for (let n = 0; n < 3000; n += 1) {
      const source = text(next, Math.floor(next() * 40));
      const whole = records(source, ';', []);
      for (let cut = 1; cut < source.length; cut += 1) expect(records(source, ';', [cut]), JSON.stringify({ source, cut })).toEqual(whole);
      const cuts = cutsOf(next, source.length);
      expect(records(source, ';', cuts), JSON.stringify({ source, cuts })).toEqual(whole);
    }
  });
});

describe('counting the records of a CSV on its bytes', () => {
  it.each([';', ',', '\t'] as const)('gives the reader’s records on generated texts cut anywhere (separator %j)', (delimiter) => {
    const next = random(delimiter.charCodeAt(0));
    let quoted = 0;
    let loneReturns = 0;
    for (let n = 0; n < 4000; n += 1) {
      const body = text(next, Math.floor(next() * 40));
      if (/"/.test(body)) quoted += 1;
      if (/\r(?!\n)/.test(body)) loneReturns += 1;
      // A range other than the file's last ends after a line feed, and is not the end of the text.
      for (const [source, final] of [[body, true], [`${body}\n`, false]] as const) {
        const bytes = new TextEncoder().encode(source);
        // The reader gets text; the counter bytes: the same cut falls at the text's character boundary.
        const byteCuts = cutsOf(next, bytes.length);
        const textCuts = byteCuts.map((cut) => new TextDecoder().decode(bytes.subarray(0, cut), { stream: true }).length);
        expect(counted(bytes, delimiter, byteCuts, final), JSON.stringify({ source, byteCuts, final })).toEqual(parsed(source, delimiter, textCuts, final));
      }
    }
    // The generated texts did go through the quoted path and its lone carriage returns.
    expect(quoted).toBeGreaterThan(1000);
    expect(loneReturns).toBeGreaterThan(500);
  });

  it('gives the reader’s records on the shapes that matter, each cut at every byte', () => {
    const shapes = [
      'a;b\r\nc;d\r\n',
      '"A;B\r\n""C"" ; é\nà";x\r\n"fin";\r\n',
      'ab"c;d\ne;"f\rg"\r\n',
      'a\rb"c\n',
      'a\r"x\n"\n',
      '"ouvert\n\n;',
      '\n\n"";""\n',
      'sans fin de ligne',
    ];
    for (const [source, final] of shapes.flatMap((shape) => [[shape, true], [`${shape}\n`, false]] as const)) {
      const bytes = new TextEncoder().encode(source);
      for (let cut = 0; cut <= bytes.length; cut += 1) {
        const textCut = new TextDecoder().decode(bytes.subarray(0, cut), { stream: true }).length;
        expect(counted(bytes, ';', [cut], final), JSON.stringify({ source, cut, final })).toEqual(parsed(source, ';', [textCut], final));
      }
    }
  });
});
