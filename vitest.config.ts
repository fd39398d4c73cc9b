import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/store/**/*.test.ts',
      'test/lab/**/*.test.ts',
      'test/conformance/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/contract/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Conformance tests share one real adb server; keep files from racing for it.
    fileParallelism: true,
    pool: 'forks',
  },
});
