/**
 * The baseline check before Module 1 (issue 12, "Measured change"), from saved progress instead of clicking
 * through the course: a learner who left it half-way resumes at the same item with the answers given, finishes
 * it, and the LMS (scorm-again in the harness) receives one interaction per item ("baseline-<item id>", weighted 0)
 * and the objective "baseline" with the score, while the course stays incomplete with no course score. At the end,
 * the completion screen compares each module's baseline items with its posttest, in words. axe on its screens.
 */
import { expect, test } from '@playwright/test';
import { correctOptions } from '../../src/course/answer-key.ts';
import { answerBaselineItems, answerFor, course } from './fixtures/course.ts';
import { courseFrame, harnessState, openHarness, seedLms } from './fixtures/harness.ts';
import { afterBaseline, progressAt, savedState } from './fixtures/progress.ts';
import { button, expectNoAxeViolations, heading, openCourse, press, resumeCourse } from './fixtures/ui.ts';

const items = course.baseline!.questions;
/** The learner's answers: every third item wrong, the rest right. */
const right = (i: number) => i % 3 !== 0;
const answers = items.map((q, i) => answerFor(q.id, right(i)));
const score = Math.round((100 * items.filter((_, i) => right(i)).length) / items.length);
/** A learner who answered the first LEFT_AT items and left on the next one. */
const halfWay = (LEFT_AT: number) =>
  afterBaseline(
    { status: 'open', answers: items.map((_, i) => (i < LEFT_AT ? answers[i]! : null)) },
    'baselineQuestion',
    LEFT_AT,
  );

for (const v of ['12', '2004'] as const) {
  test(`SCORM ${v === '12' ? '1.2' : '2004'}: resumed half-way, finished, and the LMS receives the answers and the score, not a course result`, async ({
    page,
  }) => {
    // 1.2: the last three items as a learner takes them; 2004: more of them, answered in one go (what the LMS gets
    // is the point there).
    const LEFT_AT = v === '12' ? items.length - 3 : 5;
    await seedLms(page, v, { 'cmi.suspend_data': savedState(halfWay(LEFT_AT)).suspendData });
    await openHarness(page, { v });
    const frame = courseFrame(page);
    await frame.getByRole('button', { name: 'Resume: the baseline check' }).click();
    const eyebrow = frame.locator('.eyebrow');
    await expect(eyebrow).toHaveText(`Baseline question ${LEFT_AT + 1} of ${items.length}`);
    // The answers given before leaving are still chosen.
    await frame.getByRole('button', { name: 'Back', exact: true }).click();
    await expect(frame.locator(`input[value="${answers[LEFT_AT - 1]![0]}"]`)).toBeChecked();
    await frame.getByRole('button', { name: 'Next question' }).click();
    if (v === '12') {
      // As a learner: each item, its option, Next.
      for (let i = LEFT_AT; i < items.length; i++) {
        await expect(frame.locator('fieldset[data-question-id]')).toHaveAttribute('data-question-id', items[i]!.id);
        for (const option of answers[i]!) await frame.locator(`input[value="${option}"]`).check();
        await frame.getByRole('button', { name: i === items.length - 1 ? 'Review answers' : 'Next question' }).click();
      }
    } else await answerBaselineItems(frame, answers, LEFT_AT);
    await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Your answers');
    await expect(eyebrow).toHaveText('Baseline check, not graded');
    // Nothing of the baseline reaches the LMS as results before it is submitted.
    expect(Object.keys((await harnessState(page)).cmi).filter((k) => /^cmi\.interactions\.\d+\.id$/.test(k))).toEqual(
      [],
    );
    await frame.getByRole('button', { name: 'Submit answers' }).click();
    await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Course menu');
    await expect(frame.getByRole('status').filter({ hasText: 'your baseline check is saved' })).toBeVisible();
    await expect(frame.getByRole('button', { name: 'Open module 1' })).toBeVisible();

    const objectiveOf = (cmi: Record<string, string>) =>
      Object.keys(cmi)
        .find((k) => /^cmi\.objectives\.\d+\.id$/.test(k) && cmi[k] === 'baseline')
        ?.replace(/\.id$/, '');
    await expect.poll(async () => objectiveOf((await harnessState(page)).cmi)).toBeDefined();
    const { cmi } = await harnessState(page);
    const id = (n: number) => cmi[`cmi.interactions.${n}.id`];
    expect(items.map((_, n) => id(n))).toEqual(
      items.map((q) => (v === '12' ? `baseline-${q.id}` : `urn:scp:baseline-${q.id}`)),
    );
    const wrong = v === '12' ? 'wrong' : 'incorrect';
    expect(items.map((_, n) => cmi[`cmi.interactions.${n}.result`])).toEqual(
      items.map((_, i) => (right(i) ? 'correct' : wrong)),
    );
    expect(items.map((_, n) => cmi[`cmi.interactions.${n}.weighting`])).toEqual(items.map(() => '0'));
    expect(items.map((_, n) => cmi[`cmi.interactions.${n}.objectives.0.id`])).toEqual(items.map((q) => q.objective));
    const response = v === '12' ? 'student_response' : 'learner_response';
    const key = (i: number) => (items[i]!.type === 'truefalse' ? null : correctOptions(items[i]!).join(','));
    if (key(0)) expect(cmi[`cmi.interactions.0.correct_responses.0.pattern`]).toBe(key(0));
    expect(cmi[`cmi.interactions.0.${response}`]).toBeTruthy();
    const n = objectiveOf(cmi)!;
    expect(cmi[`${n}.score.raw`]).toBe(String(score));
    if (v === '12') {
      expect(cmi[`${n}.status`]).toBe('completed');
      expect(cmi['cmi.core.lesson_status']).toBe('incomplete');
      expect(cmi['cmi.core.score.raw'] ?? '').toBe('');
    } else {
      expect([cmi[`${n}.success_status`], cmi[`${n}.completion_status`]]).toEqual(['unknown', 'completed']);
      expect(cmi[`${n}.score.scaled`]).toBe(String(score / 100));
      expect(cmi['cmi.completion_status']).toBe('incomplete');
      expect(cmi['cmi.success_status']).not.toBe('passed');
      expect(cmi['cmi.score.raw'] ?? '').toBe('');
    }
    // The module objectives are untouched by it.
    for (const [m, module] of course.modules.entries()) expect(cmi[`cmi.objectives.${m}.id`]).toBe(module.id);
    expect((await harnessState(page)).errors).toEqual([]);
  });
}

