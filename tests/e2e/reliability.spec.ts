/**
 * What only a browser shows about an LMS that is far away, down or slow, and a tab that dies or hides: the API
 * found across frames, pop-ups and origins; the device copy in localStorage across a killed tab; pagehide and
 * visibilitychange; input while a synchronous LMS blocks. The real course in both packages, with the scorm-again
 * harness injecting the faults (tests/e2e/harness/lms.js).
 *
 * The rest of the fault matrix (no LMS, an outage with its retry pauses, an API that throws or refuses at launch, a
 * tab killed mid-quiz) and what a relaunch restores run the same course start-up against the same harness LMS in
 * Node: tests/unit/lms-faults.test.ts and lms-relaunch.test.ts. SCORM 1.2's size limits are a property test in
 * tests/unit/scorm12-limits.test.ts.
 */
import { expect, test, type Frame, type Page } from '@playwright/test';
import {
  courseErrors,
  courseFrame,
  harnessState,
  openHarness,
  seedLms,
  setFaults,
  waitForInitialize,
} from './fixtures/harness.ts';
import { course } from './fixtures/course.ts';
import { progressAt, savedState } from './fixtures/progress.ts';
import {
  VERSIONS,
  collectPageErrors,
  courseFrameHandle,
  notices,
  seconds,
  startModule1,
} from './fixtures/reliability.ts';

const title = (m: number, p: number) => course.modules[m]!.pages[p]!.title;
const NOT_SAVED = 'Your progress is not saved yet. The course keeps trying; you can carry on.';

/** The device copy the course keeps while the LMS has not committed (src/lms/backup.ts). */
async function deviceCopy(page: Page, v: '12' | '2004'): Promise<[string, string][] | null> {
  const frame = await courseFrameHandle(page);
  return frame.evaluate(
    ([id, version]) => {
      const raw = localStorage.getItem(`${id}:unsaved:${version}:learner-1`);
      return raw ? (JSON.parse(raw) as { writes: [string, string][] }).writes : null;
    },
    [course.settings.id, v === '12' ? '1.2' : '2004'] as const,
  );
}

/** A learner who has read module 1 and is at its quiz, as an earlier session left it in the LMS. */
async function openAtModule1Quiz(page: Page, v: '12' | '2004'): Promise<void> {
  const { suspendData, location } = savedState(progressAt('quizIntro', 0));
  await seedLms(page, v, {
    'cmi.suspend_data': suspendData,
    [v === '12' ? 'cmi.core.lesson_location' : 'cmi.location']: location,
  });
  await openHarness(page, { v });
  await courseFrame(page).getByRole('button', { name: 'Resume: Module 1 quiz' }).click();
  await expect(courseFrame(page).getByRole('heading', { level: 1 })).toHaveText('Check what you learned');
}

