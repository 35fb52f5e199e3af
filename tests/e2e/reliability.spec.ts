/**
 * Issue 5, fault matrix: the LMS is missing, far away, down, throwing, slow; the tab dies or hides. The real
 * course in both packages, with the scorm-again harness injecting the faults (tests/e2e/harness/lms.js).
 * Cases 5, 6, 9 and 11 (what a relaunch restores) are in reliability-resume.spec.ts; case 10 is a property test
 * in tests/unit/scorm12-limits.test.ts.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  courseErrors,
  courseFrame,
  harnessState,
  openHarness,
  setFaults,
  waitForInitialize,
  type StoredRecord,
} from './fixtures/harness.ts';
import { answerQuiz, course, readModulePages } from './fixtures/course.ts';
import {
  VERSIONS,
  collectPageErrors,
  courseFrameHandle,
  fixLearnerSeed,
  notices,
  packagePath,
  seconds,
  startModule1,
  withoutClocks,
  type VersionInfo,
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

/** The same journey for the outage run and the control run: module 1 read and passed, two pages of module 2. */
async function journey(page: Page, { v }: VersionInfo, during?: { start(): Promise<void>; end(): Promise<void> }) {
  await openHarness(page, { v });
  const frame = courseFrame(page);
  await startModule1(frame);
  await expect(frame.locator('.save')).toHaveAttribute('data-status', 'saved');
  await during?.start();
  await readModulePages(frame, 0);
  await frame.getByRole('button', { name: 'Start the quiz' }).click();
  await answerQuiz(frame, true);
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('You passed');
  await during?.end();
  await frame.getByRole('button', { name: 'Continue to Module 2' }).click();
  await frame.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(title(1, 1));
  await expect(page.frameLocator('#course').locator('.save')).toHaveAttribute('data-status', 'saved', {
    timeout: 40_000,
  });
  await frame.getByRole('button', { name: 'Exit' }).click();
  await expect.poll(async () => (await harnessState(page)).terminated).toBe(true);
  return harnessState(page);
}

