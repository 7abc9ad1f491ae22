// Playwright end-to-end tests: Debian's Chromium with the built extension
// (dist/chrome, from `npm run build`), the real `redline native` host, pages
// served from localhost. Run with `npm run e2e`.
import { defineConfig } from '@playwright/test';

// The flows under test (underline, card, accept, undo, ignore) must not depend on how good the
// shipped model is: the host (started by Chromium, which inherits this environment) keeps every
// change the real model makes instead of applying the model's precision guard.
process.env.REDLINE_MIN_MARGIN ??= '-inf';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.js',
  globalSetup: './global_setup.js',
  outputDir: '../../test-results/e2e',
  workers: 1, // each test file starts a browser and a host; the CI machine has 2 cores
  fullyParallel: false,
  retries: 0,
  timeout: 180000,
  expect: { timeout: 30000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
