import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests start servers on free ports; two workers match the 2-core machines.
    maxWorkers: 2,
    coverage: { include: ['src/**'], reporter: ['text-summary'] },
  },
});
