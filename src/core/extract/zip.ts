import { Inflate } from 'fflate';

/**
 * Random access to the parts of a zip (an .xlsx) held in a Blob: the central directory is read from
 * the end of the file, then each part is read on its own, in the order the reader needs (shared
 * strings before the sheet, whatever their order in the archive), and inflated as a stream.
 * Nothing but the directory and the part being read is ever in memory.
 */

export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  size: number;
  /** Offset of the local file header. */
  offset: number;
}

export class ZipError extends Error {
  readonly reason: 'damaged' | 'encrypted' | 'method' | 'not-zip';

  constructor(reason: 'damaged' | 'encrypted' | 'method' | 'not-zip') {
    super(`zip: ${reason}`);
    this.reason = reason;
  }
}

const readBytes = async (blob: Blob, start: number, end: number) => new Uint8Array(await blob.slice(start, end).arrayBuffer());

/** Lists the entries of a zip from its central directory (zip64 included). */
export async function readZipDirectory(blob: Blob): Promise<Map<string, ZipEntry>> {
  const tailStart = Math.max(0, blob.size - (0xffff + 22 + 20));
  const tail = await readBytes(blob, tailStart, blob.size);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('not-zip');
  let count = view.getUint16(eocd + 10, true);
  let size = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  // A zip64 end-of-directory locator sits just before the classic record.
  if (eocd >= 20 && view.getUint32(eocd - 20, true) === 0x07064b50) {
    const recordOffset = Number(view.getBigUint64(eocd - 20 + 8, true));
    const record = await readBytes(blob, recordOffset, recordOffset + 56);
    const r = new DataView(record.buffer, record.byteOffset, record.byteLength);
    if (record.length < 56 || r.getUint32(0, true) !== 0x06064b50) throw new ZipError('damaged');
    count = Number(r.getBigUint64(32, true));
    size = Number(r.getBigUint64(40, true));
    offset = Number(r.getBigUint64(48, true));
  }
  if (offset + size > blob.size) throw new ZipError('damaged');
  const directory = await readBytes(blob, offset, offset + size);
  const d = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const decoder = new TextDecoder();
  const entries = new Map<string, ZipEntry>();
  for (let p = 0, n = 0; n < count; n += 1) {
    if (p + 46 > directory.length || d.getUint32(p, true) !== 0x02014b50) throw new ZipError('damaged');
    const nameLength = d.getUint16(p + 28, true);
    const extraLength = d.getUint16(p + 30, true);
    const commentLength = d.getUint16(p + 32, true);
    const entry: ZipEntry = {
      name: decoder.decode(directory.subarray(p + 46, p + 46 + nameLength)),
      method: d.getUint16(p + 10, true),
      encrypted: (d.getUint16(p + 8, true) & 1) === 1,
      compressedSize: d.getUint32(p + 20, true),
      size: d.getUint32(p + 24, true),
      offset: d.getUint32(p + 42, true),
    };
    // Sizes and offset that overflow 32 bits are in the zip64 extra field, in this order.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength; ) {
      const id = d.getUint16(e, true);
      const length = d.getUint16(e + 2, true);
      if (id === 1) {
        let q = e + 4;
        const next = () => {
          const value = Number(d.getBigUint64(q, true));
          q += 8;
          return value;
        };
        if (entry.size === 0xffffffff) entry.size = next();
        if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
        if (entry.offset === 0xffffffff) entry.offset = next();
      }
      e += 4 + length;
    }
    entries.set(entry.name.replace(/^\//, ''), entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where an entry's compressed bytes start: after its local header, whose lengths may differ from the directory's. */
async function dataStart(blob: Blob, entry: ZipEntry): Promise<number> {
  const header = await readBytes(blob, entry.offset, entry.offset + 30);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (header.length < 30 || view.getUint32(0, true) !== 0x04034b50) throw new ZipError('damaged');
  return entry.offset + 30 + view.getUint16(26, true) + view.getUint16(28, true);
}

export type Inflater = 'native' | 'fflate';

/**
 * The inflated bytes of an entry, chunk by chunk. `native` uses the platform's DecompressionStream
 * (zlib in C++: several times faster than inflating in JavaScript); fflate is the fallback where
 * « deflate-raw » is not supported.
 */
export async function* entryChunks(blob: Blob, entry: ZipEntry, inflater: Inflater = preferredInflater()): AsyncGenerator<Uint8Array> {
  if (entry.encrypted) throw new ZipError('encrypted');
  if (entry.method !== 0 && entry.method !== 8) throw new ZipError('method');
  const start = await dataStart(blob, entry);
  const raw = blob.slice(start, start + entry.compressedSize);
  if (entry.method === 0) {
    yield* readStream(raw.stream());
    return;
  }
  if (inflater === 'native') {
    yield* readStream(raw.stream().pipeThrough(new DecompressionStream('deflate-raw')));
    return;
  }
  const out: Uint8Array[] = [];
  const inflate = new Inflate((chunk) => out.push(chunk));
  for await (const chunk of readStream(raw.stream())) {
    inflate.push(chunk);
    yield* out.splice(0);
  }
  inflate.push(new Uint8Array(0), true);
  yield* out.splice(0);
}

function preferredInflater(): Inflater {
  try {
    new DecompressionStream('deflate-raw');
    return 'native';
  } catch {
    return 'fflate';
  }
}

async function* readStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stops reading the file when the consumer leaves early (the header of a sheet is all it wanted).
    void reader.cancel().catch(() => undefined);
  }
}

/** A small part (workbook, relationships, styles) inflated whole and decoded. */
export async function entryText(blob: Blob, entry: ZipEntry): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of entryChunks(blob, entry)) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}
