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
    // All at once: they wait on timers and sockets far more than they compute, so running them in
    // parallel costs little CPU and keeps the soak within the other suites' time.
    maxWorkers: 3,
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
