// `npm run rules:examples`: writes src/data/rule-examples.json, the example of each rule the pages
// « Liste des contrôles » show, taken from what the test fixtures make each validator report.
import { writeFileSync } from 'node:fs';
import { allFindings, EXAMPLES_FILE, examplesOf, serializeExamples } from '../tests/fixtures/rules/examples.ts';

writeFileSync(EXAMPLES_FILE, serializeExamples(examplesOf(await allFindings())));
console.log(`${EXAMPLES_FILE} écrit.`);
