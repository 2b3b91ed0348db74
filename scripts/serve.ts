// `npm run serve`: serves dist/ on http://127.0.0.1:4321 with the production security headers.
import { existsSync } from 'node:fs';
import { serveStatic } from '../src/node/static-server.ts';

if (!existsSync('dist/index.html')) {
  console.error('Le site n’est pas construit : lancez « npm run build » (ou « npm start », qui construit puis sert).');
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4321);
const { url } = await serveStatic(`${process.cwd()}/dist`, port);
console.log(`Portail partenaires AGORA servi sur ${url}/ (Ctrl+C pour arrêter)`);
