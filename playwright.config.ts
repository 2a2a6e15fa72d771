import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (the machines cannot fetch one).
export const CHROMIUM = process.env.FIELDKIT_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './test/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'artifacts/test-report/playwright.json' }]],
  outputDir: 'test-results',
  use: {
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    screenshot: 'only-on-failure',
  },
});
