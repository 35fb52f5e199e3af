/**
 * Layout, touch and reading comfort on every device project (desktop, iPad Pro 11 portrait and landscape,
 * Galaxy Tab S4, 375 px phone): no sideways scrolling, 44 x 44 px targets, the page controls always on screen,
 * a comfortable line length, rotation that keeps the place and the answer, optional swipes; and on the desktop
 * project, reflow at 320 px and at 200% text, reduced motion, zoom, lang, system fonts and both themes.
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { answerCurrent, button, course, expectPageText, heading, openCourse, press } from './fixtures/ui.ts';
import { afterBaseline } from './fixtures/progress.ts';

/** A learner who has taken the baseline check and is on the course menu: most tests start from here. */
const AT_MENU = afterBaseline();

/**
 * Controls smaller than 44 x 44 CSS px. Targets inside running text (a glossary term, a citation: inline
 * elements in a sentence) are exempt, as in WCAG 2.5.8: their size is the line's.
 */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>(
      'button, summary, select, textarea, input:not([type=radio]):not([type=checkbox]), label.option, a',
    );
    return [...controls]
      .filter((el) => el.getClientRects().length > 0 && !el.closest('.visually-hidden'))
      .filter(
        (el) =>
          !(
            getComputedStyle(el).display.startsWith('inline') && el.closest('p, li, td, th, dd, blockquote, figcaption')
          ),
      )
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 43.5 || box.height < 43.5)
      .map(
        ({ el, box }) =>
          `${el.tagName.toLowerCase()} "${el.textContent?.trim().slice(0, 40)}" ${Math.round(box.width)}x${Math.round(box.height)}`,
      );
  });
}

/** Elements that stick out sideways (the page would scroll horizontally). */
function overflow(page: Page): Promise<{ scrollWidth: number; width: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.right > width + 1 && !el.closest('table, pre, .visually-hidden');
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, width, culprits };
  });
}

async function expectFits(page: Page, screen: string): Promise<void> {
  const o = await overflow(page);
  expect
    .soft(o.scrollWidth, `${screen}: page wider than the viewport (${o.culprits.join(', ')})`)
    .toBeLessThanOrEqual(o.width);
  expect.soft(await smallTargets(page), `${screen}: controls smaller than 44x44 px`).toEqual([]);
}

/** The bottom bar is fully on screen and its buttons are not covered by anything. */
async function expectNavBarInReach(page: Page, screen: string): Promise<void> {
  const state = await page.evaluate(() => {
    const bar = document.querySelector('.navbar')!.getBoundingClientRect();
    const buttons = [...document.querySelectorAll<HTMLElement>('.navbar button')].map((b) => {
      const r = b.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return b.contains(hit);
    });
    return { top: bar.top, bottom: bar.bottom, height: window.innerHeight, buttons };
  });
  expect.soft(state.bottom, `${screen}: bottom bar below the viewport`).toBeLessThanOrEqual(state.height + 0.5);
  expect.soft(state.top, `${screen}: bottom bar`).toBeGreaterThan(0);
  expect.soft(state.buttons.every(Boolean), `${screen}: a bottom bar button is covered`).toBe(true);
}

/** From the resume prompt of AT_MENU: module 1, page 1. */
async function startModule(page: Page, info: TestInfo): Promise<void> {
  await press(page.getByRole('button', { name: /^Resume: / }), info);
  await press(page.getByRole('button', { name: 'Open module 1' }), info);
  await expect(heading(page)).toHaveText(course.modules[0]!.pages[0]!.title);
}

/** The longest page of module 1 (most words): the one to scroll in. */
const longest = course.modules[0]!.pages.reduce((best, p, i, all) => (p.words > all[best]!.words ? i : best), 0);

async function goToPage(page: Page, index: number, info: TestInfo): Promise<void> {
  for (let i = 0; i < index; i++) await press(button(page, 'Next'), info);
  await expect(heading(page)).toHaveText(course.modules[0]!.pages[index]!.title);
  await expectPageText(page);
}

