/**
 * Screenshots of the key screens on a tablet (iPad Pro 11, portrait and landscape) and a 375 px phone, light
 * and dark, into docs/screenshots/ (the README shows a few):
 *
 *   npm run screenshots            (or: npx tsx tools/screenshots.ts [--no-build])
 *
 * Builds, serves the package locally and drives the real course with a SCORM 1.2 LMS in the page (scorm-again,
 * as in tests/e2e/fixtures/ui.ts), so the screens show what a learner in an LMS sees. Pictures are taken at
 * 1 CSS px = 1 image px to keep the repository small.
 */
import { spawnSync } from 'node:child_process';
import { correctOptions } from '../src/course/answer-key.ts';
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, devices, type Browser, type Locator, type Page } from '@playwright/test';
import { compileCourse } from './content/compile.ts';
import { chromiumArgs, chromiumPath } from '../tests/e2e/fixtures/browser.ts';
import { createPreviewServer } from './serve.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const outDir = join(root, 'docs/screenshots');
const { values: args } = parseArgs({ options: { 'no-build': { type: 'boolean', default: false } } });
const course = compileCourse(root);

/** The right answers, from the quiz files (as the e2e tests do). */
const correct = new Map(course.modules.flatMap((m) => m.quiz.questions.map((q) => [q.id, correctOptions(q)] as const)));

const profiles = {
  tablet: { ...devices['iPad Pro 11'], deviceScaleFactor: 1 },
  'tablet-landscape': { ...devices['iPad Pro 11 landscape'], deviceScaleFactor: 1 },
  phone: { ...devices['iPhone 12 Mini'], deviceScaleFactor: 1 },
};
type Profile = keyof typeof profiles;

const scormAgain = readFileSync(join(root, 'node_modules/scorm-again/dist/scorm12.min.js'), 'utf8');
const lms = `(() => {
  if (window !== window.top) return;
  const api = new Scorm12API({ autocommit: false, logLevel: 5 });
  api.loadFromFlattenedJSON({ 'cmi.core.student_id': 'rn-1042', 'cmi.core.student_name': 'Rivera, Ana', 'cmi.core.credit': 'credit', 'cmi.core.lesson_mode': 'normal', 'cmi.core.entry': 'ab-initio' });
  window.API = api;
})();`;

let origin = '';

