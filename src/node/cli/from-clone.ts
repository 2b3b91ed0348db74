// The command run from a clone of the repository (`npx agora-verifier`): the dictionaries are read from
// releases/ as the site build reads them, published versions only, as a production build publishes.
import { fileURLToPath } from 'node:url';
import { formatProblem } from '../../core/problems.ts';
import { readRepository } from '../releases.ts';
import { COMMAND, main } from './main.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const { repository, problems } = readRepository(root);
const errors = problems.filter((problem) => problem.severity === 'erreur');
if (!repository || errors.length > 0) {
  process.stderr.write(`${COMMAND} : le dictionnaire de ce dépôt contient des erreurs (npm run dictionary:check) :\n${errors.map(formatProblem).join('\n')}\n`);
  process.exitCode = 2;
} else {
  await main({ published: repository.published });
}
