// `npm run dictionary:check [dir]`: loads and lints the working copy, checks that each published version
// is unchanged (its YAML, the files generated from it, and against the commit that published it) and that
// the working copy's number fits its changes; prints every problem, then what changed since the last
// published version in one line; exits 1 on any error.
import { allFields } from '../src/core/dictionary/model.ts';
import { changeLine } from '../src/core/dictionary/release-notes.ts';
import { loadRepository } from '../src/core/dictionary/repository.ts';
import { countOf } from '../src/core/plural.ts';
import { formatProblem } from '../src/core/problems.ts';
import { readRepositoryFiles, verifyFrozen } from '../src/node/releases.ts';

const root = process.argv[2] ?? process.cwd();
const files = readRepositoryFiles(root);
const { repository, problems, changes } = loadRepository(files);
problems.push(...(await verifyFrozen(root, files, repository?.published ?? [])));
for (const problem of problems) console.error(formatProblem(problem));
const errors = problems.filter((problem) => problem.severity === 'erreur').length;
const changeSummary = changes ? [changeLine(changes)] : [];
if (!repository || errors > 0) {
  for (const line of changeSummary) console.error(`\n${line}`);
  console.error(`\n${countOf(errors, 'problème', 'problèmes')} : ${errors > 1 ? 'corrigez-les' : 'corrigez-le'} puis relancez « npm run dictionary:check ».`);
  process.exit(1);
}
const { working, draft, published } = repository;
const fields = allFields(working);
const versions = published.map(({ dictionary, release }) => `${dictionary.manifest.version} (${release.status})`).join(', ');
console.log(
  `Dictionnaire ${working.manifest.version} (${draft ? 'brouillon' : 'publiée'}) : ${countOf(working.entities.length, 'entité', 'entités')}, ` +
    `${countOf(fields.length, 'champ', 'champs')}, ${countOf(working.nomenclatures.length, 'nomenclature', 'nomenclatures')}, ${countOf(working.referentials.length, 'référentiel', 'référentiels')} — aucun problème.` +
    (published.length > 0 ? `\nVersions publiées, inchangées : ${versions}.` : '') +
    (draft && changeSummary.length > 0 ? `\n${changeSummary[0]}` : ''),
);