async function open(browser: Browser, profile: Profile, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const { defaultBrowserType: _, ...device } = profiles[profile];
  const context = await browser.newContext({ ...device, colorScheme, reducedMotion: 'reduce' });
  await context.addInitScript({ content: scormAgain });
  await context.addInitScript({ content: lms });
  const page = await context.newPage();
  await page.goto(`${origin}/scorm12/index.html`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

/** Every profile here is a touch device: the learner taps. */
const press = (_page: Page, locator: Locator) => locator.tap();
const button = (page: Page, name: string | RegExp) =>
  page.getByRole('button', { name, exact: typeof name === 'string' });

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.locator('.save[data-status="saved"]').waitFor(); // the resting state, not the 250 ms "Saving…"
  await page.locator('.page-loading').waitFor({ state: 'detached' }); // the page text, not the moment before

  // Caret and focus rings of the last tap would only be noise in a picture.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: join(outDir, `${name}.png`), fullPage });
  console.log(`docs/screenshots/${name}.png`);
}

async function startModule(page: Page): Promise<void> {
  await press(page, button(page, 'Start course'));
  await press(page, page.getByRole('button', { name: 'Open module 1' }));
}

async function nextPage(page: Page, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await press(page, button(page, 'Next'));
}

/** From any page of a module to its first question. */
async function toQuiz(page: Page): Promise<void> {
  const toQuizButton = button(page, 'Go to the quiz');
  for (let i = 0; i < 40 && !(await toQuizButton.isVisible()); i++) await press(page, button(page, 'Next'));
  await press(page, toQuizButton);
  await press(page, button(page, 'Start the quiz'));
}

async function answer(page: Page, right: boolean): Promise<void> {
  const id = (await page.locator('fieldset[data-question-id]').getAttribute('data-question-id'))!;
  const options = await page
    .locator('fieldset[data-question-id] input')
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  const good = correct.get(id)!;
  const pick = right ? good : [options.find((o) => !good.includes(o))!];
  for (const o of pick) await press(page, page.locator('label.option', { has: page.locator(`input[value="${o}"]`) }));
}

/** Answers questions `from`..last of the open quiz and moves on to the summary. */
async function answerAll(page: Page, right: (i: number) => boolean, from = 0): Promise<void> {
  const total = course.modules[0]!.quiz.draw;
  for (let i = from; i < total; i++) {
    await answer(page, right(i));
    await press(page, button(page, i === total - 1 ? 'Review answers' : 'Next question'));
  }
}

async function main(): Promise<void> {
  if (!args['no-build']) {
    for (const [cmd, argv] of [
      ['npx', ['vite', 'build']],
      ['npx', ['tsx', 'tools/package/build-packages.ts']],
    ] as const) {
      const r = spawnSync(cmd, [...argv], { cwd: root, stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed`);
    }
  }
  mkdirSync(outDir, { recursive: true });
  const server = createPreviewServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const make = (profile: Profile, scheme: 'light' | 'dark' = 'light') => open(browser, profile, scheme);
  try {
    // Tablet, portrait: welcome, module page (light and dark), a glossary term, a question, the result.
    let page = await make('tablet');
    await shot(page, 'tablet-welcome');
    await startModule(page);
    await nextPage(page);
    await shot(page, 'tablet-module-page');
    await press(page, page.locator('main .prose [data-term]').first());
    await page.locator('dialog[open]').waitFor();
    await shot(page, 'tablet-glossary-term');
    await page.keyboard.press('Escape');
    await toQuiz(page);
    await answer(page, true);
    await shot(page, 'tablet-question');
    await press(page, button(page, 'Next question'));
    await answerAll(page, () => true, 1);
    await press(page, button(page, 'Submit answers'));
    await page.getByRole('heading', { name: 'You passed' }).waitFor();
    await shot(page, 'tablet-result-passed');
    // Module 2 started: the menu then shows passed, in progress and locked modules.
    await press(page, button(page, 'Continue to Module 2'));
    await nextPage(page, 2);
    await press(page, page.locator('.topbar').getByRole('button', { name: 'Menu' }));
    await shot(page, 'tablet-menu');
    await page.context().close();

    page = await make('tablet', 'dark');
    await startModule(page);
    await nextPage(page, 3);
    await shot(page, 'tablet-module-page-dark');
    await page.context().close();

    // Tablet, landscape: the menu and a question.
    page = await make('tablet-landscape');
    await startModule(page);
    await toQuiz(page);
    await answer(page, false);
    await shot(page, 'tablet-landscape-question');
    await page.context().close();

    // Phone: welcome, menu, module page, question, summary, result not passed.
    page = await make('phone');
    await shot(page, 'phone-welcome');
    await startModule(page);
    await shot(page, 'phone-menu-first-visit');
    await nextPage(page);
    await shot(page, 'phone-module-page');
    await toQuiz(page);
    await answer(page, false);
    await shot(page, 'phone-question');
    await press(page, button(page, 'Next question'));
    for (let i = 1; i < course.modules[0]!.quiz.draw; i++)
      await press(page, button(page, i === course.modules[0]!.quiz.draw - 1 ? 'Review answers' : 'Next question'));
    await shot(page, 'phone-summary');
    await press(page, page.getByRole('button', { name: /^Question 2:/ }));
    for (let i = 1; i < course.modules[0]!.quiz.draw; i++) {
      await answer(page, i === 1);
      await press(page, button(page, i === course.modules[0]!.quiz.draw - 1 ? 'Review answers' : 'Next question'));
    }
    await press(page, button(page, 'Submit answers'));
    await page.getByRole('heading', { name: 'Not passed this time' }).waitFor();
    await shot(page, 'phone-result-not-passed');
    await page.context().close();

    page = await make('phone', 'dark');
    await startModule(page);
    await nextPage(page, 3);
    await shot(page, 'phone-module-page-dark');
    await page.context().close();
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(`screenshots: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
});
