import { defineConfig } from 'vitest/config';

/**
 * The slow files: real browsers, the desktop shell, packaging, the
 * backend parity sweep, the export property test and torchrun.
 * `npm run test:fast` runs everything else (the loop while working);
 * `npm test` runs all three projects.
 */
const SLOW = ['test/e2e/**/*.test.ts', 'test/cli/largeFolder.test.ts', 'test/cli/mnistEpoch.test.ts', 'test/browser/**/*.test.ts', 'test/electron/**/*.test.ts', 'test/engine/backend/parity.test.ts', 'test/app/packaging.test.ts', 'test/app/electronegativity.test.ts', 'test/cli/exportTorchrun.test.ts', 'test/cli/import.test.ts', 'test/property/exports.test.ts'];
/**
 * Files that each run with nothing beside them, one after the other, once
 * the rest has finished: the lessons (their experiments train networks in
 * workers for minutes, which would slow whatever shares the 2 cores), the
 * editor (it times a drag on a 300-node graph), the smoothness
 * measurement (frame rate while training) and long use (memory over a
 * hundred runs and a long one). Each gets a group of its own.
 */
const ALONE = ['test/e2e/lessons.test.ts', 'test/e2e/editor.test.ts', 'test/e2e/smoothness.test.ts', 'test/e2e/longUse.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    // CI machines have 2 cores; the CLI tests spawn processes of their own.
    maxWorkers: 2,
    testTimeout: 60_000,
    // expect.poll waits 1 s by default: too short for a page re-rendering on a loaded 2-core machine.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: SLOW } },
      { extends: true, test: { name: 'slow', include: SLOW, exclude: ALONE } },
      ...ALONE.map((file, i) => ({ extends: true, test: { name: `alone: ${file.replace(/^test\/e2e\/|\.test\.ts$/g, '')}`, include: [file], sequence: { groupOrder: i + 1 } } })),
    ],
  },
});
