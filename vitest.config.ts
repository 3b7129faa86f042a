import { defineConfig } from 'vitest/config';

/**
 * The slow files: real browsers, the desktop shell, packaging, the
 * backend parity sweep, the export property test and torchrun.
 * `npm run test:fast` runs everything else (the loop while working);
 * `npm test` runs all three projects.
 */
const SLOW = ['test/e2e/**/*.test.ts', 'test/browser/**/*.test.ts', 'test/electron/**/*.test.ts', 'test/engine/backend/parity.test.ts', 'test/app/packaging.test.ts', 'test/app/electronegativity.test.ts', 'test/cli/exportTorchrun.test.ts', 'test/cli/import.test.ts', 'test/property/exports.test.ts'];
const MEASURED_ALONE = 'test/e2e/smoothness.test.ts';

export default defineConfig({
  test: {
    environment: 'node',
    // CI machines have 2 cores; the CLI tests spawn processes of their own.
    maxWorkers: 2,
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: SLOW } },
      { extends: true, test: { name: 'slow', include: SLOW, exclude: [MEASURED_ALONE] } },
      // Measured once everything else has finished, so frame rate and long tasks are the app's, not the suite's.
      { extends: true, test: { name: 'measured alone', include: [MEASURED_ALONE], sequence: { groupOrder: 1 } } },
    ],
  },
});
