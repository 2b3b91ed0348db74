import { defineConfig } from 'vitest/config';
import { dictionariesModule } from './src/integrations/dictionaries.ts';

export default defineConfig({
  plugins: [dictionariesModule()],
  test: {
    // `npm run test:unit` (scripts/test.ts --unit) runs the unit suite alone: it needs no built site.
    include: process.env['AGORA_TESTS'] === 'unit' ? ['tests/unit/**/*.test.ts'] : ['tests/**/*.test.ts'],
    // Browser suites share one built site and a 2-core machine: keep files from competing.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
