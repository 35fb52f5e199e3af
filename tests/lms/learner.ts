/**
 * A learner in Moodle: logs in, enters the activity through Moodle's own activity page ("Enter") and player, takes
 * the course through its interface (fast: the right answers come from the quiz files), and leaves as a learner does
 * (Moodle's "Exit activity", or closing the tab or the pop-up window).
 */
import { expect, type BrowserContext, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { answerFor, course, takeBaseline } from '../e2e/fixtures/course.ts';
import { describeStored, scormRecord, type Activity, type ScormRecord } from './moodle.ts';

export { course };

export interface Player {
  /** The page that holds Moodle's player (the Moodle page, or the pop-up window). */
  page: Page;
  /** The course inside the player's iframe. */
  frame: FrameLocator;
  /** The Moodle page the learner came from (for a pop-up: the activity page left open behind it). */
  opener: Page;
  popup: boolean;
}

export async function login(context: BrowserContext, a: Activity): Promise<Page> {
  const page = await context.newPage();
  await page.goto(a.loginurl);
  await page.locator('#username').fill(a.username);
  await page.locator('#password').fill(a.password);
  await page.locator('#loginbtn').click();
  await expect(page.locator('#loginbtn'), 'Moodle refused the learner login').toHaveCount(0);
  return page;
}

/**
 * Opens the activity page and presses Moodle's "Enter" (or lets Moodle skip the page, skipview=2), then waits for
 * the course to show its first screen inside the player.
 */
export async function enter(page: Page, a: Activity, options: { popup?: boolean } = {}): Promise<Player> {
  await page.goto(a.viewurl);
  let player = page;
  if (!/player\.php/.test(page.url())) {
    const button = page.locator('#scormviewform').getByRole('button', { name: 'Enter' });
    if (options.popup) {
      const popup = page.waitForEvent('popup', { timeout: 60_000 });
      await button.click({ timeout: 60_000 });
      player = await popup;
    } else {
      // Moodle's player page can wait on the session lock while the last page's exit is still being saved.
      await button.click({ timeout: 60_000 });
    }
  }
  await player.waitForURL(/mod\/scorm\/player\.php/, { timeout: 60_000 });
  const frame = player.frameLocator('#scorm_object');
  await expect(frame.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 20_000 });
  return { page: player, frame, opener: page, popup: !!options.popup };
}

/** Leaves the player the way a learner does: Moodle's "Exit activity" button, or closing the tab / pop-up. */
export async function leave(p: Player, how: 'exit-activity' | 'close'): Promise<void> {
  if (how === 'close' || p.popup) {
    await p.page.close({ runBeforeUnload: true });
  } else {
    await p.page.getByRole('link', { name: 'Exit activity' }).click();
    await p.page.waitForURL((u) => !/player\.php/.test(u.pathname));
  }
}

/** Waits until Moodle's database holds what `check` expects (polling; no fixed sleep). */
export async function expectStored(
  a: Activity,
  what: string,
  check: (r: ScormRecord) => boolean,
  timeout = 20_000,
): Promise<ScormRecord> {
  await expect.poll(() => check(scormRecord(a)), { timeout, message: `${what}. ${describeStored(a)}` }).toBe(true);
  return scormRecord(a);
}

// ---------------------------------------------------------------------------------------------------------------
// Driving the course

export const heading = (frame: FrameLocator) => frame.getByRole('heading', { level: 1 });
export const button = (frame: FrameLocator, name: string | RegExp) =>
  frame.getByRole('button', { name, exact: typeof name === 'string' });

/** From the welcome screen: "Start course" on a first launch (then the baseline check before Module 1, every item
 *  right, to the course menu), "Resume: …" after that. */
export async function startOrResume(frame: FrameLocator): Promise<'start' | 'resume'> {
  const start = button(frame, 'Start course');
  const resume = button(frame, /^Resume: /);
  await expect(start.or(resume)).toBeVisible();
  if (await resume.isVisible()) {
    await resume.click();
    return 'resume';
  }
  await start.click();
  await takeBaseline(frame);
  return 'start';
}

/** Reads module `m` (0-based) from the page on screen to its quiz intro. */
export async function readToQuiz(frame: FrameLocator, m: number): Promise<void> {
  const pages = course.modules[m]!.pages;
  let p = -1;
  // The screen a click or a resume leads to: wait until it is one of the module's pages.
  await expect
    .poll(
      async () => {
        const title = (await heading(frame).textContent())?.trim();
        return (p = pages.findIndex((pg) => pg.title === title));
      },
      { message: `a page of module ${m + 1} on screen` },
    )
    .toBeGreaterThanOrEqual(0);
  for (; p < pages.length; p++) {
    await expect(heading(frame)).toHaveText(pages[p]!.title);
    await button(frame, p === pages.length - 1 ? 'Go to the quiz' : 'Next').click();
  }
  await expect(heading(frame)).toHaveText('Check what you learned');
}

