import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './tests/e2e/fixtures/browser.ts';

// PW_PORT lets several people run the browser tests on one machine at once.
const port = Number(process.env.PW_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  // Fails the run with install instructions when the browser is missing.
  globalSetup: './tests/e2e/fixtures/global-setup.ts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // 2 cores here; more workers only make the course timings flaky.
  workers: 2,
  reporter: process.env.CI ? [['line']] : [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
  },
  projects: [{ name: 'desktop', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: `npx tsx tools/serve.ts --port ${port}`,
    url: `${baseURL}/`,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
