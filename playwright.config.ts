import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './tests/e2e/fixtures/browser.ts';

// PW_PORT lets several people run the browser tests on one machine at once.
const port = Number(process.env.PW_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}`;

/**
 * Every spec runs on 'desktop'. The device projects (Chromium with each device's viewport, scale, touch and
 * user agent) run only the specs about the interface itself: accessibility and layout/touch. The SCORM and
 * course-logic specs do not depend on the screen, and running them five times would only slow CI down.
 */
const deviceSpecs = [/a11y.*\.spec\.ts$/, /layout.*\.spec\.ts$/];

export default defineConfig({
  testDir: 'tests/e2e',
  // Fails the run with install instructions when the browser is missing.
  globalSetup: './tests/e2e/fixtures/global-setup.ts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Playwright's default test timeout, 30 s: a test that walks through the course to reach its point shows up as a
  // failure. Tests start where they need to be from saved progress; only the whole-course journeys (course.spec.ts)
  // are test.slow(), and the slow-LMS test, which measures input delays against half a real second per LMS call.
  // 2 cores here; more workers only make the course timings flaky.
  workers: 2,
  reporter: process.env.CI ? [['line']] : [['list']],
  use: {
    baseURL,
    // A failed test keeps a screenshot of its last screen. No trace by default: recording one costs every test,
    // passing or not (DOM snapshots of every action took a fifth of the suite's time, the rest of the trace another
    // fifth). To see a failure step by step, run it again with --trace=retain-on-failure (or --trace=on).
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
  },
  projects: [
    // Tags pick what applies where: @touch tests need a touch screen, @desktop-only ones are checked once.
    { name: 'desktop', grepInvert: /@touch/, use: { ...devices['Desktop Chrome'] } },
    {
      name: 'ipad-pro-11-portrait',
      testMatch: deviceSpecs,
      grepInvert: /@desktop-only/,
      use: { ...devices['iPad Pro 11'], defaultBrowserType: 'chromium' },
    },
    {
      name: 'ipad-pro-11-landscape',
      testMatch: deviceSpecs,
      grepInvert: /@desktop-only/,
      use: { ...devices['iPad Pro 11 landscape'], defaultBrowserType: 'chromium' },
    },
    {
      name: 'galaxy-tab-s4',
      testMatch: deviceSpecs,
      grepInvert: /@desktop-only/,
      use: { ...devices['Galaxy Tab S4'], defaultBrowserType: 'chromium' },
    },
    // A 375 px wide phone (iPhone 12 mini's viewport and scale), touch, in Chromium.
    {
      name: 'phone-375',
      testMatch: deviceSpecs,
      grepInvert: /@desktop-only/,
      use: { ...devices['iPhone 12 Mini'], defaultBrowserType: 'chromium' },
    },
  ],
  webServer: {
    command: `npx tsx tools/serve.ts --port ${port}`,
    url: `${baseURL}/`,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