const eyebrow = (frame: FrameLocator) => frame.locator('.eyebrow', { hasText: /^Question \d+ of \d+$/ });

/** The question on screen: its position and id. */
export async function currentQuestion(frame: FrameLocator): Promise<{ index: number; total: number; id: string }> {
  const [, i, n] = /^Question (\d+) of (\d+)$/.exec((await eyebrow(frame).textContent())!.trim())!;
  const id = (await frame.locator('fieldset[data-question-id]').getAttribute('data-question-id'))!;
  return { index: Number(i) - 1, total: Number(n), id };
}

/** Answers questions from the one on screen; stops before question `stopAt` (0-based) or at the summary. */
export async function answerQuestions(
  frame: FrameLocator,
  correct: boolean,
  stopAt = Infinity,
): Promise<{ id: string; options: string[] }[]> {
  const answered: { id: string; options: string[] }[] = [];
  for (;;) {
    const q = await currentQuestion(frame);
    if (q.index >= stopAt) return answered;
    const options = answerFor(q.id, correct);
    for (const option of options) await frame.locator(`input[value="${option}"]`).check();
    answered.push({ id: q.id, options });
    const last = q.index === q.total - 1;
    await button(frame, last ? 'Review answers' : 'Next question').click();
    if (last) break;
    await expect(eyebrow(frame)).toHaveText(`Question ${q.index + 2} of ${q.total}`);
  }
  await expect(heading(frame)).toHaveText('Your answers');
  return answered;
}

/** From the quiz intro: takes the quiz and submits; returns the result's heading. */
export async function takeQuiz(frame: FrameLocator, correct: boolean): Promise<void> {
  await button(frame, /^(Start|Continue) the quiz$/).click();
  await answerQuestions(frame, correct);
  await button(frame, 'Submit answers').click();
  await expect(heading(frame)).toHaveText(correct ? 'You passed' : 'Not passed this time');
}

/** Reads module m from the page on screen and passes its quiz (failing it once first when asked). */
export async function passModule(frame: FrameLocator, m: number, options: { failFirst?: boolean } = {}): Promise<void> {
  await readToQuiz(frame, m);
  if (options.failFirst) {
    await takeQuiz(frame, false);
    await button(frame, 'Try again').click();
    // "Try again" opens the quiz again (its intro, or straight at question 1).
    await expect(button(frame, /^(Start|Continue) the quiz$/).or(eyebrow(frame))).toBeVisible();
    if (await eyebrow(frame).isVisible()) {
      await answerQuestions(frame, true);
      await button(frame, 'Submit answers').click();
      await expect(heading(frame)).toHaveText('You passed');
      return;
    }
  }
  await takeQuiz(frame, true);
}

/** After a passed quiz: on to the next module's first page, or (after the last) the course evaluation. */
export async function continueAfterPass(frame: FrameLocator, m: number): Promise<void> {
  const last = m === course.modules.length - 1;
  await button(frame, last ? 'Finish the course' : `Continue to Module ${m + 2}`).click();
  if (last) await expect(heading(frame)).toHaveText('Course evaluation');
  else await expect(heading(frame)).toHaveText(course.modules[m + 1]!.pages[0]!.title);
}

/** Opens module 1 from the course menu (after "Start course"). */
export async function openFirstModule(frame: FrameLocator): Promise<void> {
  await button(frame, 'Open module 1').click();
  await expect(heading(frame)).toHaveText(course.modules[0]!.pages[0]!.title);
}

export const likertItems = (course.evaluation ?? []).filter((i) => i.type === 'likert');
export const commentItem = (course.evaluation ?? []).find((i) => i.type === 'comment');
export const EVALUATION_COMMENT = 'Clear & useful: "MSC" facts, <no> hype; 100% relevant. Ünïcödé ok.';

/** Rates every evaluation item, writes the comment and submits. */
export async function submitEvaluation(frame: FrameLocator): Promise<void> {
  await expect(heading(frame)).toHaveText('Course evaluation');
  for (const item of likertItems) {
    await frame.getByRole('group', { name: item.prompt }).getByRole('radio', { name: 'Agree', exact: true }).check();
  }
  if (commentItem) await frame.getByRole('textbox', { name: commentItem.prompt }).fill(EVALUATION_COMMENT);
  await button(frame, 'Submit evaluation').click();
  await expect(heading(frame)).toContainText('You have completed');
}

