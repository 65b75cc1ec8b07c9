import { defineConfig } from 'vitest/config';

// Two projects run in parallel workers: `unit` (pure logic, network blocked) and `int` (server through
// inject on one shared PostgreSQL per run, one database per test file cloned from a migrated template).
export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          setupFiles: ['packages/server/test/block-network.ts'],
        },
      },
      {
        test: {
          name: 'int',
          include: ['packages/server/**/*.int.test.ts'],
          globalSetup: ['packages/server/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
