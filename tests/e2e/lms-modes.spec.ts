/**
 * Sessions whose results the LMS does not record (review, browse, no-credit), in the browser: the learner sees a
 * banner saying so from the welcome screen on, and it stays while they move into the course. A normal session with
 * credit shows none. That nothing is sent in those sessions is tested in tests/unit/lms-modes.test.ts.
 */
import { expect, test } from '@playwright/test';
import { courseFrame, openHarness, type LaunchOptions } from './fixtures/harness.ts';

const sessions: { mode: LaunchOptions['mode']; credit: LaunchOptions['credit']; label: string | null }[] = [
  { mode: 'review', credit: 'credit', label: 'Review mode' },
  { mode: 'browse', credit: 'credit', label: 'Browse mode' },
  { mode: 'normal', credit: 'no-credit', label: 'No-credit session' },
  { mode: 'normal', credit: 'credit', label: null },
];

for (const v of ['12', '2004'] as const) {
  test.describe(`SCORM ${v === '12' ? '1.2' : '2004'}`, () => {
    for (const { mode, credit, label } of sessions) {
      test(`${mode} / ${credit}: ${label ? `"${label}" and that results are not recorded, on every screen` : 'no banner about recording'}`, async ({
        page,
      }) => {
        await openHarness(page, { v, mode, credit });
        const frame = courseFrame(page);
        const banner = frame.getByRole('note').filter({ hasText: 'results are not recorded' });
        await expect(frame.getByRole('button', { name: 'Start course' })).toBeVisible(); // the welcome screen
        if (!label) {
          await expect(banner).toHaveCount(0);
          return;
        }
        await expect(banner).toHaveText(
          `${label}: you can read everything and try the quizzes, but your results are not recorded.`,
        );
        const start = frame.getByRole('button', { name: 'Start course' });
        await start.click();
        await expect(start).toHaveCount(0); // the next screen (the baseline check's introduction)
        await expect(banner).toBeVisible();
      });
    }
  });
}
