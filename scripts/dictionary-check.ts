// `npm run dictionary:check [dir]`: loads and lints the dictionary, prints every problem, exits 1 on any error.
import { loadDictionary } from '../src/core/dictionary/load.ts';
import { allFields } from '../src/core/dictionary/model.ts';
import { formatProblem } from '../src/core/problems.ts';
import { readDictionaryFiles } from '../src/node/dictionary-files.ts';

const root = process.argv[2] ?? process.cwd();
const { dictionary, problems } = loadDictionary(readDictionaryFiles(root));
for (const problem of problems) console.error(formatProblem(problem));
if (!dictionary) {
  console.error(`\n${problems.length} problème(s) : corrigez-les puis relancez « npm run dictionary:check ».`);
  process.exit(1);
}
const fields = allFields(dictionary);
console.log(
  `Dictionnaire ${dictionary.manifest.version} (${dictionary.manifest.status}) : ${dictionary.entities.length} entités, ` +
    `${fields.length} champs, ${dictionary.nomenclatures.length} nomenclatures, ${dictionary.referentials.length} référentiels — aucun problème.`,
);