/** The course's save indicator says the last change is stored. */
export async function expectSaved(frame: FrameLocator): Promise<void> {
  await expect(frame.locator('p.save')).toHaveAttribute('data-status', 'saved', { timeout: 15_000 });
}

// ---------------------------------------------------------------------------------------------------------------
// Layout: Back/Next within the learner's screen, without scrolling the Moodle page

export interface Reach {
  label: string;
  /** The control's box in the top-level window (the browser viewport). */
  box: { x: number; y: number; width: number; height: number };
  viewport: { width: number; height: number };
  /** What the top-level document has at the control's centre (should be Moodle's iframe). */
  topElement: string;
  /** What the course document has at that point (should be the control). */
  frameElement: string;
}

/** Where the bottom bar's buttons are in the browser window, with the Moodle page at the top (not scrolled). */
export async function barReach(p: Player): Promise<Reach[]> {
  await p.page.evaluate(() => window.scrollTo({ top: 0, left: 0, behavior: 'instant' }));
  const viewport = await p.page.evaluate(() => ({ width: window.innerWidth, height: window.innerHeight }));
  const frameEl = p.page.locator('#scorm_object');
  const frameBox = (await frameEl.boundingBox())!;
  const buttons = p.frame.locator('nav.navbar button');
  const out: Reach[] = [];
  for (const b of await buttons.all()) {
    const label = (await b.innerText()).trim();
    // The box inside the course document, then moved by the frame's position in the Moodle page.
    const inner = await b.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
    const box = { x: frameBox.x + inner.x, y: frameBox.y + inner.y, width: inner.width, height: inner.height };
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const topElement = await p.page.evaluate(
      ([x, y]) => {
        const el = document.elementFromPoint(x!, y!);
        return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}` : 'nothing (outside the window)';
      },
      [cx, cy],
    );
    const frameElement = await b.evaluate(
      (el, [x, y]) => {
        const hit = document.elementFromPoint(x!, y!);
        return hit && (hit === el || el.contains(hit)) ? 'the button' : hit ? hit.outerHTML.slice(0, 80) : 'nothing';
      },
      [inner.x + inner.width / 2, inner.y + inner.height / 2],
    );
    out.push({ label, box, viewport, topElement, frameElement });
  }
  return out;
}

const describeReach = (r: Reach[]) =>
  r
    .map(
      (x) =>
        `"${x.label}" at y ${Math.round(x.box.y)}..${Math.round(x.box.y + x.box.height)} x ${Math.round(x.box.x)}..${Math.round(x.box.x + x.box.width)} in a ${x.viewport.width}x${x.viewport.height} window; top element ${x.topElement}; in the course: ${x.frameElement}`,
    )
    .join('\n');

/**
 * Back/Next (the bottom bar) must be inside the browser window with the Moodle page not scrolled, not covered,
 * and a press at that spot (mouse click or finger tap, no scrolling) must work: it moves the course on.
 */
export async function expectBarReachable(p: Player, input: 'mouse' | 'touch', where: string): Promise<void> {
  const reach = await barReach(p);
  expect(reach.length, `${where}: the course shows no Back/Next bar`).toBeGreaterThan(0);
  const inside = (x: Reach) =>
    x.box.y >= 0 &&
    x.box.x >= 0 &&
    x.box.y + x.box.height <= x.viewport.height &&
    x.box.x + x.box.width <= x.viewport.width &&
    x.topElement === 'iframe#scorm_object' &&
    x.frameElement === 'the button';
  expect(
    reach.filter((x) => !inside(x)).map((x) => x.label),
    `${where}: Back/Next must be on screen without scrolling Moodle's page:\n${describeReach(reach)}`,
  ).toEqual([]);
  // Press the forward control where it is, as the learner would, and check the course moved on.
  const forward = reach.at(-1)!;
  const before = await heading(p.frame).textContent();
  const scrolled = () => p.page.evaluate(() => window.scrollY);
  const x = forward.box.x + forward.box.width / 2;
  const y = forward.box.y + forward.box.height / 2;
  if (input === 'touch') await p.page.touchscreen.tap(x, y);
  else await p.page.mouse.click(x, y);
  await expect(heading(p.frame), `${where}: pressing "${forward.label}" did nothing`).not.toHaveText(before!);
  expect(await scrolled(), `${where}: the Moodle page scrolled`).toBe(0);
}

export async function visibleText(l: Locator): Promise<string> {
  return (await l.innerText()).replace(/\s+/g, ' ').trim();
}
