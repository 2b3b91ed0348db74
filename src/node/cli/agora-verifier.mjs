#!/usr/bin/env node
// `npx agora-verifier` from a clone: the sources are TypeScript, which Node runs from 22.18 (or the Node 24
// that `npm ci` installs, first on npx's PATH). The file downloaded from the site runs on Node 20.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`agora-verifier : Node ${process.versions.node} ne lit pas les sources TypeScript du dépôt ; lancez la commande avec npx après npm ci, ou utilisez le fichier agora-verifier.mjs téléchargé depuis le portail (Node 20 ou plus récent).\n`);
  process.exitCode = 2;
} else {
  await import('./from-clone.ts');
}