test('every screen fits the width, has 44 px targets, and keeps Back and Next on screen', async ({ page }, info) => {
  await openCourse(page);
  await expectFits(page, 'introduction');
  await press(button(page, 'Start course'), info);
  await expectFits(page, 'baseline check introduction');
  await press(button(page, 'Start the baseline check'), info);
  await expect(page.locator('.eyebrow', { hasText: /^Baseline question 1 of \d+$/ })).toBeVisible();
  await answerCurrent(page, false, info);
  await expectFits(page, 'baseline question');
  await expectNavBarInReach(page, 'baseline question');
  // The rest as a learner who has taken the baseline check (its summary is the quiz's summary screen).
  await openCourse(page, { saved: AT_MENU });
  await press(page.getByRole('button', { name: /^Resume: / }), info);
  await expectFits(page, 'menu');
  await press(page.getByRole('button', { name: 'Open module 1' }), info);
  const pages = course.modules[0]!.pages;
  for (let p = 0; p < pages.length; p++) {
    await expect(heading(page)).toHaveText(pages[p]!.title);
    await expectPageText(page); // the page as it reads, not its loading line
    await expectFits(page, `page ${p + 1}`);
    await expectNavBarInReach(page, `page ${p + 1} (top)`);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expectNavBarInReach(page, `page ${p + 1} (scrolled to the end)`);
    await press(button(page, p === pages.length - 1 ? 'Go to the quiz' : 'Next'), info);
  }
  await expectFits(page, 'quiz intro');
  await press(button(page, 'Start the quiz'), info);
  await answerCurrent(page, false, info);
  await expectFits(page, 'question');
  await expectNavBarInReach(page, 'question');
  const total = Number(
    (await page.locator('.eyebrow', { hasText: /^Question \d+ of \d+$/ }).textContent())!.match(/of (\d+)/)![1],
  );
  for (let i = 0; i < total; i++) await press(button(page, i === total - 1 ? 'Review answers' : 'Next question'), info);
  await expectFits(page, 'summary');
  await press(page.getByRole('button', { name: /^Question 2:/ }), info);
  for (let i = 1; i < total; i++) {
    await answerCurrent(page, false, info);
    await press(button(page, i === total - 1 ? 'Review answers' : 'Next question'), info);
  }
  await press(button(page, 'Submit answers'), info);
  await expect(heading(page)).toHaveText('Not passed this time');
  await expectFits(page, 'result');
});

test('the reading column stays between about 45 and 80 characters a line', async ({ page }, info) => {
  await openCourse(page, { saved: AT_MENU });
  await startModule(page, info);
  await expectPageText(page); // a paragraph of the page, not its loading line
  const { chars, fontSize } = await page.evaluate(() => {
    const p = document.querySelector<HTMLElement>('.prose p')!;
    const style = getComputedStyle(p);
    const probe = document.createElement('span');
    probe.textContent = 'the quick brown fox jumps over a lazy dog while nurses assess chronic pain'; // typical English letters
    p.append(probe);
    const perChar = probe.getBoundingClientRect().width / probe.textContent.length;
    probe.remove();
    return { chars: p.clientWidth / perChar, fontSize: parseFloat(style.fontSize) };
  });
  expect(fontSize).toBeGreaterThanOrEqual(16);
  expect(chars).toBeLessThanOrEqual(80);
  // Phones are narrower than a comfortable line; everything from a small tablet up should get one.
  if ((page.viewportSize()?.width ?? 0) >= 700) expect(chars).toBeGreaterThanOrEqual(45);
});

test('module menu shows each module state in words and icons, not colour alone', async ({ page }, info) => {
  await openCourse(page, { saved: AT_MENU });
  await press(page.getByRole('button', { name: /^Resume: / }), info);
  const cards = page.locator('.card');
  await expect(cards).toHaveCount(course.modules.length);
  await expect(cards.nth(0)).toContainText('Ready to start');
  await expect(cards.nth(1)).toContainText('Locked · pass the Module 1 quiz first');
  await expect(cards.nth(1).getByRole('button')).toHaveCount(0);
  await expect(cards.nth(1).locator('.card-state svg')).toHaveCount(1);
});

/**
 * A 250 ms horizontal swipe at height `y` (by default across the upper part of the screen). Each touch event
 * carries its own time, so a busy machine delivering them late does not turn the gesture into a slow drag (which is
 * not a swipe). `midway` runs with the finger down, before it moves.
 */
async function swipeOn(
  page: Page,
  from: number,
  to: number,
  { y = (page.viewportSize()!.height * 2) / 5, midway }: { y?: number; midway?: () => Promise<void> } = {},
): Promise<void> {
  const client = await page.context().newCDPSession(page);
  const t0 = Date.now() / 1000;
  await client.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from, y }], timestamp: t0 });
  await midway?.();
  for (let k = 1; k <= 5; k++)
    await client.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [{ x: from + ((to - from) * k) / 5, y: y + k }],
      timestamp: t0 + k * 0.04,
    });
  await client.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [], timestamp: t0 + 0.25 });
  await client.detach();
}

