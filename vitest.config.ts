import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,electron,renderer,console,cli,sync-server,sync-tests,bench}/**/*.test.{ts,tsx}'],
    // A hang guard, not a speed limit: durability and server tests use real files, processes and
    // ports, and on 2 busy cores (two suites at once) npm start's set-up alone took 63 s.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
