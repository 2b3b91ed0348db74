import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { releaseStatuses } from '../../src/core/dictionary/schemas/release-index.ts';
import { releaseTag } from '../../src/node/release.ts';

const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('## Modifier le dictionnaire (mainteneurs)'), readme.indexOf('Chaque champ porte :'));
const steps = section.split('\n').filter((line) => /^\d+\. /.test(line));

describe('the README’s maintainer section', () => {
  it('fits in five steps and names the dry run, every status and the tag', () => {
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.length).toBeLessThanOrEqual(5);
    expect(section.split('\n').filter((line) => line.trim() !== '').length).toBe(steps.length + 1);
    const text = steps.join('\n');
    expect(text).toContain('--dry-run');
    for (const status of releaseStatuses) expect(text).toContain(status);
    expect(text).toContain(`git tag ${releaseTag('<version>')}`);
  });

  it('names only options the release command takes', () => {
    const script = readFileSync('scripts/dictionary-release.ts', 'utf8');
    const options = [...new Set(section.match(/(?<=`|\s)--[a-z][a-z-]*/g))];
    expect(options).toContain('--dry-run');
    for (const option of options) expect(script).toMatch(new RegExp(`['"]?${option.slice(2)}['"]?: \\{ type:`));
  });
});