// Runs on the touch device projects only (playwright.config.ts selects by tag), so nothing is skipped.
test.describe('touch', { tag: '@touch' }, () => {
  test('swiping left and right turns pages; the buttons stay', async ({ page }, info) => {
    await openCourse(page, { saved: AT_MENU });
    await startModule(page, info);
    await expectPageText(page);
    const width = page.viewportSize()!.width;
    const swipe = (from: number, to: number) => swipeOn(page, from, to);
    await swipe(width * 0.8, width * 0.2);
    await expect(heading(page)).toHaveText(course.modules[0]!.pages[1]!.title);
    await swipe(width * 0.2, width * 0.8);
    await expect(heading(page)).toHaveText(course.modules[0]!.pages[0]!.title);
    // A short drag is not a swipe.
    await swipe(width * 0.5, width * 0.45);
    await expect(heading(page)).toHaveText(course.modules[0]!.pages[0]!.title);
    await expect(button(page, 'Next')).toBeVisible();
  });

  test("a swipe that starts on the page's loading line, as the text arrives under the finger, still turns the page", async ({
    page,
  }, info) => {
    // The pages' text arrives after the first screen; here it waits until the finger is down on "Loading…".
    let deliver!: () => void;
    const held = new Promise<void>((resolve) => (deliver = resolve));
    await page.route('**/assets/course-pages-*.json', async (route) => {
      await held;
      await route.continue();
    });
    await openCourse(page, { saved: AT_MENU });
    await startModule(page, info);
    const loading = page.locator('main .page-loading');
    await expect(loading).toBeVisible();
    const line = (await loading.boundingBox())!;
    await swipeOn(page, line.x + line.width * 0.8, line.x + line.width * 0.1, {
      y: line.y + line.height / 2,
      midway: async () => {
        deliver();
        await expect(loading).toHaveCount(0); // the line under the finger is gone
      },
    });
    await expect(heading(page)).toHaveText(course.modules[0]!.pages[1]!.title);
  });

  test('rotating keeps the page, the reading place and a half-entered answer', async ({ page }, info) => {
    await openCourse(page, { saved: AT_MENU });
    await startModule(page, info);
    await goToPage(page, longest, info);
    const before = page.viewportSize()!;
    const rotated = { width: before.height, height: before.width };

    // Put a paragraph from the first half of the page near the top of the view, then rotate.
    // A block below the first screen with enough text after it to be scrolled to the top in both orientations.
    const text = await page.evaluate(
      (tallest) => {
        const blocks = [...document.querySelectorAll<HTMLElement>('main .prose > :is(p, ul, ol, blockquote)')];
        const end = document.documentElement.scrollHeight;
        const fit = blocks.filter((b) => {
          const top = b.getBoundingClientRect().top + window.scrollY;
          return top > 250 && top + tallest + 200 < end;
        });
        return (fit[Math.floor(fit.length / 2)] ?? blocks[1]!).textContent!.slice(0, 60);
      },
      Math.max(before.width, before.height),
    );
    const offsetOf = () =>
      page.evaluate((start) => {
        const el = [...document.querySelectorAll('main .prose > *')].find((e) => e.textContent?.startsWith(start))!;
        const bar = document.querySelector('.topbar')!;
        const stuck = getComputedStyle(bar).position === 'sticky' ? bar.getBoundingClientRect().bottom : 0;
        return el.getBoundingClientRect().top - stuck;
      }, text);
    await page.evaluate((top) => window.scrollBy(0, top - 10), await offsetOf());
    // The reading place is recorded on the next frame: let two frames pass.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const offset = await offsetOf();
    expect(offset, 'the paragraph is near the top of the view').toBeLessThan(page.viewportSize()!.height / 3);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);

    // Back in its place, or as close as the page allows (a short page cannot scroll the paragraph to the top).
    const misplaced = async () => {
      const now = await offsetOf();
      const atEnd = await page.evaluate(
        () => window.scrollY >= document.documentElement.scrollHeight - window.innerHeight - 1,
      );
      return atEnd && now > offset && now < page.viewportSize()!.height - 100 ? 0 : Math.abs(now - offset);
    };
    await page.setViewportSize(rotated);
    await expect(heading(page)).toHaveText(course.modules[0]!.pages[longest]!.title);
    await expect.poll(misplaced, { message: 'paragraph back in its place after rotation' }).toBeLessThanOrEqual(4);
    await page.setViewportSize(before);
    await expect.poll(misplaced, { message: 'and after rotating back' }).toBeLessThanOrEqual(4);

    // A chosen answer (not yet submitted) survives rotation.
    const last = course.modules[0]!.pages.length - 1;
    for (let p = longest; p <= last; p++) await press(button(page, p === last ? 'Go to the quiz' : 'Next'), info);
    await press(button(page, 'Start the quiz'), info);
    const option = page.locator('label.option').nth(1);
    await press(option, info);
    const value = await option.locator('input').getAttribute('value');
    await page.setViewportSize(rotated);
    await expect(page.locator(`input[value="${value}"]`)).toBeChecked();
    await page.setViewportSize(before);
    await expect(page.locator(`input[value="${value}"]`)).toBeChecked();
  });
});

