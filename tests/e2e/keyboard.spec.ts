/**
 * The course with the keyboard only, with a SCORM 1.2 LMS (scorm-again, see fixtures/ui.ts): a module from the
 * launch page to its result, and the evaluation, certificate and Exit after the last quiz (every module uses the
 * same screens). Tab,
 * Shift+Tab, Enter, Space, the arrow keys and typing; no mouse and no tap. At every stop the focused control must show a focus indicator and must not be
 * hidden under the sticky top bar or the fixed bottom bar (WCAG 2.4.7, 2.4.11).
 */
import { expect, test, type Frame, type Page } from '@playwright/test';
import { answerFor, course } from './fixtures/course.ts';
import { openCourse } from './fixtures/ui.ts';
import { afterBaseline, progressAt } from './fixtures/progress.ts';

interface Focused {
  tag: string;
  name: string;
  /** The form control's name attribute (radio groups). */
  group: string;
  type: string;
  value: string;
  checked: boolean;
  /** Problems with how the focused element is shown: no indicator, outside the view, covered. */
  problems: string[];
}

function focused(frame: Frame): Promise<Focused | null> {
  return frame.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el || el === document.body) return null;
    const problems: string[] = [];
    const style = getComputedStyle(el);
    if (
      el.tagName !== 'H1' &&
      el.tagName !== 'H2' &&
      (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2)
    )
      problems.push('no visible focus indicator');
    const box = el.getBoundingClientRect();
    if (box.bottom <= 0 || box.top >= innerHeight) problems.push('outside the view');
    else {
      // WCAG 2.4.11 asks that the focused control is not entirely hidden. A control taller than the view (a long
      // table that scrolls sideways) may keep its top edge under the top bar, as long as the rest shows; a small
      // control is sampled at its middle, a tall one along the part of it inside the view.
      const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
      const top = Math.max(box.top, 0);
      const bottom = Math.min(box.bottom, innerHeight - 1);
      const ys =
        box.height <= 40 ? [top + (bottom - top) / 2] : [0.1, 0.3, 0.5, 0.7, 0.9].map((f) => top + (bottom - top) * f);
      const owns = (hit: Element) =>
        el.contains(hit) || hit.contains(el) || !!(el.labels && [...el.labels].some((l) => l.contains(hit)));
      const hits = ys.map((y) => document.elementFromPoint(x, y));
      const cover = hits.find((hit) => hit && !owns(hit));
      if (cover && hits.every((hit) => hit && !owns(hit)))
        problems.push(`covered by ${cover.tagName.toLowerCase()}.${cover.className}`);
    }
    return {
      tag: el.tagName,
      name: (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      type: el.type ?? '',
      group: el.getAttribute('name') ?? '',
      value: el.value ?? '',
      checked: !!el.checked,
      problems,
    };
  });
}

class Keyboard {
  presses = 0;
  constructor(
    private readonly page: Page,
    private readonly frame: Frame,
  ) {}

  async key(key: string): Promise<Focused | null> {
    this.presses++;
    await this.page.keyboard.press(key);
    const f = await focused(this.frame);
    if (f) expect.soft(f.problems, `focus on ${f.tag} "${f.name}"`).toEqual([]);
    return f;
  }

