/**
 * The nursing-CE frame in the LMS harness: the certificate at a later launch, glossary terms and citation links by
 * keyboard, and the interactive elements of the module pages by keyboard. The CE introduction, the evaluation (sent
 * to the LMS as interactions) and the certificate with the LMS learner's name in a whole run are in the journey of
 * course.spec.ts.
 */
import { expect, test, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { freshProgress, type Progress, type View } from '../../src/course/progress.ts';
import { encodeProgress } from '../../src/course/saved-state.ts';
import { course, expectPageText } from './fixtures/course.ts';
import { courseFrame, openHarness, seedLms } from './fixtures/harness.ts';

const likert = (course.evaluation ?? []).filter((i) => i.type === 'likert');
/** Saved progress with every quiz passed, the learner at `view` (and page `at`), as an earlier session left it. */
function savedProgress(view: View, options: { evaluated?: boolean; at?: Progress['at'] } = {}): string {
  const p = freshProgress(course, 4242);
  p.modules = p.modules.map((m) => ({
    ...m,
    visited: m.visited.map(() => true),
    attempts: 1,
    best: 100,
    passed: true,
    attempt: null,
  }));
  p.view = view;
  p.at = options.at ?? { module: 0, page: 0, question: 0 };
  if (options.evaluated) p.evaluation = { ...p.evaluation, ratings: likert.map(() => 4), submittedOn: '2026-11-14' };
  return encodeProgress(course, p);
}

async function resumeAt(page: Page, v: '12' | '2004', suspend: string): Promise<FrameLocator> {
  await seedLms(page, v, { 'cmi.suspend_data': suspend });
  await openHarness(page, { v, name: 'Doe, Jane' });
  const frame = courseFrame(page);
  await frame.getByRole('button', { name: /^Resume:/ }).click();
  return frame;
}

const heading = (frame: FrameLocator) => frame.getByRole('heading', { level: 1 });

for (const v of ['12', '2004'] as const) {
  test.describe(`SCORM ${v === '12' ? '1.2' : '2004'}`, () => {
    test('the certificate is reachable from the menu at a later launch, and the evaluation is asked first', async ({
      page,
    }) => {
      const frame = await resumeAt(page, v, savedProgress('menu'));
      await expect(frame.getByRole('button', { name: 'View your certificate' })).toHaveCount(0);
      await frame.getByRole('button', { name: 'Go to the course evaluation' }).click();
      await expect(heading(frame)).toHaveText('Course evaluation');

      const again = await resumeAt(page, v, savedProgress('menu', { evaluated: true }));
      await again.getByRole('button', { name: 'View your certificate' }).click();
      await expect(again.locator('.certificate')).toContainText('November 14, 2026');
      await expect(again.locator('.certificate').getByTestId('certificate-name')).toHaveText('Jane Doe');
    });
  });
}

/** The first page (module index, page index) whose HTML matches, in a module the saved progress opens. */
function pageWith(pattern: RegExp): { module: number; page: number } | null {
  for (const [m, module] of course.modules.entries()) {
    const p = module.pages.findIndex((page) => pattern.test(page.html));
    if (p >= 0) return { module: m, page: p };
  }
  return null;
}

async function openPage(page: Page, where: { module: number; page: number }): Promise<FrameLocator> {
  const frame = await resumeAt(page, '2004', savedProgress('page', { at: { ...where, question: 0 } }));
  await expect(heading(frame)).toHaveText(course.modules[where.module]!.pages[where.page]!.title);
  await expectPageText(frame);
  return frame;
}

/** Once the page's text is there: a link inside a closed reveal is opened first, as a learner would. */
async function openClosedReveal(link: Locator): Promise<void> {
  await expect(link).toBeAttached();
  if (await link.evaluate((el) => !!el.closest('details:not([open])')))
    await link.locator('xpath=ancestor::details[1]/summary').click();
  await expect(link).toBeVisible();
}

test.describe('glossary and references', () => {
  test('a glossary term opens its definition in place by keyboard; Tab stays inside; Escape returns to the term', async ({
    page,
  }) => {
    const where = pageWith(/data-term="/);
    expect(where, 'a module page with a glossary term').not.toBeNull();
    const frame = await openPage(page, where!);
    const term = frame.locator('.prose [data-term]').first();
    await openClosedReveal(term);
    const id = await term.getAttribute('data-term');
    const entry = course.glossary!.find((t) => t.id === id)!;
    await term.focus();
    await page.keyboard.press('Enter');
    const dialog = frame.getByRole('dialog', { name: entry.term });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((d) => d.contains(d.ownerDocument.activeElement))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(term).toBeFocused();

    // Space works too, and the Close button closes it.
    await page.keyboard.press('Space');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).focus();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(term).toBeFocused();

    // The whole glossary from the top bar.
    const open = frame.getByRole('button', { name: 'Glossary' });
    await open.focus();
    await page.keyboard.press('Enter');
    const glossary = frame.getByRole('dialog', { name: 'Glossary' });
    await expect(glossary.locator('dt')).toHaveCount(course.glossary!.length);
    await glossary.getByRole('textbox', { name: 'Find a term' }).fill(entry.term);
    await expect(glossary.locator(`[id="glossary-${entry.id}"]`)).toBeVisible();
    await expect.poll(() => glossary.locator('dt').count()).toBeLessThan(course.glossary!.length);
    await page.keyboard.press('Escape');
    await expect(glossary).toBeHidden();
    await expect(open).toBeFocused();
  });

  test('a citation link jumps to its reference entry and back, by keyboard', async ({ page }) => {
    const where = pageWith(/href="#ref-/);
    expect(where, 'a module page with a citation').not.toBeNull();
    const frame = await openPage(page, where!);
    const link = frame.locator('.prose a[href^="#ref-"]').first();
    await openClosedReveal(link);
    const id = (await link.getAttribute('href'))!.slice('#ref-'.length);
    await link.focus();
    await page.keyboard.press('Enter');
    const references = frame.getByRole('dialog', { name: 'References' });
    await expect(references).toBeVisible();
    const entry = references.locator(`[id="ref-${id}"]`);
    await expect(entry).toBeFocused();
    await expect(entry).toBeInViewport();
    const back = entry.getByRole('button', { name: 'Back to the text' });
    await back.focus();
    await page.keyboard.press('Enter');
    await expect(references).toBeHidden();
    await expect(link).toBeFocused();
    expect(await frame.locator('body').evaluate((b) => b.ownerDocument.location.hash)).toBe('');

    // The list from the top bar has every reference.
    await frame.getByRole('button', { name: 'References' }).click();
    await expect(references.locator('li')).toHaveCount(course.references!.length);
    await page.keyboard.press('Escape');
    await expect(references).toBeHidden();
  });
});

test.describe('interactive elements', () => {
  test('tabs: arrow keys move the selection, one tab stop, the selected panel shown', async ({ page }) => {
    const where = pageWith(/data-interactive="tabs"/);
    expect(where, 'the course content has a tabs block').toBeTruthy();
    const frame = await openPage(page, where!);
    const block = frame.locator('[data-interactive="tabs"]').first();
    const tabs = block.getByRole('tab');
    const count = await block.locator('.tab-panel').count(); // in the compiled HTML: one tab for each panel
    expect(count).toBeGreaterThanOrEqual(2);
    await expect(tabs).toHaveCount(count);
    await expect(tabs.nth(0)).toHaveAttribute('aria-selected', 'true');
    await expect(block.getByRole('tabpanel')).toHaveCount(1); // hidden panels are out of the accessibility tree
    await tabs.nth(0).focus();
    await page.keyboard.press('ArrowRight');
    await expect(tabs.nth(1)).toBeFocused();
    await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(tabs.nth(0)).toHaveAttribute('tabindex', '-1');
    const panelId = await tabs.nth(1).getAttribute('aria-controls');
    await expect(block.locator(`[id="${panelId}"]`)).toBeVisible();
    await page.keyboard.press('End');
    await expect(tabs.nth(count - 1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowRight');
    await expect(tabs.nth(0)).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(block.getByRole('tabpanel')).toBeFocused();
  });

  // Only the activity kinds the content uses are tested (today: sort; match has no block yet), so nothing is skipped.
  const activityKinds = (['sort', 'match'] as const).filter((kind) =>
    pageWith(new RegExp(`data-interactive="${kind}"`)),
  );
  test('the content has at least one sort or match activity', () => {
    expect(activityKinds.length).toBeGreaterThan(0);
  });
  for (const kind of activityKinds) {
    test(`${kind}: chosen by keyboard, checked, and the result announced in a live region`, async ({ page }) => {
      const where = pageWith(new RegExp(`data-interactive="${kind}"`));
      const frame = await openPage(page, where!);
      const block = frame.locator(`[data-interactive="${kind}"]`).first();
      const answers = await block
        .locator('.activity-items > li')
        .evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.answer!));
      const targets = await block
        .locator('.activity-targets > li')
        .evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.target!));
      await expect(block.locator('.activity-items')).toBeHidden();
      const check = block.getByRole('button', { name: 'Check answers' });
      await expect(check).toBeDisabled();
      // Everything right but the first item.
      for (const [i, answer] of answers.entries()) {
        const chosen = i === 0 ? targets.find((t) => t !== answer)! : answer;
        const row = block.locator('.activity-row').nth(i);
        if (kind === 'sort') {
          await row.locator(`input[value="${chosen}"]`).focus();
          await page.keyboard.press('Space');
          await expect(row.locator(`input[value="${chosen}"]`)).toBeChecked();
        } else {
          await row.getByRole('combobox').focus();
          await row.getByRole('combobox').selectOption(chosen); // a native select: the platform's own keyboard UI
        }
      }
      await check.focus();
      await page.keyboard.press('Enter');
      const status = block.getByRole('status');
      await expect(status).toHaveText(new RegExp(`^${answers.length - 1} of ${answers.length} correct`));
      await expect(block.locator('.activity-row').nth(0)).toContainText('Not quite');
      await expect(block.getByRole('button', { name: 'Try again' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(status).toHaveText('');
      await expect(check).toBeDisabled();
    });
  }

  test('reveal, accordion and flip cards open and close with the keyboard and expose their state', async ({ page }) => {
    const where = pageWith(/data-interactive="(reveal|accordion|flipcards)"/);
    expect(where, 'the course content has a reveal, accordion or flip cards').toBeTruthy();
    const frame = await openPage(page, where!);
    const details = frame.locator('[data-interactive] details').first();
    const summary = details.locator('summary');
    await expect(details).not.toHaveAttribute('open');
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(details).toHaveAttribute('open');
    await page.keyboard.press('Space');
    await expect(details).not.toHaveAttribute('open');
  });
});
