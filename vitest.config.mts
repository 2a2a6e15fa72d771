import { defineConfig } from 'vitest/config';

// Integration tests start real peers (ipmi_sim, snmptrap, gnome-keyring) on
// loopback; they run in forks so a crashing peer cannot take the runner down.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    pool: 'forks',
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The JSON report feeds the one-line total printed at the end of `npm test` (scripts/test-summary.mjs).
    reporters: ['default', ['json', { outputFile: 'artifacts/test-report/vitest.json' }]],
  },
});
