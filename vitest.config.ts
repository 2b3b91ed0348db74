import { defineConfig } from 'vitest/config';
import { ajvStandalone } from './src/integrations/ajv-standalone.ts';
import { buildTimeData } from './src/integrations/build-time-data.ts';

export default defineConfig({
  plugins: [ajvStandalone(), buildTimeData()],
  test: {
    include: ['tests/**/*.test.ts'],
    // Browser suites share one built site and a 2-core machine: keep files from competing.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
