import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { dictionariesModule } from './src/integrations/dictionaries.ts';

// `npm run test:unit` (scripts/test.ts --unit) runs the unit suite alone: it needs no built site.
const unitOnly = process.env['AGORA_TESTS'] === 'unit';
/**
 * Browser suites whose verdict depends on the time things take: a page measured while it loads slowly, a
 * validation cancelled while it is held or kept busy, a tab's memory peak. Nothing may run beside them.
 */
const measured = ['layout-stability', 'kit-validator', 'kit-privacy', 'extract-privacy', 'extract-large'].map((name) => `tests/browser/${name}.test.ts`);

/**
 * The files that take longest, slowest first. A clean clone has no timings of a previous run, and Vitest
 * then starts the largest files first: a short file that runs astro check or a scratch build would start
 * last, and its group would wait for it alone on one core.
 */
const slowest = [
  'unit/typecheck',
  'unit/cli-parity',
  'unit/extract-full-sheet',
  'unit/releases-history',
  'unit/core-in-node',
  'browser/maintainer-release',
  'browser/site-matrix',
  'browser/site-states',
].map((name) => `/tests/${name}.test.ts`);
const rank = (file: TestSpecification) => {
  const index = slowest.findIndex((path) => file.moduleId.endsWith(path));
  return index < 0 ? slowest.length : index;
};

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Vitest's order, groups and projects kept: only the files above move to the front of their project.
    const group = (file: TestSpecification) => file.project.config.sequence.groupOrder;
    return (await super.sort(files)).sort((a, b) => group(a) - group(b) || (a.project.name < b.project.name ? -1 : a.project.name > b.project.name ? 1 : 0) || rank(a) - rank(b));
  }
}

export default defineConfig({
  plugins: [dictionariesModule()],
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default keeps a core free, one worker on two cores: the groups that allow it use both.
    maxWorkers: 2,
    sequence: { sequencer: SlowestFirst },
    projects: [
      // Groups run one after the other. Group 0, two files at a time: pure Node, each file in temporary folders of its own.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      ...(unitOnly
        ? []
        : [
            // Group 1, two files at a time: each file serves the built site read-only to a Chromium of its own, or
            // builds a scratch copy in a folder of its own.
            { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], exclude: measured, sequence: { groupOrder: 1 } } },
            // Group 2, one file at a time, alone on the machine.
            { extends: true, test: { name: 'measured', include: measured, fileParallelism: false, sequence: { groupOrder: 2 } } },
          ]),
    ],
  },
});
