/**
 * What a relaunch finds: untrustworthy suspend_data, a course updated between launches, the LMS's pass mark and a
 * learner who has finished. The LMS's record is seeded in the harness's store, as an earlier session would have
 * left it; saved states are built with the course's own codec.
 */
import { expect, test, type Page } from '@playwright/test';
import { encodeProgress } from '../../src/course/saved-state.ts';
import { freshProgress } from '../../src/course/progress.ts';
import { NOTICE_FROM_LMS } from '../../src/lms/restore.ts';
import { courseErrors, courseFrame, harnessState, openHarness, seedLms } from './fixtures/harness.ts';
import { answerQuiz, course } from './fixtures/course.ts';
import { progressAt, savedState } from './fixtures/progress.ts';
import {
  VERSIONS,
  collectPageErrors,
  completedProgress,
  notices,
  recordFor,
  results,
  type VersionInfo,
} from './fixtures/reliability.ts';

const title = (m: number, p: number) => course.modules[m]!.pages[p]!.title;
const pageId = (m: number, p: number) => `${course.modules[m]!.id}/${course.modules[m]!.pages[p]!.id}`;

/** Exits with the course's own button and returns what the LMS stored. */
async function exitCourse(page: Page) {
  const frame = courseFrame(page);
  await frame.getByRole('button', { name: 'Exit' }).click();
  await expect(frame.getByRole('heading', { name: 'Your progress is saved' })).toBeVisible();
  await expect.poll(async () => (await harnessState(page)).terminated).toBe(true);
  return harnessState(page);
}

/**
 * SetValue calls of the last launch that change what the LMS held (`before`), other than the ones every session
 * sends (exit, session time, navigation request). Rewriting a value the LMS already has changes nothing.
 */
function changingWrites(
  h: Awaited<ReturnType<typeof harnessState>>,
  before: Record<string, string>,
  { setValue, k }: VersionInfo,
) {
  const bookkeeping = new Set([k.exit, k.sessionTime, 'adl.nav.request']);
  return h.calls
    .filter(
      (c) =>
        c.method === setValue &&
        c.session === h.launches &&
        !bookkeeping.has(c.element) &&
        before[c.element] !== c.value,
    )
    .map((c) => `${c.element}=${c.value}`);
}

/** Every element the LMS held before still has its value. */
function expectKept(stored: Record<string, string>, before: Record<string, string>): void {
  expect(Object.fromEntries(Object.keys(before).map((element) => [element, stored[element]]))).toEqual(before);
}