for (const version of VERSIONS) {
  const { v, label } = version;
  test.describe(label, () => {
    test('the LMS launched the course in a pop-up: the API in the opener window is found, and the course records', async ({
      page,
    }) => {
      await page.goto(`/harness/launcher.html?v=${v}&layout=popup`);
      const popupPromise = page.waitForEvent('popup');
      await page.getByRole('button', { name: 'Open the course in a new window' }).click();
      const popup = await popupPromise;
      const errors = collectPageErrors(popup);
      await page.waitForFunction(() => window.__harness.initialized);
      await startModule1(popup.mainFrame());
      await expect
        .poll(async () => (await harnessState(page)).cmi[version.k.location])
        .toBe(`m1/${course.modules[0]!.pages[0]!.id}`);
      await expect(notices(popup.mainFrame())).toHaveCount(0);
      expect(errors).toEqual([]);
      expect(courseErrors((await harnessState(page)).errors)).toEqual([]);
    });

    test('the course 5 frames below the LMS window finds the API', async ({ page }) => {
      const errors = collectPageErrors(page);
      await page.goto(`/harness/launcher.html?v=${v}&layout=nested&depth=5`);
      await page.waitForFunction(() => window.__harness.initialized);
      const frame = await courseFrameHandle(page);
      await startModule1(frame);
      await expect
        .poll(async () => (await harnessState(page)).cmi[version.k.location])
        .toBe(`m1/${course.modules[0]!.pages[0]!.id}`);
      expect(errors).toEqual([]);
    });

    test('the API past a cross-origin frame is found above it, with no exception from the foreign frame', async ({
      page,
    }) => {
      const errors = collectPageErrors(page);
      await page.goto(`/harness/launcher.html?v=${v}&layout=foreign-middle`);
      // The frame between the LMS and the course is on another origin: reading it throws, walking past it does not.
      await expect.poll(() => page.frames().map((f) => new URL(f.url()).hostname)).toContain('foreign.localhost');
      await page.waitForFunction(() => window.__harness.initialized);
      const frame = await courseFrameHandle(page);
      await startModule1(frame);
      await expect(notices(frame)).toHaveCount(0);
      expect(errors).toEqual([]);
    });

    test('a course served from another origin than the LMS: no API reachable, no exception, device mode', async ({
      page,
    }) => {
      const errors = collectPageErrors(page);
      await page.goto(`/harness/launcher.html?v=${v}&layout=foreign-course`);
      const frame = await courseFrameHandle(page);
      expect(new URL(frame.url()).hostname).toBe('foreign.localhost');
      await expect(notices(frame)).toHaveText([
        'This course is not connected to a learning system. Your progress is kept on this device only.',
      ]);
      await startModule1(frame);
      expect(await page.evaluate(() => window.__harness.initialized)).toBe(false);
      expect(errors).toEqual([]);
    });

    test('a tab killed during an LMS outage: the device copy brings the answers back, and never to another learner', async ({
      page,
      context,
    }) => {
      await openAtModule1Quiz(page, v);
      const frame = courseFrame(page);
      await frame.getByRole('button', { name: 'Start the quiz' }).click();
      await expect(frame.locator('.save')).toHaveAttribute('data-status', 'saved');
      await setFaults(page, { fail: ['SetValue', 'Commit'] });
      const answered = await answerFirst(page, 2);
      await expect(frame.getByRole('alert')).toHaveText(NOT_SAVED);
      await kill(page);

      // Another nurse on the same tablet: a fresh start, nothing of the first learner's answers.
      const other = await context.newPage();
      await openHarness(other, { v, id: 'nurse-2' });
      await expect(courseFrame(other).getByRole('button', { name: 'Start course' })).toBeVisible();
      await expect(notices(courseFrame(other))).toHaveCount(0);
      await other.close();

      const relaunched = await context.newPage();
      await openHarness(relaunched, { v });
      await expect(
        notices(courseFrame(relaunched)).filter({ hasText: 'It was kept on this device and is restored now.' }),
      ).toHaveCount(1);
      await expectAnswers(relaunched, answered);
      // ... and the LMS gets them now.
      await expect.poll(async () => (await harnessState(relaunched)).stored?.cmi['cmi.suspend_data']).toMatch(/\./);
      await expect.poll(() => deviceCopy(relaunched, v)).toBeNull();
      expect(courseErrors((await harnessState(relaunched)).errors)).toEqual([]);
    });

    test('the page is hidden and closed, with pagehide and visibilitychange fired twice: one Terminate, no call after it, session time counted once', async ({
      page,
    }) => {
      // Time on Playwright's clock: 2.5 s of reading pass at once.
      await page.clock.install();
      await page.addInitScript(() => {
        if (window === window.top) (window as unknown as { __openedAt: number }).__openedAt = Date.now();
      });
      await openHarness(page, { v });
      // When the LMS page opened, before the course's session started (on the page's clock).
      const launched = await page.evaluate(() => (window as unknown as { __openedAt: number }).__openedAt);
      const frame = courseFrame(page);
      await startModule1(frame);
      // 2.5 s of reading pass at once; then the clock stands still, so the step below is not saved until the page is
      // hidden.
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 2500);
      await frame.getByRole('button', { name: 'Next', exact: true }).click();
      await expect(frame.getByRole('heading', { level: 1 })).toHaveText(title(0, 1));
      const before = (await harnessState(page)).calls.length;
      const doc = await courseFrameHandle(page);
      await doc.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
        document.dispatchEvent(new Event('visibilitychange'));
        document.dispatchEvent(new Event('visibilitychange'));
        window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
        window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
        document.dispatchEvent(new Event('visibilitychange'));
      });
      const elapsed = ((await page.evaluate(() => Date.now())) - launched) / 1000;
      const h = await harnessState(page);
      const terminates = h.calls.filter((c) => c.method === version.terminate);
      expect(terminates).toHaveLength(1);
      const after = h.calls.slice(h.calls.indexOf(terminates[0]!) + 1);
      expect(after).toEqual([]);
      // One commit for the first "hidden" (the step above), none for the repeat when the LMS has everything (1.2
      // adds its commit before LMSFinish).
      expect(h.calls.slice(before).filter((c) => c.method === version.commit)).toHaveLength(v === '12' ? 2 : 1);
      const m1 = course.modules[0]!;
      expect(h.stored!.cmi[v === '12' ? 'cmi.core.lesson_location' : 'cmi.location']).toBe(
        `${m1.id}/${m1.pages[1]!.id}`,
      );
      const total = seconds(h.stored!.cmi[version.k.totalTime]!);
      expect(total).toBeGreaterThanOrEqual(2.5);
      expect(total).toBeLessThanOrEqual(elapsed + 1);

      // The real unload later (the LMS closes the frame) adds nothing, and the next launch starts from that total.
      await page.clock.resume();
      await page.getByRole('button', { name: 'Relaunch' }).click();
      await waitForInitialize(page, 2);
      const next = await harnessState(page);
      expect(next.calls.filter((c) => c.session === 1 && c.method === version.terminate)).toHaveLength(1);
      expect(seconds(next.cmi[version.k.totalTime]!)).toBeCloseTo(total, 1);
      expect(courseErrors(next.errors)).toEqual([]);
    });

    test('with a slow synchronous LMS, input never waits for more than one call, and commits are coalesced', async ({
      page,
    }) => {
      test.slow(); // the LMS takes half a real second per call: input delays are measured in real time
      await openHarness(page, { v });
      const frame = courseFrame(page);
      await startModule1(frame);
      await expect(frame.locator('.save')).toHaveAttribute('data-status', 'saved');
      const doc = await courseFrameHandle(page);
      await doc.evaluate(() => {
        const w = window as unknown as { __longTasks: number[] };
        w.__longTasks = [];
        new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({
          type: 'longtask',
        });
      });
      const DELAY = 500;
      const before = (await harnessState(page)).calls.length;
      await setFaults(page, { delayMs: DELAY, delayOn: ['SetValue', 'Commit'] });
      // A burst of page turns while the LMS takes half a second per call: real mouse input, not waiting for the page.
      // The Event Timing API tells how long each click waited for the main thread.
      await doc.evaluate(() => {
        const w = window as unknown as { __inputDelays: number[] };
        w.__inputDelays = [];
        new PerformanceObserver((list) =>
          list.getEntries().forEach((e) => {
            const t = e as PerformanceEventTiming;
            if (t.name === 'pointerdown' || t.name === 'click') w.__inputDelays.push(t.processingStart - t.startTime);
          }),
        ).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
      });
      const next = frame.getByRole('button', { name: 'Next', exact: true });
      for (let p = 1; p <= 3; p++) {
        const box = (await next.boundingBox())!;
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await expect(frame.getByRole('heading', { level: 1 })).toHaveText(title(0, p));
      }
      const lateness = await doc.evaluate(() => (window as unknown as { __inputDelays: number[] }).__inputDelays);
      await expect(frame.locator('.save')).toHaveAttribute('data-status', 'saved', { timeout: 60_000 });

      // A quick burst (four page turns 200 ms apart) while the first save is still on its way: one more commit.
      const burst = (await harnessState(page)).calls.length;
      await doc.evaluate(() => {
        let turns = 0;
        const timer = setInterval(() => {
          [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Next')!.click();
          if (++turns === 4) clearInterval(timer);
        }, 200);
      });
      await expect(frame.getByRole('heading', { level: 1 })).toHaveText(title(0, 7), { timeout: 30_000 });
      await expect(frame.locator('.save')).toHaveAttribute('data-status', 'saved', { timeout: 60_000 });
      const longTasks = await doc.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
      const h = await harnessState(page);
      expect(Math.max(...longTasks)).toBeGreaterThanOrEqual(DELAY * 0.9); // the LMS really was slow ...
      expect(Math.max(...longTasks)).toBeLessThan(DELAY * 1.8); // ... but no task ever held two calls
      expect(lateness.length).toBeGreaterThan(0);
      expect(Math.max(...lateness)).toBeLessThan(DELAY * 1.5); // input waits for one call at most
      // Four page turns, one save: the last place, one commit (two if the first save was already committing).
      expect(h.calls.slice(burst).filter((c) => c.method === version.commit).length).toBeLessThanOrEqual(2);
      expect(h.calls.slice(before, burst).filter((c) => c.method === version.commit).length).toBeLessThanOrEqual(3);
      expect(h.cmi[version.k.location]).toBe(`m1/${course.modules[0]!.pages[7]!.id}`);
    });
  });
}

