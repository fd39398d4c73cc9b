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
    // Every file starts its own adb server, lab and HTTP servers on private ports, so files
    // run side by side. Vitest's default is one worker per core less one: a single worker on
    // a 2-core machine, idle while its file waits on a lab's latency. Three keep both cores busy.
    fileParallelism: true,
    maxWorkers: 3,
    pool: 'forks',
  },
});
