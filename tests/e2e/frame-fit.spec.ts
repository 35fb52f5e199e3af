/**
 * An LMS player can give the course a frame taller than the screen shows (Moodle's embedded player: at least about
 * 680 px, under its own header). Back and Next must stay on screen all the same, without scrolling the LMS page.
 */
import { expect, test, type Page } from '@playwright/test';
import { course } from './fixtures/course.ts';
import { afterBaseline, savedState } from './fixtures/progress.ts';

/** An LMS-like page: a header, then the course in a frame taller than what is left of the window. */
async function openInTallFrame(page: Page, frameHeight: number) {
  await page.route('**/tall-frame.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>LMS</title><body style="margin:0">
        <header style="height:160px;background:#eee">LMS header</header>
        <iframe id="sco" title="Course" src="/scorm2004/index.html" style="display:block;width:100%;height:${frameHeight}px;border:0"></iframe>
        <footer style="height:400px">LMS footer</footer></body>`,
    }),
  );
  // No LMS on this page: the course keeps progress on the device. A learner who has taken the baseline check is on
  // the course menu.
  await page.goto('/harness/harness.css');
  await page.evaluate(([key, suspend]) => localStorage.setItem(key, JSON.stringify({ 'cmi.suspend_data': suspend })), [
    `${course.settings.id}:progress`,
    savedState(afterBaseline()).suspendData,
  ] as const);
  await page.goto('/tall-frame.html');
  const frame = page.frameLocator('#sco');
  await frame.getByRole('button', { name: 'Resume: the course menu' }).click();
  await frame.getByRole('button', { name: 'Open module 1' }).click();
  return frame;
}

async function expectOnScreen(page: Page, name: string | RegExp) {
  const viewport = page.viewportSize()!;
  const button = page.frameLocator('#sco').getByRole('button', { name });
  await expect
    .poll(async () => {
      const box = await button.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= viewport.height;
    })
    .toBe(true);
}

for (const viewport of [
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
]) {
  test(`Back and Next stay on screen in a frame taller than the window (${viewport.width}x${viewport.height})`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const frame = await openInTallFrame(page, viewport.height + 200);
    await expect(frame.getByRole('heading', { level: 1 })).toBeVisible();
    await expectOnScreen(page, /^Next/);
    // The learner scrolls the LMS page a little: the bar follows the visible edge.
    await page.evaluate(() => window.scrollBy(0, 120));
    await expectOnScreen(page, /^Next/);
    await frame.getByRole('button', { name: /^Next/ }).click();
    await expectOnScreen(page, /^Back/);
  });
}
