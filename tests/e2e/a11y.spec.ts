/**
 * WCAG 2.2 AA: axe-core (tags wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa) on every kind of screen, in the
 * light and the dark theme, on the desktop and every device project (see playwright.config.ts). Plus what axe
 * cannot see: focus on the new heading after each screen change, results and save problems announced through
 * live regions, the modal dialog keeping and returning focus.
 */
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import {
  answerAll,
  answerCurrent,
  button,
  course,
  expectNoAxeViolations,
  expectPageText,
  heading,
  openCourse,
  press,
  resumeCourse,
} from './fixtures/ui.ts';
import { afterBaseline, progressAt } from './fixtures/progress.ts';

/**
 * The desktop project checks every state of every screen. The device projects check each kind of screen once, in
 * its fullest state (the menu with passed, in progress and locked modules; a question with an answer chosen; an
 * activity opened and answered), in both themes: the markup and colours are the desktop's, and what a device
 * changes is the layout, which the fullest state shows. The intermediate states are checked on the desktop only.
 */
const everyState = (info: TestInfo) => info.project.name === 'desktop';

/** A learner who has taken the baseline check and is on the course menu. */
const AT_MENU = afterBaseline();
const resumeButton = (page: Page) => page.getByRole('button', { name: /^Resume: / });

/** The live region in App.svelte that announces quiz results. */
const announcer = (page: Page) => page.locator('[aria-live="polite"][aria-atomic="true"]');

async function expectFocusOnHeading(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
}

/** Opens every reveal, accordion and flip card, picks the last tab, answers and checks every activity. */
async function useInteractives(page: Page, info: TestInfo): Promise<void> {
  // Sort and match blocks get their controls when the page mounts them: go on once every one has them.
  await expect
    .poll(() =>
      page
        .locator('main [data-interactive="sort"], main [data-interactive="match"]')
        .evaluateAll((blocks) => blocks.every((b) => b.querySelector('.activity-ui'))),
    )
    .toBe(true);
  const closed = page.locator('main .prose details:not([open]) > summary');
  for (let i = 0; i < 30 && (await closed.count()) > 0; i++) await press(closed.first(), info);
  const tabs = page.locator('main [role=tablist]');
  for (let i = 0; i < (await tabs.count()); i++) {
    const last = tabs.nth(i).getByRole('tab').last();
    await press(last, info);
    await expect(last).toHaveAttribute('aria-selected', 'true');
  }
  const activities = page.locator('main .activity-ui');
  for (let i = 0; i < (await activities.count()); i++) {
    const activity = activities.nth(i);
    const rows = activity.locator('.activity-row');
    for (let r = 0; r < (await rows.count()); r++) {
      const row = rows.nth(r);
      if (await row.locator('select').count()) await row.locator('select').selectOption({ index: 1 });
      else await press(row.locator('label.activity-choice').first(), info);
    }
    await press(activity.getByRole('button', { name: 'Check answers' }), info);
    await expect(activity.getByRole('button', { name: 'Try again' })).toBeVisible();
  }
}

/**
 * Opens a dialog, checks it (focus inside, axe unless `axe: false`), closes it with Escape and expects focus back
 * on the opener.
 */
async function expectDialog(
  page: Page,
  info: TestInfo,
  opener: Locator,
  screen: string,
  { axe = true } = {},
): Promise<void> {
  await press(opener, info);
  const dialog = page.locator('dialog[open]');
  await expect(dialog).toHaveCount(1);
  await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  if (axe) await expectNoAxeViolations(page, `${screen} dialog`);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
}

/** The first page with each kind of interactive element (module and page index, 0-based), in course order. */
const interactivePages = (() => {
  const seen = new Set<string>();
  const found: { module: number; page: number; kinds: string[] }[] = [];
  course.modules.forEach((m, module) =>
    m.pages.forEach((p, page) => {
      const kinds = [...p.html.matchAll(/data-interactive="([a-z-]+)"/g)].map((x) => x[1]!);
      if (kinds.some((k) => !seen.has(k))) {
        kinds.forEach((k) => seen.add(k));
        found.push({ module, page, kinds });
      }
    }),
  );
  return found;
})();

