// `npm run dictionary:release -- <version> [--date AAAA-MM-JJ]`: publishes the working copy under
// <version> (see src/node/release.ts). `npm run dictionary:release -- --record-new-artefacts` freezes
// downloads that published versions did not have yet.
import { parseArgs } from 'node:util';
import { formatProblem } from '../src/core/problems.ts';
import { recordNewArtefacts, releaseVersion } from '../src/node/release.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { date: { type: 'string' }, 'record-new-artefacts': { type: 'boolean' } } });
const version = positionals[0];
if (!values['record-new-artefacts'] && !version) {
  console.error('Indiquez le numéro de la version à publier : npm run dictionary:release -- 1.2.0');
  process.exit(1);
}
const outcome = values['record-new-artefacts'] ? await recordNewArtefacts(process.cwd()) : await releaseVersion(process.cwd(), version as string, values.date ? { date: values.date } : {});
for (const problem of outcome.problems) console.error(formatProblem(problem));
for (const line of outcome.report) (outcome.ok ? console.log : console.error)(line);
process.exit(outcome.ok ? 0 : 1);
