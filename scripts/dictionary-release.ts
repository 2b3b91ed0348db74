// `npm run dictionary:release -- <version> [--date AAAA-MM-JJ] [--until AAAA-MM-JJ] [--dry-run [--markdown fichier.md]]`:
// publishes the working copy under <version> (see src/node/release.ts); --dry-run tells what it would do and
// prints the change as Markdown for the pull request. `npm run dictionary:release -- --record-new-artefacts`
// freezes downloads that published versions did not have yet.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatProblem } from '../src/core/problems.ts';
import { recordNewArtefacts, releaseVersion } from '../src/node/release.ts';

const usage = 'Usage : npm run dictionary:release -- 2.1.0 [--date AAAA-MM-JJ] [--until AAAA-MM-JJ] [--dry-run [--markdown changement.md]]';
const options = {
  date: { type: 'string' },
  until: { type: 'string' },
  'dry-run': { type: 'boolean' },
  markdown: { type: 'string' },
  'record-new-artefacts': { type: 'boolean' },
} as const;

let parsed: ReturnType<typeof parseArgs<{ allowPositionals: true; options: typeof options }>>;
try {
  parsed = parseArgs({ allowPositionals: true, options });
} catch (error) {
  const option = /'([^']+)'/.exec(error instanceof Error ? error.message : '')?.[1];
  console.error(option ? `Option « ${option} » inconnue ou incomplète. ${usage}` : usage);
  process.exit(1);
}
const { values, positionals } = parsed;
const version = positionals[0];
if (!values['record-new-artefacts'] && (!version || positionals.length > 1)) {
  console.error(`Indiquez un seul numéro, celui de dictionary/manifest.yaml. ${usage}`);
  process.exit(1);
}
const outcome = values['record-new-artefacts']
  ? await recordNewArtefacts(process.cwd())
  : await releaseVersion(process.cwd(), version as string, {
      ...(values.date ? { date: values.date } : {}),
      ...(values.until ? { until: values.until } : {}),
      dryRun: values['dry-run'] === true,
    });
for (const problem of outcome.problems) console.error(formatProblem(problem));
for (const line of outcome.report) (outcome.ok ? console.log : console.error)(line);
if (values['dry-run'] && outcome.markdown) {
  if (values.markdown) {
    writeFileSync(values.markdown, `${outcome.markdown}\n`);
    console.log(`Le changement en Markdown, à coller dans la demande de fusion, est écrit dans ${values.markdown}.`);
  } else console.log(`\nLe changement en Markdown, à coller dans la demande de fusion :\n\n${outcome.markdown}`);
}
process.exit(outcome.ok ? 0 : 1);