// A finished learner who came back to reread module 3 (page 4): what the LMS holds besides suspend_data.
const finished = completedProgress();
const good = encodeProgress(course, finished);
const BAD_SUSPEND_DATA: [string, string][] = [
  ['empty', ''],
  ['random text', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit'],
  ['truncated', good.slice(0, Math.floor(good.length / 2))],
  ['from a format version the course no longer reads', good.replace(/^\d+\|/, '0|')],
  [
    'from another course',
    encodeProgress({ ...course, settings: { ...course.settings, id: 'another-course' } }, finished),
  ],
];

for (const version of VERSIONS) {
  const { v, label, k } = version;
  test.describe(label, () => {
    for (const [kind, text] of BAD_SUSPEND_DATA) {
      test(`saved progress that is ${kind}: no crash, a passed status stays passed, resumes from the LMS location and says so once`, async ({
        page,
      }) => {
        const errors = collectPageErrors(page);
        const seeded = recordFor(v, finished, pageId(2, 3), text);
        await seedLms(page, v, seeded);
        await openHarness(page, { v });
        const frame = courseFrame(page);
        await expect(notices(frame)).toHaveText([NOTICE_FROM_LMS]);
        await frame.getByRole('button', { name: 'Resume: Module 3, page 4' }).click();
        await expect(frame.getByRole('heading', { level: 1 })).toHaveText(title(2, 3));
        await frame.getByRole('button', { name: 'Next', exact: true }).click();
        await expect(frame.getByRole('heading', { level: 1 })).toHaveText(title(2, 4));
        await frame.getByRole('button', { name: 'Menu', exact: true }).click();
        await expect(frame.getByText('Passed · best score 100%')).toHaveCount(course.modules.length);
        const h = await exitCourse(page);
        expectKept(h.stored!.cmi, results(seeded));
        expect(h.stored!.cmi[k.status]).toBe('passed');
        expect(h.stored!.cmi[k.location]).toBe('menu');
        expect(courseErrors(h.errors)).toEqual([]);
        expect(errors).toEqual([]);

        // Said once: the next launch reads the suspend_data this session wrote, and says nothing.
        await page.getByRole('button', { name: 'Relaunch' }).click();
        await expect(frame.getByRole('button', { name: 'Resume: the course menu' })).toBeVisible();
        await expect(notices(frame)).toHaveCount(0);
      });
    }

    test('the course was updated between launches: changed modules restart their pages, passes are kept, and the learner is told', async ({
      page,
    }) => {
      const errors = collectPageErrors(page);
      // Saved by the previous version of the course: modules 1 and 2 had other pages or questions then.
      const progress = completedProgress();
      progress.modules = progress.modules.map((m, i) =>
        i === 0
          ? m
          : {
              ...m,
              passed: false,
              best: null,
              attempts: 0,
              attempt: null,
              visited: m.visited.map((_, p) => i === 1 && p < 5),
            },
      );
      progress.evaluation = freshProgress(course, 1).evaluation;
      progress.view = 'page';
      progress.at = { module: 1, page: 4, question: 0 };
      const previous = {
        ...course,
        modules: course.modules.map((m, i) => (i < 2 ? { ...m, contentHash: `old0000${i}` } : m)),
      };
      const seeded = recordFor(v, progress, pageId(1, 4), encodeProgress(previous, progress));
      await seedLms(page, v, seeded);
      await openHarness(page, { v });
      const frame = courseFrame(page);
      await expect(notices(frame)).toHaveText([
        'Module 1 was updated since your last visit, so its pages start again. Your quiz results are kept.',
        'Module 2 was updated since your last visit, so its pages start again. Your quiz results are kept.',
      ]);
      await frame.getByRole('button', { name: /^Resume: / }).click();
      await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Course menu');
      await expect(frame.getByText('Passed · best score 100%')).toHaveCount(1);
      await frame.getByRole('button', { name: 'Open module 2' }).click();
      await expect(frame.getByRole('heading', { level: 1 })).toHaveText(title(1, 0));
      const h = await exitCourse(page);
      expect(h.stored!.cmi[k.objectiveStatus(0)]).toBe('passed');
      expect(h.stored!.cmi[k.score]).toBe(seeded[k.score]);
      expect(courseErrors(h.errors)).toEqual([]);
      expect(errors).toEqual([]);
    });

    for (const { mastery, right, verdict } of [
      { mastery: 60, right: 3, verdict: 'You passed' }, // the course's own 80% would fail 60%
      { mastery: 100, right: 4, verdict: 'Not passed this time' }, // ... and pass 80%
    ]) {
      test(`the LMS's pass mark ${mastery}% wins: ${right} of 5 right → "${verdict}"`, async ({ page }) => {
        // The learner has read module 1 and starts its quiz (saved progress; the pass mark comes from the LMS).
        await seedLms(page, v, { 'cmi.suspend_data': savedState(progressAt('quizIntro', 0)).suspendData });
        await openHarness(page, { v, mastery });
        const frame = courseFrame(page);
        await expect(frame.getByText(`you need ${mastery}% to pass`)).toBeVisible();
        await frame.getByRole('button', { name: 'Resume: Module 1 quiz' }).click();
        await frame.getByRole('button', { name: 'Start the quiz' }).click();
        await answerQuiz(frame, (i) => i < right);
        await expect(frame.getByRole('heading', { level: 1 })).toHaveText(verdict);
        await expect(frame.getByRole('status').filter({ hasText: 'Your score' })).toContainText(
          `(pass mark ${mastery}%)`,
        );
        await expect
          .poll(async () => (await harnessState(page)).cmi[k.objectiveStatus(0)])
          .toBe(verdict === 'You passed' ? 'passed' : v === '12' ? 'incomplete' : 'unknown');
        expect(courseErrors((await harnessState(page)).errors)).toEqual([]);
      });
    }

    test('a learner who has completed the course relaunches: nothing in the LMS record changes unless they act', async ({
      page,
    }) => {
      const seeded = recordFor(v, finished, 'complete');
      await seedLms(page, v, seeded);
      await openHarness(page, { v });
      const frame = courseFrame(page);
      await frame.getByRole('button', { name: 'Resume: your completion summary' }).click();
      await expect(frame.getByRole('heading', { level: 1 })).toContainText('You have completed');
      // Whatever the course would send on its own has been sent: it says everything is saved.
      await expect(frame.locator('.save')).toHaveAttribute('data-status', 'saved');
      const h = await exitCourse(page);
      expect(changingWrites(h, seeded, version)).toEqual([]);
      expectKept(h.stored!.cmi, seeded);
    });

    test('a completed learner who reviews a module: the quiz result is shown, never reopened, and results stay as recorded', async ({
      page,
    }) => {
      const seeded = recordFor(v, finished, 'complete');
      await seedLms(page, v, seeded);
      await openHarness(page, { v });
      const frame = courseFrame(page);
      await frame.getByRole('button', { name: 'Resume: your completion summary' }).click();
      await frame.getByRole('button', { name: 'Menu', exact: true }).click();
      await frame.getByRole('button', { name: 'Review module 1' }).click();
      const pages = course.modules[0]!.pages.length;
      for (let p = 0; p < pages; p++) {
        await expect(frame.getByRole('heading', { level: 1 })).toHaveText(title(0, p));
        await frame.getByRole('button', { name: p === pages - 1 ? 'Quiz result' : 'Next', exact: true }).click();
      }
      await expect(frame.getByRole('heading', { level: 1 })).toHaveText('You passed');
      await expect(frame.getByRole('button', { name: /Try again|Start the quiz|Continue the quiz/ })).toHaveCount(0);
      const h = await exitCourse(page);
      expectKept(h.stored!.cmi, results(seeded));
      expect(changingWrites(h, seeded, version).filter((w) => /interactions|status|score|objectives/.test(w))).toEqual(
        [],
      );
    });

    test('in LMS review mode, whatever the learner does, the LMS record stays exactly as it was', async ({ page }) => {
      const seeded = recordFor(v, finished, 'complete');
      await seedLms(page, v, seeded);
      await openHarness(page, { v, mode: 'review' });
      const frame = courseFrame(page);
      await frame.getByRole('button', { name: 'Resume: your completion summary' }).click();
      await frame.getByRole('button', { name: 'Menu', exact: true }).click();
      await frame.getByRole('button', { name: 'Review module 2' }).click();
      await frame.getByRole('button', { name: 'Next', exact: true }).click();
      await expect(frame.getByRole('heading', { level: 1 })).toHaveText(title(1, 1));
      const h = await exitCourse(page);
      expect(changingWrites(h, seeded, version)).toEqual([]);
      expectKept(h.stored!.cmi, seeded);
    });
  });
}
