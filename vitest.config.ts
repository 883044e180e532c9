import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,electron,renderer,console,cli,sync-server,sync-tests,bench}/**/*.test.{ts,tsx}'],
    // Durability and server tests use real files, processes and ports: give them room on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