test.describe('its screens', () => {
  test.use({ reducedMotion: 'reduce' });

  test('introduction, a question and the summary: focus on the heading, no axe violations in either theme', async ({
    page,
  }, info) => {
    await openCourse(page);
    await press(button(page, 'Start course'), info);
    await expect(heading(page)).toHaveText('Baseline check: what you know already');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await expect(page.getByText('This is not graded.')).toBeVisible();
    // course.yaml does not let learners skip it.
    await expect(button(page, 'Skip the baseline check')).toHaveCount(0);
    await expectNoAxeViolations(page, 'baseline check introduction');
    await press(button(page, 'Start the baseline check'), info);
    await expect(page.locator('.eyebrow')).toHaveText(`Baseline question 1 of ${items.length}`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await expectNoAxeViolations(page, 'baseline question');

    await resumeCourse(page, afterBaseline({ status: 'open', answers }, 'baselineSummary'), info);
    await expect(heading(page)).toHaveText('Your answers');
    await expect(button(page, 'Submit answers')).toBeEnabled();
    await expectNoAxeViolations(page, 'baseline summary');
  });

  test('the completion screen compares each module before and after, in words', async ({ page }, info) => {
    const done = progressAt('complete', course.modules.length - 1, {
      passed: course.modules.length,
      evaluated: true,
    });
    done.baseline = { status: 'done', answers };
    await resumeCourse(page, done, info);
    await expect(heading(page)).toHaveText(`You have completed ${course.settings.title}`);
    const rows = page.getByTestId('measured-change').getByRole('listitem');
    await expect(rows).toHaveCount(course.modules.length);
    for (const [m, module] of course.modules.entries()) {
      const mine = items
        .map((q, i) => ({ q, i }))
        .filter(({ q }) => module.objectives.some((o) => o.id === q.objective));
      const correct = mine.filter(({ i }) => right(i)).length;
      const before = Math.round((100 * correct) / mine.length);
      const draw = module.quiz.draw;
      await expect(rows.nth(m)).toHaveText(
        `Module ${module.number}, ${module.title}: before ${correct} of ${mine.length} correct (${before}%), after ${draw} of ${draw} correct (100%): ${before === 100 ? 'no change' : `up ${100 - before} percentage points`}`,
      );
    }
    await expectNoAxeViolations(page, 'completion with the before-and-after comparison');
  });
});
