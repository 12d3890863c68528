import { defineConfig } from 'vitest/config';

/**
 * Soak tests: minutes of wall-clock time against the fake venues (a 10-minute live session with a
 * drop every 30 s, a 5-year IB backfill at IB's legal pace). They mostly wait, so `npm test` runs them
 * beside the other suites (scripts/run-tests.mjs) instead of after them.
 */
export default defineConfig({
  test: {
    include: ['tests/soak/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
