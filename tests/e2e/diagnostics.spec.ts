/**
 * The diagnostics panel in the harness, both SCORM versions: hidden until Ctrl+Alt+D or a long press on the title,
 * a modal dialog (focus trapped, Escape closes, focus returns), the values an administrator needs, LMS errors
 * with codes and diagnostics, and a "Copy report" button that puts the same text on the clipboard.
 */
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { courseFrame, harnessState, openHarness } from './fixtures/harness.ts';
import { course } from './fixtures/course.ts';

const versions = [
  {
    v: '12' as const,
    label: 'SCORM 1.2',
    api: 'window.API',
    limit: 4096,
    commit: 'LMSCommit',
    lastError: 'LMSGetLastError',
    errorString: 'LMSGetErrorString',
    diagnostic: 'LMSGetDiagnostic',
  },
  {
    v: '2004' as const,
    label: 'SCORM 2004 4th Edition',
    api: 'window.API_1484_11',
    limit: 64000,
    commit: 'Commit',
    lastError: 'GetLastError',
    errorString: 'GetErrorString',
    diagnostic: 'GetDiagnostic',
  },
];

/** The value next to a label in the panel. */
const row = (frame: FrameLocator, label: string) => frame.getByRole('dialog').locator(`dt:text-is("${label}") + dd`);
const inDialog = (frame: FrameLocator) =>
  frame.locator('body').evaluate(() => document.activeElement?.closest('dialog') !== null);

async function start(page: Page, v: '12' | '2004'): Promise<FrameLocator> {
  await openHarness(page, { v, mastery: 90, id: 'nurse-7' });
  const frame = courseFrame(page);
  await expect(frame.getByRole('button', { name: 'Start course' })).toBeVisible();
  return frame;
}

