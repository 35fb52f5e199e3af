/**
 * LMS modes and credit, both SCORM versions: in review, browse and no-credit sessions the learner can open every
 * module and try its quiz, a banner says which mode is active, and the course sends no status, score, objective
 * or interaction. A normal session with credit runs the same steps as the control: there they are sent. The quiz is
 * taken at a second launch, from saved progress with the module read.
 */
import { expect, test } from '@playwright/test';
import { courseFrame, harnessState, openHarness, seedLms, type LaunchOptions } from './fixtures/harness.ts';
import { answerQuiz, course } from './fixtures/course.ts';
import { progressAt, savedState } from './fixtures/progress.ts';

/** Elements that carry the recorded result, per version (cmi.ts writes them; session.ts holds them back). */
const RESULT_ELEMENTS = {
  '12': /^cmi\.(core\.lesson_status|core\.score\.|objectives\.|interactions\.)/,
  '2004': /^cmi\.(completion_status|success_status|progress_measure|score\.|objectives\.|interactions\.)/,
};
const SET_VALUE = { '12': 'LMSSetValue', '2004': 'SetValue' };

const sessions: {
  mode: NonNullable<LaunchOptions['mode']>;
  credit: NonNullable<LaunchOptions['credit']>;
  label: string | null;
}[] = [
  { mode: 'review', credit: 'credit', label: 'Review mode' },
  { mode: 'browse', credit: 'credit', label: 'Browse mode' },
  { mode: 'normal', credit: 'no-credit', label: 'No-credit session' },
  { mode: 'normal', credit: 'credit', label: null }, // the control
];
const last = course.modules.length - 1;

for (const v of ['12', '2004'] as const) {
  test.describe(`SCORM ${v === '12' ? '1.2' : '2004'}`, () => {
    for (const { mode, credit, label } of sessions) {
      const recorded = label === null;
      test(`${mode} / ${credit}: ${recorded ? 'results are sent (control)' : 'every module and quiz open, nothing recorded, and a label says so'}`, async ({
        page,
      }) => {
        const expectBanner = async () => {
          const banner = courseFrame(page).getByRole('note');
          if (recorded) await expect(banner).toHaveCount(0);
          else
            await expect(banner).toHaveText(
              `${label}: you can read everything and try the quizzes, but your results are not recorded.`,
            );
        };
        await openHarness(page, { v, mode, credit });
        let frame = courseFrame(page);
        await expectBanner();

        await frame.getByRole('button', { name: 'Start course' }).click();
        const openLast = frame.getByRole('button', { name: `Open module ${last + 1}` });
        if (recorded) {
          await frame.getByRole('button', { name: 'Open module 1' }).click(); // the others stay locked in order
          await expect(openLast).toHaveCount(0);
        } else {
          await openLast.click(); // course.yaml says sequential; these sessions read everything
        }
        const read = recorded ? 0 : last;
        await expect(frame.getByRole('heading', { level: 1 })).toHaveText(course.modules[read]!.pages[0]!.title);
        const first = await harnessState(page);

        // The next launch: the learner has read that module and takes its quiz.
        await seedLms(page, v, {
          'cmi.suspend_data': savedState(progressAt('quizIntro', read, { passed: 0 })).suspendData,
        });
        await openHarness(page, { v, mode, credit });
        frame = courseFrame(page);
        await expectBanner();
        await frame.getByRole('button', { name: `Resume: Module ${read + 1} quiz` }).click();
        await frame.getByRole('button', { name: 'Start the quiz' }).click();
        await answerQuiz(frame, true);
        await expect(frame.getByRole('heading', { level: 1 })).toHaveText('You passed');
        await frame.getByRole('button', { name: 'Exit' }).click();
        await expect(frame.getByRole('heading', { name: 'Your progress is saved' })).toBeVisible();

        const h = await harnessState(page);
        expect(h.errors).toEqual([]);
        expect(h.terminated).toBe(true);
        expect(first.errors).toEqual([]);
        const resultWrites = [...first.calls, ...h.calls].filter(
          (c) => c.method === SET_VALUE[v] && RESULT_ELEMENTS[v].test(c.element),
        );
        if (recorded) {
          expect(resultWrites.map((c) => c.element)).toContain(
            v === '12' ? 'cmi.objectives.0.score.raw' : 'cmi.objectives.0.score.scaled',
          );
          expect(resultWrites.some((c) => /^cmi\.interactions\.\d+\.result$/.test(c.element))).toBe(true);
        } else {
          expect(resultWrites.map((c) => `${c.element}=${c.value}`)).toEqual([]);
          // What the LMS holds still says so: scorm-again's own initial values, untouched by the course.
          expect(h.stored?.cmi[v === '12' ? 'cmi.core.score.raw' : 'cmi.score.raw'] ?? '').toBe('');
        }
      });
    }
  });
}
