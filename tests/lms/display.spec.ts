/**
 * The course inside Moodle's player, in every display an administrator can choose: embedded at tablet and laptop
 * sizes (touch and mouse), and in a new window at Moodle's default size and at 100%. Back/Next must be on screen
 * without scrolling Moodle's page, and pressing them where they are must work. (Review mode: journeys.spec.ts.)
 *
 * LMS_SCREENSHOTS=1 also writes docs/screenshots/moodle-*.png (the course in Moodle's player).
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type BrowserContextOptions } from '@playwright/test';
import { importActivity, type ActivitySettings } from './moodle.ts';
import {
  button,
  course,
  enter,
  expectBarReachable,
  heading,
  leave,
  login,
  openFirstModule,
  startOrResume,
  type Player,
} from './learner.ts';

interface Display {
  name: string;
  context: BrowserContextOptions;
  input: 'mouse' | 'touch';
  settings: ActivitySettings;
  screenshot?: string;
}

const tablet = { hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
const laptopScreen = { screen: { width: 1280, height: 800 } };

const displays: Display[] = [
  {
    name: 'embedded, tablet landscape 1024x768, touch',
    context: { viewport: { width: 1024, height: 768 }, screen: { width: 1024, height: 768 }, ...tablet },
    input: 'touch',
    settings: { popup: 0 },
    screenshot: 'moodle-tablet-landscape-1024x768.png',
  },
  {
    name: 'embedded, tablet portrait 768x1024, touch',
    context: { viewport: { width: 768, height: 1024 }, screen: { width: 768, height: 1024 }, ...tablet },
    input: 'touch',
    settings: { popup: 0 },
    screenshot: 'moodle-tablet-portrait-768x1024.png',
  },
  {
    name: 'embedded, laptop 1280x800, mouse',
    context: { viewport: { width: 1280, height: 800 }, ...laptopScreen },
    input: 'mouse',
    settings: { popup: 0 },
    screenshot: 'moodle-laptop-1280x800.png',
  },
  {
    name: "new window at Moodle's default size (width 100%, height 500 px), mouse",
    context: { viewport: { width: 1280, height: 800 }, ...laptopScreen },
    input: 'mouse',
    settings: { popup: 1, width: 100, height: 500 },
  },
  {
    name: 'new window at 100% x 100%, mouse',
    context: { viewport: { width: 1280, height: 800 }, ...laptopScreen },
    input: 'mouse',
    settings: { popup: 1, width: 100, height: 100 },
  },
];

/** A pop-up window's title and address bar take about this much of the screen's height. */
const POPUP_CHROME = 64;

declare global {
  interface Window {
    __lmsOpened?: { url: string; features: string }[];
  }
}

/**
 * Enters through Moodle's activity page. For a new-window display the pop-up gets the size Moodle asks for in its
 * window.open() call (the content area, capped to the screen less the window's own bar), as a browser gives it.
 */
async function enterDisplay(
  browser: Browser,
  d: Display,
  version: '12' | '2004',
): Promise<{ p: Player; close(): Promise<void> }> {
  // Its own course and learner for each display.
  const a = importActivity(version, `display${displays.indexOf(d)}`, d.settings);
  const context = await browser.newContext(d.context);
  await context.addInitScript(() => {
    const open = window.open.bind(window);
    window.open = (url?: string | URL, target?: string, features?: string) => {
      (window.__lmsOpened ??= []).push({ url: String(url ?? ''), features: features ?? '' });
      return open(url, target, features);
    };
  });
  const page = await login(context, a);
  const popup = d.settings.popup === 1;
  if (popup) {
    context.on('page', (pg) => {
      void (async () => {
        const opened = await page.evaluate(() => window.__lmsOpened ?? []).catch(() => []);
        const features = opened.find((o) => /player\.php/.test(o.url))?.features ?? '';
        const size = (k: string) => Number(new RegExp(`${k}=(\\d+)`).exec(features)?.[1]);
        const screen = d.context.screen!;
        const width = Math.min(size('width') || screen.width, screen.width);
        const height = Math.min(size('height') || screen.height, screen.height - POPUP_CHROME);
        await pg.setViewportSize({ width, height });
      })();
    });
  }
  const p = await enter(page, a, { popup });
  if (popup) {
    // The window Moodle opened has the size it asked for before the course is measured.
    const opened = await page.evaluate(() => window.__lmsOpened ?? []);
    expect(opened.map((o) => o.features).join(' '), 'Moodle opened its player in a new window').toMatch(/height=\d+/);
    await expect
      .poll(() => p.page.evaluate(() => window.innerHeight))
      .toBeLessThanOrEqual(d.settings.height === 500 ? 500 : d.context.screen!.height - POPUP_CHROME);
  }
  test.info().annotations.push({ type: 'activity', description: `${a.viewurl} (${a.username})` });
  return {
    p,
    close: async () => {
      await leave(p, 'close');
      await context.close();
    },
  };
}

for (const version of ['12', '2004'] as const) {
  test.describe(`${version === '12' ? 'SCORM 1.2' : 'SCORM 2004'} in Moodle's player`, () => {
    for (const d of displays) {
      test(`${d.name}: Back/Next on screen and pressable on a module page, the quiz intro and a question`, async ({
        browser,
      }) => {
        const { p, close } = await enterDisplay(browser, d, version);
        await startOrResume(p.frame);
        await openFirstModule(p.frame);
        if (d.screenshot && version === '12' && process.env.LMS_SCREENSHOTS === '1') {
          mkdirSync('docs/screenshots', { recursive: true });
          await expect(p.frame.locator('p.save')).toHaveAttribute('data-status', 'saved');
          await p.page.evaluate(() => window.scrollTo(0, 0));
          await p.page.screenshot({ path: `docs/screenshots/${d.screenshot}`, scale: 'css' });
        }
        const pages = course.modules[0]!.pages;
        await expectBarReachable(p, d.input, `${d.name}, module page 1`);
        await expect(heading(p.frame)).toHaveText(pages[1]!.title);
        // The rest of the module, then the quiz intro and the first question.
        for (let i = 1; i < pages.length; i++) {
          await expect(heading(p.frame)).toHaveText(pages[i]!.title);
          await button(p.frame, i === pages.length - 1 ? 'Go to the quiz' : 'Next').click();
        }
        await expect(heading(p.frame)).toHaveText('Check what you learned');
        await expectBarReachable(p, d.input, `${d.name}, quiz intro`);
        await expect(p.frame.locator('fieldset[data-question-id]')).toBeVisible();
        await expectBarReachable(p, d.input, `${d.name}, question 1`);
        await close();
      });
    }
  });
}