  /** Tab (or Shift+Tab) until the focused element matches; fails after `max` presses. */
  async tabTo(match: (f: Focused) => boolean, what: string, { back = false, max = 60 } = {}): Promise<Focused> {
    for (let i = 0; i < max; i++) {
      const f = await this.key(back ? 'Shift+Tab' : 'Tab');
      if (f && match(f)) return f;
    }
    throw new Error(`${what}: not reached with ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
  }

  /** Tabs to the button with this exact name and presses Enter on it. */
  async activate(name: string | RegExp, options: { back?: boolean } = {}): Promise<void> {
    const test = (s: string) => (typeof name === 'string' ? s === name : name.test(s));
    await this.tabTo((f) => f.tag === 'BUTTON' && test(f.name), `button ${name}`, options);
    await this.key('Enter');
  }

  /** Chooses options: radios with the arrow keys, checkboxes with Space. */
  async choose(ids: string[]): Promise<void> {
    let f = await this.tabTo((x) => x.tag === 'INPUT', 'first answer option');
    if (f.type === 'radio') {
      for (let i = 0; i < 12 && f.value !== ids[0]; i++) f = (await this.key('ArrowDown'))!;
      expect(f.value).toBe(ids[0]);
      if (!f.checked) f = (await this.key('Space'))!;
      expect(f.checked).toBe(true);
      return;
    }
    while (f.tag === 'INPUT' && f.type === 'checkbox') {
      if (ids.includes(f.value) !== f.checked) await this.key('Space');
      f = (await this.key('Tab'))!;
    }
  }
}

async function heading(frame: Frame): Promise<string> {
  return (await frame.locator('h1').first().textContent())!.trim();
}

test('the pages of a module with the keyboard only (no mouse, no tap), from the launch page, with an LMS', async ({
  page,
}) => {
  await openCourse(page);
  const frame = page.mainFrame();
  const kb = new Keyboard(page, frame);

  // From the top of the launch page. Every module uses the same screens: module 1 stands for them all.
  await kb.activate('Start course');
  // The baseline check before Module 1 uses the quiz's question screen: its first item, then on as a learner who
  // has taken it (tests/e2e/baseline.spec.ts takes it whole).
  await expect.poll(() => heading(frame)).toBe('Baseline check: what you know already');
  await kb.activate('Start the baseline check');
  const first = course.baseline!.questions[0]!;
  await kb.choose(answerFor(first.id, true));
  await expect(frame.locator(`input[value="${answerFor(first.id, true)[0]}"]`)).toBeChecked();
  await kb.activate('Next question');
  await expect(frame.locator('fieldset[data-question-id]')).toHaveAttribute(
    'data-question-id',
    course.baseline!.questions[1]!.id,
  );
  await openCourse(page, { saved: afterBaseline() });
  await kb.activate(/^Resume: /);
  await expect.poll(() => heading(frame)).toBe('Course menu');
  await kb.activate('Open module 1');

  const pages = course.modules[0]!.pages;
  for (let p = 0; p < pages.length; p++) {
    await expect.poll(() => heading(frame)).toBe(pages[p]!.title);
    // Focus starts on the new page's heading, so the next Tab goes into the new page.
    expect(await frame.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await kb.activate(p === pages.length - 1 ? 'Go to the quiz' : 'Next');
  }
  await expect.poll(() => heading(frame)).toBe('Check what you learned');
  test.info().annotations.push({ type: 'key presses', description: String(kb.presses) });
});

test('a quiz with the keyboard only: the questions, the summary and the result, with an LMS', async ({ page }) => {
  await openCourse(page, { saved: progressAt('quizIntro', 0) });
  const frame = page.mainFrame();
  const kb = new Keyboard(page, frame);
  await kb.activate('Resume: Module 1 quiz');
  await expect.poll(() => heading(frame)).toBe('Check what you learned');
  await kb.activate('Start the quiz');
  const draw = course.modules[0]!.quiz.draw;
  for (let q = 0; q < draw; q++) {
    await expect(frame.locator('.eyebrow', { hasText: `Question ${q + 1} of ${draw}` })).toBeVisible();
    const id = (await frame.locator('fieldset[data-question-id]').getAttribute('data-question-id'))!;
    await kb.choose(answerFor(id, true));
    await kb.activate(q === draw - 1 ? 'Review answers' : 'Next question');
  }
  await expect.poll(() => heading(frame)).toBe('Your answers');
  await kb.activate('Submit answers');
  await expect.poll(() => heading(frame)).toBe('You passed');
  await kb.activate('Continue to Module 2');
  await expect.poll(() => heading(frame)).toBe(course.modules[1]!.pages[0]!.title);
  test.info().annotations.push({ type: 'key presses', description: String(kb.presses) });
});

test('the evaluation, the certificate and Exit with the keyboard only, after the last quiz; the LMS records a pass', async ({
  page,
}, info) => {
  const last = course.modules.length - 1;
  await openCourse(page, { saved: progressAt('result', last, { passed: course.modules.length }) });
  const frame = page.mainFrame();
  const kb = new Keyboard(page, frame);
  await kb.activate(/^Resume: /);
  await expect.poll(() => heading(frame)).toBe('You passed');
  await kb.activate('Finish the course');

  // The course evaluation: each statement is a radio group (arrow keys choose), then the optional comment.
  await expect.poll(() => heading(frame)).toBe('Course evaluation');
  // (Lists of checkboxes and the free-text answers are optional: Tab passes them.)
  const statements = await frame.locator('main form fieldset:has(input[type=radio])').count();
  let group = '';
  for (let i = 0; i < statements; i++) {
    const f = await kb.tabTo((x) => x.type === 'radio' && x.group !== group, `statement ${i + 1}`);
    group = f.group;
    for (let k = 0; k < 3; k++) await kb.key('ArrowRight'); // the fourth point of five (scales of 2 or 3 wrap round)
    expect((await focused(frame))!.checked).toBe(true);
  }
  if (await frame.locator('main textarea').count()) {
    await kb.tabTo((x) => x.tag === 'TEXTAREA', 'comment field');
    await page.keyboard.type('Clear and practical.');
  }
  await kb.activate('Submit evaluation');

  await expect.poll(() => heading(frame)).toMatch(/^You have completed/);
  await kb.activate('View your certificate');
  await expect.poll(() => heading(frame)).toBe('Certificate of Completion');

  // Leave through Exit in the top bar (before the content: Shift+Tab from the heading).
  await kb.activate('Exit', { back: true });
  await expect.poll(() => heading(frame)).toBe('Your progress is saved');

  expect(await page.evaluate(() => window.__lms!.status())).toBe('passed');
  expect(await page.evaluate(() => window.__lms!.score())).toBe('100');
  info.annotations.push({ type: 'key presses', description: String(kb.presses) });
});
