// One measurement in its own Node process, so that its peak memory (maxRSS) is its own:
// node scripts/bench/extract-node.ts <ours|baseline|floor> <file> <entity>
import { openAsBlob } from 'node:fs';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import type { Dictionary } from '../../src/core/dictionary/model.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';
import { run, type BenchKind } from './extract-worker.ts';

const [kind, path, entityId] = process.argv.slice(2) as [BenchKind, string, string];
const dictionary = loadDictionary(readDictionaryFiles(process.cwd())).dictionary as Dictionary;
const idle = process.memoryUsage().rss;
const result = await run({ kind, url: path, dictionary, entityId }, await openAsBlob(path));
console.log(JSON.stringify({ ...result, peakMB: Math.round(process.resourceUsage().maxRSS / 1024), idleMB: Math.round(idle / 1024 / 1024) }));
