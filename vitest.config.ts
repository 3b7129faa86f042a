import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // CI machines have 2 cores; the CLI tests spawn processes of their own.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