test.describe('axe: zero violations on every kind of screen', () => {
  // Colours and movement switch at once: axe checks the settled screen without waiting for transitions.
  test.use({ reducedMotion: 'reduce' });

  test('introduction, menu, and the glossary and reference dialogs', async ({ page }, info) => {
    await openCourse(page);
    await expectNoAxeViolations(page, 'introduction');

    await press(button(page, 'Start course'), info);
    await expect(heading(page)).toHaveText('Baseline check: what you know already');
    await expectFocusOnHeading(page);

    // On as a learner who has taken the baseline check (tests/e2e/baseline.spec.ts takes it, with axe on its screens).
    await openCourse(page, { saved: AT_MENU });
    await press(resumeButton(page), info);
    await expect(heading(page)).toHaveText('Course menu');
    if (everyState(info)) await expectNoAxeViolations(page, 'menu (first visit)');

    await press(page.getByRole('button', { name: 'Open module 1' }), info);

    // Glossary and references (top bar), a glossary term in the text, a citation opening its reference.
    const topbar = page.locator('.topbar');
    await expectDialog(page, info, topbar.getByRole('button', { name: 'Glossary' }), 'glossary');
    await expectDialog(page, info, topbar.getByRole('button', { name: 'References' }), 'references');
    // The same two dialogs, opened from the text: focus and its return everywhere, axe again on the desktop.
    const again = { axe: everyState(info) };
    await expectDialog(page, info, page.locator('main .prose [data-term]').first(), 'glossary term', again);
    await expectDialog(
      page,
      info,
      page.locator('main .prose a[href^="#ref-"]').first(),
      'reference from a citation',
      again,
    );
  });

  // Module 1's pages in two halves (the second from saved progress), each page's heading focused after Next.
  const pages = course.modules[0]!.pages;
  const half = Math.ceil(pages.length / 2);
  for (const [from, to] of [
    [0, half],
    [half, pages.length],
  ] as const) {
    test(`module pages ${from + 1} to ${to}${to === pages.length ? ' and the quiz intro' : ''}: focus on each new heading`, async ({
      page,
    }, info) => {
      const everyPage = info.project.name === 'desktop'; // the content of every page once; devices check the layouts
      await resumeCourse(page, progressAt('page', 0, { page: from }), info);
      for (let p = from; p < to; p++) {
        await expect(heading(page)).toHaveText(pages[p]!.title);
        if (p > from) await expectFocusOnHeading(page);
        await expectPageText(page); // the page's text is there to look at
        if (everyPage || p === 0 || (await page.locator('main table').count()) > 0)
          await expectNoAxeViolations(page, `module 1 page ${p + 1}`);
        await press(button(page, p === pages.length - 1 ? 'Go to the quiz' : 'Next'), info);
      }
      if (to < pages.length) {
        await expect(heading(page)).toHaveText(pages[to]!.title);
        await expectFocusOnHeading(page);
      } else {
        await expect(heading(page)).toHaveText('Check what you learned');
        await expectNoAxeViolations(page, 'quiz intro');
      }
    });
  }

  test('quiz: questions, the summary unanswered and answered, and the result not passed', async ({ page }, info) => {
    await resumeCourse(page, progressAt('quizIntro', 0), info);
    await expect(heading(page)).toHaveText('Check what you learned');

    // A question before and after choosing, and the summary with unanswered questions.
    await press(button(page, 'Start the quiz'), info);
    await expectFocusOnHeading(page);
    if (everyState(info)) await expectNoAxeViolations(page, 'question (nothing chosen)');
    const total = Number(
      (await page.locator('.eyebrow', { hasText: /^Question \d+ of \d+$/ }).textContent())!.match(/of (\d+)/)![1],
    );
    for (let i = 0; i < total; i++)
      await press(button(page, i === total - 1 ? 'Review answers' : 'Next question'), info);
    await expect(heading(page)).toHaveText('Your answers');
    await expect(page.getByText(/questions are not answered yet/)).toBeVisible();
    await expectNoAxeViolations(page, 'summary (questions unanswered)');
    await press(page.getByRole('button', { name: /^Question 1:/ }), info);

    await answerAll(page, (i) => i === 0, info); // 1 of 5 right: not passed
    if (everyState(info)) await expectNoAxeViolations(page, 'summary (all answered)');
    await press(button(page, 'Submit answers'), info);
    await expect(heading(page)).toHaveText('Not passed this time');
    await expectFocusOnHeading(page);
    await expect(announcer(page)).toHaveText(/^Quiz result: 20%, pass mark 80%\. Not passed this time\.$/);
    await expectNoAxeViolations(page, 'result (not passed)');
  });

  test('quiz: a second attempt, the result passed, and the menu with passed, in progress and locked modules', async ({
    page,
  }, info) => {
    await resumeCourse(page, progressAt('result', 0, { failedOnce: true }), info);
    await expect(heading(page)).toHaveText('Not passed this time');
    await press(button(page, 'Try again'), info);
    await expect(announcer(page)).toHaveText('');
    await answerCurrent(page, true, info);
    await expectNoAxeViolations(page, 'question (answer chosen)');
    await answerAll(page, true, info);
    await press(button(page, 'Submit answers'), info);
    await expect(heading(page)).toHaveText('You passed');
    await expect(announcer(page)).toHaveText('Quiz result: 100%, pass mark 80%. You passed.');
    // Rationales of right answers start collapsed: check the screen with one opened too.
    await press(page.locator('details summary').first(), info);
    await expectNoAxeViolations(page, 'result (passed)');

    // Module 2 started: the menu shows passed, in progress and locked modules.
    await press(button(page, 'Continue to Module 2'), info);
    await expect(heading(page)).toHaveText(course.modules[1]!.pages[0]!.title);
    await press(button(page, 'Next'), info);
    await press(page.getByRole('button', { name: 'Menu', exact: true }).first(), info);
    await expect(heading(page)).toHaveText('Course menu');
    await expect(page.getByText(/Passed · best score 100%/)).toBeVisible();
    await expect(page.getByText(/In progress · 2 of \d+ pages/)).toBeVisible();
    await expectNoAxeViolations(page, 'menu (passed, in progress, locked)');
  });

  // One test per page that brings a new kind of interactive element: each starts from saved progress on its page.
  for (const { module, page: p, kinds } of interactivePages) {
    const where = `interactive ${kinds.join(' + ')} (module ${module + 1} page ${p + 1})`;
    test(`${where}: closed, then opened and answered`, async ({ page }, info) => {
      await resumeCourse(page, progressAt('page', module, { page: p }), info);
      await expect(heading(page)).toHaveText(course.modules[module]!.pages[p]!.title);
      // What the page shows is what the content says (the kinds come from the compiled HTML).
      await expect
        .poll(() =>
          page
            .locator('main [data-interactive]')
            .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.interactive!)),
        )
        .toEqual(kinds);
      if (everyState(info)) await expectNoAxeViolations(page, `${where}, closed`);
      await useInteractives(page, info);
      await expectNoAxeViolations(page, `${where}, opened and answered`);
    });
  }

  test('evaluation, completion, certificate and the menu after passing every module', async ({ page }, info) => {
    await resumeCourse(
      page,
      progressAt('evaluation', course.modules.length - 1, { passed: course.modules.length }),
      info,
    );

    // The course evaluation comes before the completion screen and the certificate.
    await expect(heading(page)).toHaveText('Course evaluation');
    if (everyState(info)) await expectNoAxeViolations(page, 'evaluation (nothing rated)');
    // Every kind of answer shown chosen: the Likert statements (required), one outcome, the yes/no question, one
    // choice of each list, every text.
    for (const item of course.evaluation ?? []) {
      const group = page.locator(
        `main form fieldset[data-item="${item.type === 'outcomes' ? `${item.id}-${item.outcomes[0]!.id}` : item.id}"]`,
      );
      if (item.type === 'likert' || item.type === 'outcomes' || item.type === 'yesno')
        await press(group.locator('label').last(), info);
      if (item.type === 'choices') await press(group.locator('label').first(), info);
    }
    const texts = page.locator('main textarea');
    for (let i = 0; i < (await texts.count()); i++) await texts.nth(i).fill('Clear and practical.');
    await expectNoAxeViolations(page, 'evaluation (filled in)');
    await press(button(page, 'Submit evaluation'), info);

    await expect(heading(page)).toContainText('You have completed');
    await expect(announcer(page)).toHaveText('Course complete. Your course score is 100%.');
    await expectNoAxeViolations(page, 'completion');
    await press(button(page, 'View your certificate'), info);
    await expect(heading(page)).toHaveText('Certificate of Completion');
    await expectNoAxeViolations(page, 'certificate');
    await press(page.getByRole('button', { name: 'Course menu', exact: true }), info);
    await expect(heading(page)).toHaveText('Course menu');
    if (everyState(info)) await expectNoAxeViolations(page, 'menu (all passed)');
  });

  // The certificate's form in its error state: a state of the certificate screen, checked on the desktop.
  test(
    'the certificate with the licence fields showing their inline errors',
    { tag: '@desktop-only' },
    async ({ page }, info) => {
      const last = course.modules.length - 1;
      await resumeCourse(page, progressAt('certificate', last, { passed: last + 1, evaluated: true }), info);
      await page.getByRole('textbox', { name: 'Licence number' }).fill('RN 1');
      await press(page.getByRole('button', { name: 'Show on the certificate' }), info);
      await expect(page.getByRole('textbox', { name: 'Licence number' })).toHaveAttribute('aria-invalid', 'true');
      await expectNoAxeViolations(page, 'certificate (licence errors shown)');
    },
  );

  test('resume prompt and the start-over dialog (focus kept inside, returned on close)', async ({ page }, info) => {
    await openCourse(page, { saved: AT_MENU });
    await press(resumeButton(page), info);
    await press(page.getByRole('button', { name: 'Open module 1' }), info);
    await press(button(page, 'Next'), info);
    await press(button(page, 'Next'), info);
    await expect(page.locator('.save')).toHaveAttribute('data-status', 'saved');
    await page.reload();
    const resume = page.getByRole('button', { name: 'Resume: Module 1, page 3' });
    await expect(resume).toBeVisible();
    await expectNoAxeViolations(page, 'resume prompt');

    const startOver = button(page, 'Start over');
    await press(startOver, info);
    const dialog = page.getByRole('dialog', { name: 'Start over?' });
    await expect(dialog).toBeVisible();
    await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await expectNoAxeViolations(page, 'start-over dialog');
    // Modal: the page behind is inert, keyboard focus cycles through the dialog's controls only.
    for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog[open]')), `focus after ${key}`).toBe(
        true,
      );
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(startOver).toBeFocused();
    await press(resume, info);
    await expect(heading(page)).toHaveText(course.modules[0]!.pages[2]!.title);
  });

  test('no-LMS notice (the package opened outside a learning system)', async ({ page }) => {
    await openCourse(page, { lms: 'none' });
    await expect(page.getByText('This course is not connected to a learning system.')).toBeVisible();
    await expect(page.locator('.save')).toContainText('Saved');
    await expectNoAxeViolations(page, 'no-LMS notice');
  });

  test('save problem: banner announced as an alert, recovery announced, then the exit screen', async ({
    page,
  }, info) => {
    // The retry pauses (1 s, 2 s, 4 s ... 30 s) run on Playwright's clock: the test moves time on instead of waiting.
    await page.clock.install();
    await openCourse(page, { saved: AT_MENU });
    await press(resumeButton(page), info);
    await page.evaluate(() => (window.__failCommits = true));
    await press(page.getByRole('button', { name: 'Open module 1' }), info);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Your progress is not saved yet');
    await expect(page.locator('.save')).toContainText('Not saved, retrying');
    await expectNoAxeViolations(page, 'save problem banner');

    await page.evaluate(() => (window.__failCommits = false));
    await page.clock.runFor(30_000); // the longest pause: the next try is in it
    await expect(page.locator('.save')).toHaveAttribute('data-status', 'saved');
    await expect(alert).toHaveCount(0);
    await expect(
      page.locator('.visually-hidden[aria-live="polite"]', { hasText: 'Your progress is saved again.' }),
    ).toBeAttached();

    await press(button(page, 'Exit'), info);
    await expect(heading(page)).toHaveText('Your progress is saved');
    await expectNoAxeViolations(page, 'after exit');
  });
});