// Browser settings (zoom, reduced motion, ...) are checked once, on the desktop project (selected by tag).
test.describe('desktop only', { tag: '@desktop-only' }, () => {
  test('reflows at 320 px wide without sideways scrolling', async ({ page }, info) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await openCourse(page, { saved: AT_MENU });
    await expectFits(page, 'introduction at 320 px');
    await startModule(page, info);
    for (let p = 0; p < course.modules[0]!.pages.length; p++) {
      await expectFits(page, `page ${p + 1} at 320 px`);
      await expectNavBarInReach(page, `page ${p + 1} at 320 px`);
      await press(button(page, p === course.modules[0]!.pages.length - 1 ? 'Go to the quiz' : 'Next'), info);
    }
    await press(button(page, 'Start the quiz'), info);
    await answerCurrent(page, true, info);
    await expectFits(page, 'question at 320 px');
  });

  for (const width of [1280, 768]) {
    test(`text at 200% (${width} px wide) loses nothing: no sideways scrolling, every control visible`, async ({
      page,
    }, info) => {
      await page.setViewportSize({ width, height: 800 });
      await openCourse(page, { saved: AT_MENU });
      // Like a browser text size of 200% (the CSP forbids inline style tags; the CSSOM is allowed).
      await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
      await expectFits(page, 'introduction at 200%');
      await startModule(page, info);
      await expectFits(page, 'module page at 200%');
      await expectNavBarInReach(page, 'module page at 200%');
      for (const name of ['Menu', 'Exit'])
        await expect(page.locator('.topbar').getByRole('button', { name })).toBeInViewport({ ratio: 1 });
      const clipped = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('button')]
          .filter((b) => b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1)
          .map((b) => b.textContent?.trim()),
      );
      expect(clipped, 'buttons whose label is cut off').toEqual([]);
    });
  }

  test("the pages' text loads after the first screen, and a page opened sooner fills in when it lands", async ({
    page,
  }, info) => {
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    const order: string[] = [];
    page.on('request', (r) =>
      order.push(
        new URL(r.url()).pathname
          .split('/')
          .pop()!
          .replace(/-[\w-]{8,10}\.(js|css|json)$/, '.$1'),
      ),
    );
    await page.route('**/assets/course-pages-*.json', async (route) => {
      await held; // a slow network: the learner is quicker than the download
      await route.continue();
    });
    await openCourse(page, { saved: AT_MENU });
    await expect(page.getByRole('button', { name: /^Resume: / })).toBeVisible();
    await startModule(page, info);
    await expect(page.locator('main .prose')).toHaveText('Loading this page…');
    release();
    const expected = await page.evaluate((html) => {
      const t = document.createElement('template');
      t.innerHTML = html;
      return t.content.textContent!.replace(/\s+/g, ' ').trim().slice(0, 60);
    }, course.modules[0]!.pages[0]!.html);
    await expect(page.locator('main .prose')).toContainText(expected);
    // Interactive elements on later pages are enhanced as usual.
    const sortPage = course.modules[0]!.pages.findIndex((p) => p.html.includes('data-interactive="sort"'));
    if (sortPage > 0) {
      await goToPage(page, sortPage, info);
      await expect(page.locator('main .activity-ui')).toHaveCount(1);
    }
    // (harness.css: the page openCourse visits first to leave the saved progress in the LMS's store)
    const loaded = order.filter((name) => name !== 'harness.css');
    expect(loaded.slice(0, 4).sort()).toEqual(['course-data.json', 'index.html', 'index.js', 'style.css'].sort());
  });

  test('no motion with prefers-reduced-motion', async ({ page }, info) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openCourse(page, { saved: AT_MENU });
    await startModule(page, info);
    const moving = await page.evaluate(
      () =>
        [...document.querySelectorAll<HTMLElement>('*')]
          .map((el) => getComputedStyle(el))
          .filter(
            (s) =>
              s.transitionDuration.split(',').some((d) => parseFloat(d) > 0) ||
              (s.animationName !== 'none' && parseFloat(s.animationDuration) > 0),
          ).length,
    );
    expect(moving).toBe(0);
  });

  test('zoom allowed, English lang, system fonts only, light and dark themes', async ({ page }, info) => {
    const fonts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'font') fonts.push(r.url());
    });
    await openCourse(page, { saved: AT_MENU });
    const viewport = await page.locator('meta[name=viewport]').getAttribute('content');
    expect(viewport).not.toMatch(/user-scalable\s*=\s*(no|0)|maximum-scale/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/^system-ui/);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).not.toBe(light);
    await startModule(page, info);
    expect(fonts).toEqual([]);
  });
});
