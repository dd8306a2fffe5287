import { defineConfig } from 'vitest/config';

// Three test tiers (engineering.md): unit tests beside the code, database/API
// tests (PGlite always, PostgreSQL too when DATABASE_URL is set), browser tests in e2e/.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          exclude: ['src/**/*.db.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db',
          include: ['src/**/*.db.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          // A failing journey prints its API calls, errors and visible messages, with screenshots.
          setupFiles: ['e2e/support/failureReport.ts'],
          // A journey is many steps; on a loaded 2-core CI machine a page answers in seconds,
          // not the 1 s expect.poll waits by default.
          testTimeout: 120_000,
          expect: { poll: { timeout: 10_000 } },
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
