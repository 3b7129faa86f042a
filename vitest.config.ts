import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // CI machines have 2 cores; the CLI tests spawn processes of their own.
    maxWorkers: 2,
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'tests', include: ['test/**/*.test.ts'], exclude: ['test/e2e/smoothness.test.ts'] } },
      // Measured once everything else has finished, so frame rate and long tasks are the app's, not the suite's.
      { extends: true, test: { name: 'measured alone', include: ['test/e2e/smoothness.test.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
});
