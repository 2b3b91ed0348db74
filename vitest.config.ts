import { defineConfig } from 'vitest/config';
import { dictionariesModule } from './src/integrations/dictionaries.ts';

// `npm run test:unit` (scripts/test.ts --unit) runs the unit suite alone: it needs no built site.
const unitOnly = process.env['AGORA_TESTS'] === 'unit';
/**
 * Browser suites whose verdict depends on the time things take: a page measured while it loads slowly, a
 * validation cancelled while it is held or kept busy, a tab's memory peak. Nothing may run beside them.
 */
const measured = ['layout-stability', 'kit-validator', 'kit-privacy', 'extract-privacy', 'extract-large'].map((name) => `tests/browser/${name}.test.ts`);

export default defineConfig({
  plugins: [dictionariesModule()],
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default keeps a core free, one worker on two cores: the groups that allow it use both.
    maxWorkers: 2,
    projects: [
      // Groups run one after the other. Group 0, two files at a time: pure Node, each file in temporary folders of its own.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      ...(unitOnly
        ? []
        : [
            // Group 1, two files at a time: each file serves the built site read-only and drives a Chromium of its own.
            { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], exclude: measured, sequence: { groupOrder: 1 } } },
            // Group 2, one file at a time, alone on the machine.
            { extends: true, test: { name: 'measured', include: measured, fileParallelism: false, sequence: { groupOrder: 2 } } },
          ]),
    ],
  },
});
