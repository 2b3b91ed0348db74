import { unzipSync, zipSync } from 'fflate';

/**
 * The zip writer of a workbook stamps each part with the current time: re-stamped with the
 * dictionary's date, the same version always gives the same bytes (a stable download, a build that
 * can be reproduced).
 */
export function stableZip(bytes: Uint8Array, isoDate: string): Uint8Array {
  const [year, month, day] = isoDate.split('-').map(Number);
  // Zip times are local times: a local midnight reads the same whatever the build machine's time zone.
  const mtime = new Date(year ?? 1980, (month ?? 1) - 1, day ?? 1);
  const parts = Object.entries(unzipSync(bytes)).filter(([name]) => !name.endsWith('/'));
  return zipSync(Object.fromEntries(parts), { level: 6, mtime });
}
