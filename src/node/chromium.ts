import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export interface ChromiumLookup {
  path?: string;
  message: string;
}

/**
 * The browser tests drive a system Chromium: `npx playwright install` cannot download one here.
 * Looks at CHROME_PATH then the usual paths; with `install`, installs Debian's `chromium` when
 * apt-get is usable; never skips silently.
 */
export function findChromium({ install }: { install: boolean }): ChromiumLookup {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    return existsSync(fromEnv) ? { path: fromEnv, message: '' } : { message: `CHROME_PATH désigne ${fromEnv}, qui n’existe pas : corrigez la variable ou retirez-la.` };
  }
  const found = candidates.find((path) => existsSync(path));
  if (found) return { path: found, message: '' };
  const canApt = install && process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0;
  if (canApt) {
    console.log('Chromium est introuvable : installation du paquet Debian « chromium »…');
    const ok = spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], { stdio: 'inherit' }).status === 0;
    if (ok && existsSync('/usr/bin/chromium')) return { path: '/usr/bin/chromium', message: '' };
  }
  return {
    message:
      'Aucun Chromium trouvé pour les tests navigateur. Installez-le (Debian/Ubuntu : « sudo apt-get install chromium ») ' +
      'ou indiquez son chemin dans la variable CHROME_PATH, puis relancez « npm test ».',
  };
}
