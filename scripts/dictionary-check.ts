// `npm run dictionary:check [dir]`: loads and lints the working copy, checks that each published version
// is unchanged (its YAML and the files generated from it) and that the working copy's number fits its
// changes; prints every problem, exits 1 on any error.
import { allFields } from '../src/core/dictionary/model.ts';
import { formatProblem } from '../src/core/problems.ts';
import { readRepositoryFiles, verifyFrozen } from '../src/node/releases.ts';
import { loadRepository } from '../src/core/dictionary/repository.ts';
import { countOf } from '../src/core/plural.ts';

const root = process.argv[2] ?? process.cwd();
const files = readRepositoryFiles(root);
const { repository, problems } = loadRepository(files);
problems.push(...(await verifyFrozen(root, files, repository?.published ?? [])));
for (const problem of problems) console.error(formatProblem(problem));
const errors = problems.filter((problem) => problem.severity === 'erreur').length;
if (!repository || errors > 0) {
  console.error(`\n${countOf(errors, 'problème', 'problèmes')} : corrigez-les puis relancez « npm run dictionary:check ».`);
  process.exit(1);
}
const { working, draft, published } = repository;
const fields = allFields(working);
const versions = published.map(({ dictionary, release }) => `${dictionary.manifest.version} (${release.status})`).join(', ');
console.log(
  `Dictionnaire ${working.manifest.version} (${draft ? 'brouillon' : 'publiée'}) : ${working.entities.length} entités, ` +
    `${fields.length} champs, ${working.nomenclatures.length} nomenclatures, ${working.referentials.length} référentiels — aucun problème.` +
    (published.length > 0 ? `\nVersions publiées, inchangées : ${versions}.` : ''),
);