/** Answers the first n questions of the open attempt (the first option each), leaving the course on question n+1. */
async function answerFirst(page: Page, n: number): Promise<{ id: string; value: string }[]> {
  const frame = courseFrame(page);
  const answered: { id: string; value: string }[] = [];
  for (let i = 0; i < n; i++) {
    const id = (await frame.locator('fieldset[data-question-id]').getAttribute('data-question-id'))!;
    const input = frame.locator('fieldset[data-question-id] input').first();
    answered.push({ id, value: (await input.getAttribute('value'))! });
    await input.check();
    await frame.getByRole('button', { name: 'Next question' }).click();
    await expect(frame.locator('.eyebrow', { hasText: `Question ${i + 2} of` })).toBeVisible();
  }
  return answered;
}

/** Resumes the quiz and checks each answer given before the crash is still chosen. */
async function expectAnswers(page: Page, answered: { id: string; value: string }[]): Promise<void> {
  const frame = courseFrame(page);
  await frame.getByRole('button', { name: 'Resume: Module 1 quiz' }).click();
  await expect(frame.locator('.eyebrow', { hasText: `Question ${answered.length + 1} of` })).toBeVisible();
  for (let i = answered.length - 1; i >= 0; i--) {
    await frame.getByRole('button', { name: 'Back' }).click();
    await expect(frame.locator('fieldset[data-question-id]')).toHaveAttribute('data-question-id', answered[i]!.id);
    await expect(frame.locator(`fieldset[data-question-id] input[value="${answered[i]!.value}"]`)).toBeChecked();
  }
}

/**
 * The tab is killed: scripts stop dead (no pagehide, unload or visibilitychange handler runs, as when the OS
 * kills a sleeping tablet's browser), then the page is gone. What the LMS stored before stays stored.
 */
async function kill(page: Page): Promise<void> {
  // Every localStorage write of the course has reached the browser, as it would on a tablet: another tab of the
  // same origin sees exactly what the course's frame sees.
  const storage = (frame: Frame) =>
    frame.evaluate(() => JSON.stringify(Object.entries(localStorage).sort(([a], [b]) => a.localeCompare(b))));
  const held = await storage(await courseFrameHandle(page));
  const witness = await page.context().newPage();
  await witness.goto('/harness/harness.css');
  await expect.poll(() => storage(witness.mainFrame())).toBe(held);
  await witness.close();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  await page.close();
}
