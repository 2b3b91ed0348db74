// The command line's measurement, in its own Node process as the others: node scripts/bench/command-node.ts <file> <entity>
// It times `run` (what `agora-verifier --format json <file>` does once started: reading, checks, report,
// the receipt's SHA-256), not the loading of the dictionaries; peak memory is the process's maxRSS.
import { inForce } from '../../src/core/dictionary/statuses.ts';
import { run } from '../../src/node/cli/main.ts';
import type { Report } from '../../src/node/cli/report.ts';
import { readRepository } from '../../src/node/releases.ts';

const [path, entityId] = process.argv.slice(2) as [string, string];
const published = readRepository(process.cwd()).repository?.published ?? [];
let out = '';
const started = performance.now();
await run(['--format', 'json', '--entite', entityId, '--dictionnaire', inForce(published)?.dictionary.manifest.version ?? '', path], { stdout: (text) => (out += text), stderr: (text) => process.stderr.write(text), stderrIsTTY: false, cwd: process.cwd() }, { published });
const ms = Math.round(performance.now() - started);
const [entry] = (JSON.parse(out) as Report).fichiers;
console.log(JSON.stringify({ ms, rows: entry?.extrait?.lignes ?? 0, count: (entry?.problemes.erreurs ?? 0) + (entry?.problemes.avertissements ?? 0) + (entry?.problemes.informations ?? 0), peakMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