for (const version of VERSIONS) {
  const { v, label } = version;
  test.describe(label, () => {
    test('5.1 No LMS: standalone mode with a clear notice; progress on the device survives a reload', async ({
      page,
    }) => {
      const errors = collectPageErrors(page);
      await page.goto(`${packagePath(v)}index.html`);
      await expect(notices(page.mainFrame())).toHaveText([
        'This course is not connected to a learning system. Your progress is kept on this device only.',
      ]);
      await expect(page.locator('.save')).toContainText(/Saved\s+on this device/);
      await startModule1(page.mainFrame());
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title(0, 1));
      await expect(page.locator('.save')).toHaveAttribute('data-status', 'saved');

      await page.reload();
      await page.getByRole('button', { name: 'Resume: Module 1, page 2' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title(0, 1));
      expect(errors).toEqual([]);
    });

    test('5.2 API in the opener window (the LMS launched a pop-up): found, and the course records', async ({
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

    test('5.2 API several frames up (the course 5 frames below the LMS window): found', async ({ page }) => {
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

    test('5.2 API past a cross-origin frame: found above it, and no exception from the foreign frame', async ({
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

    test('5.2 a course served from another origin than the LMS: no API reachable, no exception, device mode', async ({
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

    test('5.3 SetValue/Commit outage: the course keeps working, keeps the data (memory and device), retries with backoff, says so until the LMS accepts; then the record equals a run without outage', async ({
      page,
      browser,
    }) => {
      test.setTimeout(180_000);
      await fixLearnerSeed(page);
      const errors = collectPageErrors(page);
      const frame = courseFrame(page);
      let outageStart = 0;
      const outage = await journey(page, version, {
        start: async () => {
          outageStart = (await harnessState(page)).calls.length;
          await setFaults(page, { fail: ['SetValue', 'Commit'] });
        },
        end: async () => {
          // Still saying so after many screens and several retries ...
          await expect(frame.getByRole('alert')).toHaveText(NOT_SAVED);
          await expect(frame.locator('.save')).toHaveText(/Not saved, retrying/);
          // ... the answers are in the device copy ...
          const copy = await deviceCopy(page, v);
          expect(copy?.some(([element]) => element === 'cmi.suspend_data')).toBe(true);
          expect(copy?.some(([element]) => /^cmi\.interactions\.\d+\.result$/.test(element))).toBe(true);
          // ... and the LMS has nothing of it yet.
          const held = await harnessState(page);
          expect(held.stored?.cmi[version.k.location]).toBe(`m1/${course.modules[0]!.pages[0]!.id}`);
          await setFaults(page, {});
          await expect(frame.getByRole('alert')).toHaveCount(0, { timeout: 40_000 });
          await expect.poll(() => deviceCopy(page, v)).toBeNull();
        },
      });
      // Backoff: one refused call per try, the gaps growing 1 s, 2 s, 4 s ...
      const tries = outage.calls.slice(outageStart).filter((c) => c.injected);
      const gaps = tries.slice(1).map((c, i) => c.at - tries[i]!.at);
      expect(gaps.length).toBeGreaterThanOrEqual(2);
      gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual([1000, 2000, 4000, 8000, 15000, 30000][i]! - 50));
      expect(courseErrors(outage.errors)).toEqual([]);
      expect(errors).toEqual([]);

      // The same journey without an outage, in a fresh browser context.
      const context = await browser.newContext();
      const control = await context.newPage();
      await fixLearnerSeed(control);
      const clean = await journey(control, version);
      await context.close();
      expect(withoutClocks(outage.stored!.cmi)).toEqual(withoutClocks(clean.stored!.cmi));
    });

    test('5.4 API methods throw: treated as failures, the course never crashes and recovers', async ({ page }) => {
      test.setTimeout(120_000);
      const errors = collectPageErrors(page);
      await openHarness(page, { v });
      const frame = courseFrame(page);
      await startModule1(frame);
      await setFaults(page, { throwOn: ['SetValue', 'Commit', 'GetLastError', 'GetErrorString', 'GetDiagnostic'] });
      await readModulePages(frame, 0);
      await frame.getByRole('button', { name: 'Start the quiz' }).click();
      await answerQuiz(frame, true);
      await expect(frame.getByRole('heading', { level: 1 })).toHaveText('You passed');
      await expect(frame.getByRole('alert')).toHaveText(NOT_SAVED);
      expect((await harnessState(page)).calls.some((c) => c.result === 'throw')).toBe(true);
      await setFaults(page, {});
      await expect(frame.locator('.save')).toHaveAttribute('data-status', 'saved', { timeout: 40_000 });
      const h = await harnessState(page);
      expect(h.cmi[version.k.objectiveStatus(0)]).toBe('passed');
      expect(h.stored?.cmi[version.k.score]).toBe('25');
      expect(courseErrors(h.errors)).toEqual([]);
      expect(errors).toEqual([]);
    });

    for (const [fault, notice] of [
      [
        { throwOn: ['Initialize'] },
        'The learning system did not accept the connection, so your progress is kept on this device only for now.',
      ],
      [
        { fail: ['Initialize'] },
        'The learning system did not accept the connection, so your progress is kept on this device only for now.',
      ],
      [
        { throwOn: ['GetValue'] },
        'The learning system could not hand over your saved progress, so this session is kept on this device only. What the learning system records is not changed.',
      ],
    ] as const) {
      test(`5.4 ${JSON.stringify(fault)} at launch: the course runs on the device and says so`, async ({ page }) => {
        const errors = collectPageErrors(page);
        await page.goto(`/?v=${v}&faults=${encodeURIComponent(JSON.stringify(fault))}`);
        const frame = courseFrame(page);
        await expect(notices(frame)).toHaveText([notice]);
        await startModule1(frame);
        await expect(frame.locator('.save')).toContainText(/Saved\s+on this device/);
        const h = await harnessState(page);
        // Nothing written to the LMS: its record stays as it was.
        expect(h.calls.filter((c) => c.method === version.setValue)).toEqual([]);
        expect(errors).toEqual([]);
      });
    }

    test('5.7 the tab is killed mid-quiz without any unload event: on relaunch the answers given so far are there', async ({
      page,
      context,
    }) => {
      test.setTimeout(120_000);
      await openHarness(page, { v });
      const frame = courseFrame(page);
      await startModule1(frame);
      await readModulePages(frame, 0);
      await frame.getByRole('button', { name: 'Start the quiz' }).click();
      const answered = await answerFirst(page, 2);
      await expect(frame.locator('.save')).toHaveAttribute('data-status', 'saved');
      await kill(page);

      const relaunched = await context.newPage();
      // No goodbye reached the LMS: its record is the last commit, with exit "suspend" set at the start.
      const kept = await storedRecord(relaunched, v);
      expect(kept?.event).toBe('commit');
      expect(kept?.cmi[version.k.exit]).toBe('suspend');
      await openHarness(relaunched, { v });
      await expectAnswers(relaunched, answered);
    });

    test('5.7 the tab is killed during an LMS outage: the device copy brings the answers back, and never to another learner', async ({
      page,
      context,
    }) => {
      test.setTimeout(120_000);
      await openHarness(page, { v });
      const frame = courseFrame(page);
      await startModule1(frame);
      await readModulePages(frame, 0);
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

    test('5.8 pagehide and visibilitychange fire, and fire twice: one Terminate, no call after it, session time counted once', async ({
      page,
    }) => {
      test.setTimeout(90_000);
      const launched = Date.now();
      await openHarness(page, { v });
      const frame = courseFrame(page);
      await startModule1(frame);
      await page.waitForTimeout(2500);
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
      const elapsed = (Date.now() - launched) / 1000;
      const h = await harnessState(page);
      const terminates = h.calls.filter((c) => c.method === version.terminate);
      expect(terminates).toHaveLength(1);
      const after = h.calls.slice(h.calls.indexOf(terminates[0]!) + 1);
      expect(after).toEqual([]);
      // One commit for the first "hidden", none for the repeat (1.2 adds its commit before LMSFinish).
      expect(h.calls.slice(before).filter((c) => c.method === version.commit)).toHaveLength(v === '12' ? 2 : 1);
      const total = seconds(h.stored!.cmi[version.k.totalTime]!);
      expect(total).toBeGreaterThanOrEqual(2.5);
      expect(total).toBeLessThanOrEqual(elapsed + 1);

      // The real unload later (the LMS closes the frame) adds nothing, and the next launch starts from that total.
      await page.getByRole('button', { name: 'Relaunch' }).click();
      await waitForInitialize(page, 2);
      const next = await harnessState(page);
      expect(next.calls.filter((c) => c.session === 1 && c.method === version.terminate)).toHaveLength(1);
      expect(seconds(next.cmi[version.k.totalTime]!)).toBeCloseTo(total, 1);
      expect(courseErrors(next.errors)).toEqual([]);
    });

    test('5.12 slow synchronous LMS: input never waits for more than one call, and commits are coalesced', async ({
      page,
    }) => {
      test.setTimeout(120_000);
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
      const DELAY = 1000;
      const before = (await harnessState(page)).calls.length;
      await setFaults(page, { delayMs: DELAY, delayOn: ['SetValue', 'Commit'] });
      // A burst of page turns while the LMS takes a second per call: real mouse input, not waiting for the page.
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

/** The harness LMS's stored record for the default learner, read before any launch (the page is left blank). */
async function storedRecord(page: Page, v: '12' | '2004'): Promise<StoredRecord | null> {
  const version = v === '12' ? '1.2' : '2004';
  await page.goto('/harness/harness.css');
  return page.evaluate(
    (key) => JSON.parse(localStorage.getItem(key) ?? 'null') as StoredRecord | null,
    `lms-preview:${version}:${packagePath(v)}index.html:learner-1`,
  );
}

/**
 * The tab is killed: scripts stop dead (no pagehide, unload or visibilitychange handler runs, as when the OS
 * kills a sleeping tablet's browser), then the page is gone. What the LMS stored before stays stored.
 */
async function kill(page: Page): Promise<void> {
  await page.waitForTimeout(300); // let localStorage writes reach the browser process, as they would on a tablet
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  await page.close();
}