for (const { v, label, api, limit, commit, lastError, errorString, diagnostic } of versions) {
  test.describe(label, () => {
    test('Ctrl+Alt+D opens a modal panel with the course, LMS and saving facts; Escape closes it and focus returns', async ({
      page,
    }) => {
      const frame = await start(page, v);
      const dialog = frame.getByRole('dialog', { name: 'Diagnostics' });
      await expect(dialog).toBeHidden(); // nothing for learners to see
      const startButton = frame.getByRole('button', { name: 'Start course' });
      await startButton.focus();
      await page.keyboard.press('d'); // a plain key does nothing
      await expect(dialog).toBeHidden();

      await page.keyboard.press('Control+Alt+KeyD');
      await expect(dialog).toBeVisible();
      await expect(frame.getByRole('heading', { name: 'Diagnostics' })).toBeFocused();
      await expect(row(frame, 'Course version')).toHaveText(course.settings.version);
      await expect(row(frame, 'SCORM version')).toHaveText(label);
      await expect(row(frame, 'API object')).toHaveText(api);
      await expect(row(frame, 'API found')).toHaveText('parent 1'); // the harness page holds the course's frame
      await expect(row(frame, 'Mastery score')).toHaveText('90%');
      await expect(row(frame, 'Pass mark in use')).toHaveText('90% (from the LMS)');
      await expect(row(frame, 'Mode')).toHaveText('normal');
      await expect(row(frame, 'Credit')).toHaveText('credit');
      await expect(row(frame, 'Entry')).toHaveText('ab-initio');
      await expect(row(frame, 'Learner id')).toHaveText('nurse-7');
      await expect(row(frame, 'Commits failed')).toHaveText('0');
      await expect(row(frame, 'Commits sent')).toHaveText(/^[1-9]\d*$/); // the launch's first save, once it is made
      await expect(row(frame, 'suspend_data size')).toHaveText(
        new RegExp(`^\\d+ of ${limit} characters \\(\\d+\\.\\d%\\)$`),
      );
      await expect(row(frame, 'Errors')).toHaveText('none');

      // Focus stays in the panel both ways, even though the course runs inside the LMS's frame.
      for (let i = 0; i < 5; i++) {
        await page.keyboard.press('Tab');
        expect(await inDialog(frame)).toBe(true);
      }
      for (let i = 0; i < 5; i++) {
        await page.keyboard.press('Shift+Tab');
        expect(await inDialog(frame)).toBe(true);
      }

      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(startButton).toBeFocused();
      expect((await harnessState(page)).errors).toEqual([]);
    });

    test('a long press on the title opens it; "Copy report" puts the whole report on the clipboard', async ({
      page,
      context,
    }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      // How long a press lasts is Playwright's clock's business: the test moves time on instead of waiting.
      await page.clock.install();
      const frame = await start(page, v);
      const dialog = frame.getByRole('dialog', { name: 'Diagnostics' });
      const box = (await frame.locator('[data-diagnostics-trigger]').boundingBox())!;
      await page.mouse.move(box.x + 20, box.y + box.height / 2);
      await page.mouse.down();
      await page.clock.runFor(400);
      await page.mouse.up(); // a short press is just a press
      await page.clock.runFor(2000);
      await expect(dialog).toBeHidden();
      await page.mouse.down();
      await page.clock.runFor(1500); // a long press: 1.5 s
      await expect(dialog).toBeVisible();
      await page.mouse.up();

      await frame.getByRole('button', { name: 'Copy report' }).click();
      await expect(frame.getByRole('status').filter({ hasText: 'Copied' })).toHaveText('Copied');
      const text = await page.evaluate(() => navigator.clipboard.readText());
      expect(text.split('\n')[0]).toBe(`${course.settings.title}: diagnostics report`);
      for (const line of [
        `  Course version: ${course.settings.version}`,
        `  SCORM version: ${label}`,
        '  API found: parent 1',
        '  Mastery score: 90%',
        '  Mode: normal',
        '  Credit: credit',
        '  Entry: ab-initio',
        '  Learner id: nurse-7',
        '  Commits failed: 0',
        '  Errors: none',
      ]) {
        expect(text).toContain(`\n${line}\n`);
      }
      expect(text).toMatch(new RegExp(`\\n {2}suspend_data size: \\d+ of ${limit} characters`));

      await frame.getByRole('button', { name: 'Close' }).click();
      await expect(dialog).toBeHidden();
    });

    test('LMS errors appear with their code, text and diagnostic, and failed commits are counted', async ({ page }) => {
      const frame = await start(page, v);
      // The LMS starts refusing commits, as a server that lost the session would.
      await page.evaluate(
        ({ commit, lastError, errorString, diagnostic }) => {
          const lms = window.__harness.api as Record<string, unknown>;
          lms[commit] = () => 'false';
          lms[lastError] = () => '101';
          lms[errorString] = () => 'General Exception';
          lms[diagnostic] = () => 'session expired (test)';
        },
        { commit, lastError, errorString, diagnostic },
      );
      await frame.getByRole('button', { name: 'Start course' }).click();
      await expect(frame.getByRole('alert')).toContainText('not saved yet');
      await page.keyboard.press('Control+Alt+KeyD');
      await expect(row(frame, 'Commit').first()).toHaveText(
        '101 · General Exception · diagnostic: session expired (test)',
      );
      await expect(row(frame, 'Commits failed')).toHaveText(/^[1-9]\d*$/);
      await expect(row(frame, 'Save status')).toHaveText('retrying');
    });
  });
}

test('when the Clipboard API is blocked (as in many LMS frames), the copy falls back and still says "Copied"', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const frame = await start(page, '12');
  await frame.locator('body').evaluate(() => {
    navigator.clipboard.writeText = () =>
      Promise.reject(new DOMException('blocked by permissions policy', 'NotAllowedError'));
  });
  await frame.getByRole('button', { name: 'Start course' }).focus();
  await page.keyboard.press('Control+Alt+KeyD');
  await frame.getByRole('button', { name: 'Copy report' }).click();
  await expect(frame.getByRole('status').filter({ hasText: 'Copied' })).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('  SCORM version: SCORM 1.2\n');
  await expect(frame.getByRole('button', { name: 'Copy report' })).toBeFocused();
});
